/**
 * GET /api/progress/export — the learner's progress as an `mlsec-progress` JSON profile: lessons
 * read, labs, and exam history (finished sessions in `exams.sessions`). The progress page adds the
 * browser's sessions in progress and drill schedule.
 */
import type { APIRoute } from 'astro';
import { handle, json } from '../../../console/api.ts';
import { siteReader } from '../../../console/site-runtime.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await siteReader(context);
    const profile = req ? await req.rt.progress.export(req.learner.id) : { format: 'mlsec-progress', version: 1, exportedAt: new Date().toISOString(), lessonsRead: [], labs: [], exams: { sessions: [] } };
    return json(profile, 200, { 'content-disposition': 'attachment; filename="mlsec-progress.json"' });
  });
