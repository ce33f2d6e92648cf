/**
 * /api/progress/exams — the learner's exam history (finished attempts), tied to the
 * `mlsec_learner` cookie like lessons read.
 *
 * GET: `{ attempts, recentBySyllabusItem }` (newest first; a browser that is not a learner yet has none).
 * POST: records a finished session (the exams page sends it when it is submitted). Idempotent by
 * the session's id: 201 `{ created: true, attempt }` the first time, 200 `{ created: false, attempt }`
 * after that. A body that is not a finished session, or is over 64 KiB, is a 400 ValidationException
 * naming the field.
 */
import type { APIRoute } from 'astro';
import { handle, json, readBody } from '../../../../console/api.ts';
import { finishedSessionSchema } from '../../../../console/exam-history.ts';
import { siteReader, siteRequest } from '../../../../console/site-runtime.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await siteReader(context);
    return json(req ? await req.rt.progress.exams.history(req.learner.id) : { attempts: [], recentBySyllabusItem: {} });
  });

export const POST: APIRoute = (context) =>
  handle(async () => {
    const session = await readBody(context.request, finishedSessionSchema);
    const req = await siteRequest(context);
    const recorded = await req.rt.progress.exams.record(req.learner.id, session);
    return json(recorded, recorded.created ? 201 : 200);
  });
