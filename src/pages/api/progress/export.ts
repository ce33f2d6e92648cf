/** GET /api/progress/export — the learner's server-side progress as an `mlsec-progress` JSON profile (the page adds exam data). */
import type { APIRoute } from 'astro';
import { handle, json } from '../../../console/api.ts';
import { siteReader } from '../../../console/site-runtime.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await siteReader(context);
    const profile = req ? await req.rt.progress.export(req.learner.id) : { format: 'mlsec-progress', version: 1, exportedAt: new Date().toISOString(), lessonsRead: [], labs: [] };
    return json(profile, 200, { 'content-disposition': 'attachment; filename="mlsec-progress.json"' });
  });
