/** GET /api/lab-sessions/<id> — the session as the lab page shows it. */
import type { APIRoute } from 'astro';
import { handle, noLearner, json } from '../../../../console/api.ts';
import { ownSession, viewOf } from '../../../../console/sessions.ts';
import { labReader } from '../../../../workshops/site.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await labReader(context);
    if (!req) throw noLearner();
    return json({ view: viewOf(req, await ownSession(req, context.params.id!)) });
  });
