/**
 * JSON in and out of the console's API routes. Errors are shaped as AWS's JSON protocols shape them
 * (`{"__type": "ValidationException", "message": "…"}`, the code also in `x-amzn-ErrorType`) with
 * AWS's HTTP statuses, and every message says what was wrong and what to do next.
 */
import { z } from 'zod';
import { SessionBusyError, SessionConflictError, SessionError, LabUnavailableError } from '../labs/index.ts';
import { SandboxRefusedError, TargetConfigError, TargetUnreachableError, AwsCallError, formatAwsError, isNetworkError } from '../aws/index.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export const notFound = (message: string) => new ApiError(404, 'ResourceNotFoundException', message);
export const invalid = (message: string) => new ApiError(400, 'ValidationException', message);
export const conflict = (message: string) => new ApiError(409, 'ConflictException', message);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

export function errorResponse(error: ApiError): Response {
  return json({ __type: error.code, message: error.message }, error.status, { 'x-amzn-errortype': error.code });
}

/** Maps what the engines throw to an API error; anything unexpected becomes InternalFailure (and is logged). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof SessionBusyError || error instanceof SessionConflictError) return conflict(error.message);
  if (error instanceof LabUnavailableError) return new ApiError(409, 'ConflictException', error.message);
  if (error instanceof SessionError) return conflict(error.message);
  if (error instanceof SandboxRefusedError) return new ApiError(403, 'AccessDeniedException', error.message);
  if (error instanceof TargetConfigError) return new ApiError(503, 'ServiceUnavailableException', `The lab environment is not configured: ${error.message}`);
  if (error instanceof TargetUnreachableError) return new ApiError(503, 'ServiceUnavailableException', `${error.message}. Is the emulator running? \`npm start\` starts it.`);
  if (error instanceof AwsCallError) {
    const status = isNetworkError(error.info) ? 503 : 502;
    return new ApiError(status, status === 503 ? 'ServiceUnavailableException' : 'InternalFailure', formatAwsError(error.info));
  }
  console.error('lab console: unexpected error', error);
  return new ApiError(500, 'InternalFailure', `The server failed unexpectedly: ${(error as Error)?.message ?? String(error)}. Nothing was lost; reload the page and try again.`);
}

/** Runs a route handler, turning thrown errors into AWS-style responses. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return errorResponse(toApiError(error));
  }
}

/**
 * Reads and validates a JSON body; a body that is not JSON, or not the right shape, is a
 * ValidationException naming the field. Bodies are limited to 64 KiB unless `maxBytes` says otherwise.
 */
export async function readBody<T>(request: Request, schema: z.ZodType<T>, options: { maxBytes?: number } = {}): Promise<T> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw invalid(`Send the request body as JSON with "content-type: application/json" (got "${type || 'none'}").`);
  const text = await request.text();
  const limit = options.maxBytes ?? 64 * 1024;
  if (text.length > limit) throw invalid(`The request body is ${text.length} bytes; the limit is ${limit}.`);
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw invalid(`The request body is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/** A session route called by a browser that has no learner cookie (or an unknown one). */
export const noLearner = () => notFound('No lab session of yours was found: this browser has not started a lab yet (or its cookies were cleared). Open a lab page and press Start.');
