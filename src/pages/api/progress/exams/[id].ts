/**
 * /api/progress/exams/<id> — one finished attempt of the learner.
 *
 * GET: the whole finished session, as the exams page saved it (its results and review pages open
 * it from here when this browser no longer has it). DELETE: removes it from the history (the exams
 * page's Delete). Another learner's attempt, or an unknown id, is a 404.
 */
import type { APIRoute } from 'astro';
import { handle, json, notFound } from '../../../../console/api.ts';
import { siteReader } from '../../../../console/site-runtime.ts';

export const prerender = false;

const missing = (id: string) => notFound(`There is no finished exam session "${id}" in your history. See your history at /progress.`);

export const GET: APIRoute = (context) =>
  handle(async () => {
    const id = context.params.id!;
    const req = await siteReader(context);
    const session = req && (await req.rt.progress.exams.load(req.learner.id, id));
    if (!session) throw missing(id);
    return json(session);
  });

export const DELETE: APIRoute = (context) =>
  handle(async () => {
    const id = context.params.id!;
    const req = await siteReader(context);
    if (!req || !(await req.rt.progress.exams.remove(req.learner.id, id))) throw missing(id);
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  });
