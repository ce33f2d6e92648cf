/** GET /api/lab-sessions/<id>/events — server-sent events: `session` with the view whenever it changes. */
import type { APIRoute } from 'astro';
import { handle, noLearner } from '../../../../console/api.ts';
import { sessionEventStream } from '../../../../console/live.ts';
import { ownSession, viewOf } from '../../../../console/sessions.ts';
import { siteReader } from '../../../../console/site-runtime.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await siteReader(context);
    if (!req) throw noLearner();
    const id = context.params.id!;
    await ownSession(req, id);
    const stream = sessionEventStream({
      read: () => req.rt.sessions.get(id),
      // Polled often: a small row read; the whole session is read only when this changes.
      stamp: async () => {
        const stamp = await req.rt.sessions.stamp(id);
        return stamp && `${stamp.version}|${stamp.updatedAt}|${req.rt.busy(id) ?? ''}`;
      },
      view: (record) => viewOf(req, record),
      signal: context.request.signal,
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
  });
