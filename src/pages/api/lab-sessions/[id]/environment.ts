/** GET /api/lab-sessions/<id>/environment — `{ variables, exports }` for the learner's own AWS CLI (their session only). */
import type { APIRoute } from 'astro';
import { handle, json, noLearner } from '../../../../console/api.ts';
import { sessionEnvironment } from '../../../../console/environment-export.ts';
import { labReader } from '../../../../workshops/site.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  handle(async () => {
    const req = await labReader(context);
    if (!req) throw noLearner();
    return json(await sessionEnvironment(req, context.params.id!));
  });
