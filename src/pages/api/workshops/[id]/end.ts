/**
 * POST /api/workshops/<id>/end → `{ workshop, report }`: every learner's lab sessions torn down
 * and their tenants released; the report lists what was removed per learner and any errors.
 * Calling it again retries what failed.
 */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopJson } from '../../../../workshops/errors.ts';
import { workshopHandle } from '../../../../workshops/http.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { endWorkshop } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    return workshopJson(await endWorkshop(wrt, workshop));
  });
