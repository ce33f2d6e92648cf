/** POST /api/workshops/<id>/extend `{ minutes: 1..600 }` → `{ workshop }` with the later end. */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopJson } from '../../../../workshops/errors.ts';
import { parseBody, workshopHandle } from '../../../../workshops/http.ts';
import { extendSchema } from '../../../../workshops/schemas.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { extendWorkshop } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    const { minutes } = await parseBody(context.request, extendSchema);
    return workshopJson({ workshop: await extendWorkshop(wrt, workshop, minutes) });
  });
