/** POST /api/workshops/<id>/broadcast `{ message: 1..500 chars }` → `{ message: { id, at, text } }`. */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopJson } from '../../../../workshops/errors.ts';
import { parseBody, workshopHandle } from '../../../../workshops/http.ts';
import { broadcastSchema } from '../../../../workshops/schemas.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { broadcast } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    const { message } = await parseBody(context.request, broadcastSchema);
    return workshopJson({ message: await broadcast(wrt, workshop, message) }, 201);
  });
