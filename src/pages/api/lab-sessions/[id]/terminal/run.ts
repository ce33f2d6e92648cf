/** POST /api/lab-sessions/<id>/terminal/run — `{ line, columns? }` → `{ exitCode, stdout, stderr, durationMs }`. */
import type { APIRoute } from 'astro';
import { handle, noLearner, json, readBody } from '../../../../../console/api.ts';
import { labReader } from '../../../../../workshops/site.ts';
import { runSchema, runTerminalLine } from '../../../../../console/terminal.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  handle(async () => {
    const req = await labReader(context);
    if (!req) throw noLearner();
    return json(await runTerminalLine(req, context.params.id!, await readBody(context.request, runSchema)));
  });
