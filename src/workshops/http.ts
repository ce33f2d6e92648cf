/**
 * Route plumbing for the workshop API: a handler wrapper that turns thrown errors into the
 * contract's JSON errors, and body parsing with zod that lists every invalid field.
 */
import type { z } from 'zod';
import { toApiError } from '../console/api.ts';
import { WorkshopError, validationFailed, workshopErrorResponse } from './errors.ts';

export async function workshopHandle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof WorkshopError) return workshopErrorResponse(error);
    // The lab engine's errors (busy session, unreachable target …) keep their status and code;
    // anything unexpected becomes a logged 500.
    const api = toApiError(error);
    return workshopErrorResponse(new WorkshopError(api.status, api.code, api.message));
  }
}

/** Validates a JSON body; every problem is listed as `field: message`. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw validationFailed(`Send the body as JSON with "content-type: application/json" (got "${type || 'none'}").`, [{ path: 'body', message: 'is not JSON' }]);
  const text = await request.text();
  if (text.length > 16 * 1024) throw validationFailed(`The body is ${text.length} bytes; the limit is 16384.`, [{ path: 'body', message: 'is too large' }]);
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw validationFailed(`The body is not valid JSON: ${(error as Error).message}.`, [{ path: 'body', message: 'is not valid JSON' }]);
  }
  return parseValue(raw, schema);
}

export function parseValue<S extends z.ZodType>(raw: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : 'body', message: i.message }));
  throw validationFailed(`The request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, issues);
}
