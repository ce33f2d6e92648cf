/**
 * POST /api/lab-sessions/<id>/actions — one learner action, answered when the session rests again:
 *   { "action": "check" } | { "action": "hint", "taskId"?: … } | { "action": "solve", "taskId"?: …, "confirm": true }
 *   | { "action": "reset" } | { "action": "teardown" } | { "action": "retry" } | { "action": "answer", "questionId": …, "answer": … }
 */
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { handle, noLearner, json, readBody } from '../../../../console/api.ts';
import { act, parseAction } from '../../../../console/sessions.ts';
import { labReader } from '../../../../workshops/site.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  handle(async () => {
    const req = await labReader(context);
    if (!req) throw noLearner();
    const action = parseAction(await readBody(context.request, z.unknown()));
    return json({ view: await act(req, context.params.id!, action) });
  });
