/**
 * GET /api/workshops/<id>/events — server-sent events: `dashboard` with the Dashboard whenever it
 * changes. It reads the database once a second, so it shows work done by any app instance.
 */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../workshops/auth.ts';
import { workshopHandle } from '../../../../workshops/http.ts';
import { dashboardEventStream } from '../../../../workshops/live.ts';
import { siteWorkshops } from '../../../../workshops/site.ts';
import { dashboardOf } from '../../../../workshops/workshop-service.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    const stream = dashboardEventStream({
      read: async () => {
        const current = await wrt.workshops.get(workshop.id);
        return current && dashboardOf(wrt, current);
      },
      signal: context.request.signal,
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
  });
