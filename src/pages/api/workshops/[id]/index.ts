/** GET /api/workshops/<id> → `{ workshop, dashboard }` (the owning instructor only). */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopJson } from '../../../../workshops/errors.ts';
import { workshopHandle } from '../../../../workshops/http.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { dashboardOf, describeWorkshop } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    return workshopJson({ workshop: await describeWorkshop(wrt, workshop), dashboard: await dashboardOf(wrt, workshop) });
  });
