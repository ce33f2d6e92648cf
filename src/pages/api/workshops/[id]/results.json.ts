/** GET /api/workshops/<id>/results.json → `{ workshop, results }` (one row per learner × lab). */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopJson } from '../../../../workshops/errors.ts';
import { workshopHandle } from '../../../../workshops/http.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { describeWorkshop, resultsOf } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    const body = { workshop: await describeWorkshop(wrt, workshop), results: await resultsOf(wrt, workshop) };
    return workshopJson(body, 200, { 'content-disposition': `attachment; filename="workshop-${workshop.id}-results.json"` });
  });
