/**
 * GET  /api/labs/<labId>/session — the learner's latest session of the lab (`{ view: null }` if none).
 * POST /api/labs/<labId>/session — starts a session: preflight and provisioning, answered when the
 *      environment is ready (progress meanwhile on the session's event stream).
 */
import type { APIRoute } from 'astro';
import { handle, json } from '../../../../console/api.ts';
import { latestSession, startSession, viewOf } from '../../../../console/sessions.ts';
import { siteRuntime } from '../../../../console/site-runtime.ts';
import { labActor, labReader } from '../../../../workshops/site.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await labReader(context);
    if (!req) {
      (await siteRuntime()).lab(context.params.labId!);
      return json({ view: null });
    }
    const record = await latestSession(req, context.params.labId!);
    return json({ view: record ? viewOf(req, record) : null });
  });

export const POST: APIRoute = (context) =>
  handle(async () => {
    const req = await labActor(context);
    return json({ view: await startSession(req, context.params.labId!) }, 201);
  });
