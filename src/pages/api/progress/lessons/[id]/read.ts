/**
 * POST /api/progress/lessons/<id>/read — records that the learner read a lesson. Lesson pages post
 * here with a plain form (they ship no JavaScript), so a browser is sent on to /progress (303);
 * a JSON client gets `{ lessonsRead }`.
 */
import type { APIRoute } from 'astro';
import { getSiteLessons } from '../../../../../components/site/lessons.ts';
import { handle, json, notFound } from '../../../../../console/api.ts';
import { siteRequest } from '../../../../../console/site-runtime.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  handle(async () => {
    const id = context.params.id!;
    const lessons = await getSiteLessons();
    if (!lessons.some((l) => l.id === id)) throw notFound(`There is no lesson "${id}". See every lesson at /lessons.`);
    const req = await siteRequest(context);
    await req.rt.progress.markRead(req.learner.id, id);
    if ((context.request.headers.get('accept') ?? '').includes('text/html')) return context.redirect(`/progress?read=${encodeURIComponent(id)}`, 303);
    return json({ lessonsRead: (await req.rt.progress.of(req.learner.id)).lessonsRead });
  });
