/** GET /api/workshops/<id>/results.csv → text/csv, one row per learner × lab (formula-safe for spreadsheets). */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopHandle } from '../../../../workshops/http.ts';
import { resultsCsv } from '../../../../workshops/results.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { resultsOf } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    return new Response(resultsCsv(await resultsOf(wrt, workshop)), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', 'content-disposition': `attachment; filename="workshop-${workshop.id}-results.csv"` },
    });
  });
