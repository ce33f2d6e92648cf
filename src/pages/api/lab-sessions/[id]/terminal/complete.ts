/** POST /api/lab-sessions/<id>/terminal/complete — `{ line, cursor? }` → `{ candidates, from, to }`. */
import type { APIRoute } from 'astro';
import { handle, noLearner, json, readBody } from '../../../../../console/api.ts';
import { labReader } from '../../../../../workshops/site.ts';
import { completeSchema, completeTerminalLine } from '../../../../../console/terminal.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  handle(async () => {
    const req = await labReader(context);
    if (!req) throw noLearner();
    return json(await completeTerminalLine(req, context.params.id!, await readBody(context.request, completeSchema)));
  });
