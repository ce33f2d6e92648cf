/**
 * Errors of the workshop API: `{ "error": { "code", "message" } }` with the HTTP status the contract
 * names (400 validation, 401 not signed in, 403 wrong role / not yours / CSRF, 404, 409, 429).
 * Messages never echo another person's data.
 */
export class WorkshopError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly details?: unknown;
  constructor(status: number, code: string, message: string, options: { headers?: Record<string, string>; details?: unknown } = {}) {
    super(message);
    this.name = 'WorkshopError';
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

export const validationFailed = (message: string, issues: { path: string; message: string }[]) => new WorkshopError(400, 'ValidationFailed', message, { details: issues });
export const notSignedIn = (message = 'Sign in as an instructor first (POST /api/instructor/login).') => new WorkshopError(401, 'NotSignedIn', message);
export const wrongRole = (message: string) => new WorkshopError(403, 'Forbidden', message);
export const notYours = () => new WorkshopError(403, 'NotYourWorkshop', 'That workshop is not one of yours. Open your workshops at /instructor.');
export const workshopNotFound = (what = 'workshop') => new WorkshopError(404, 'NotFound', `There is no such ${what}.`);
export const workshopConflict = (message: string) => new WorkshopError(409, 'Conflict', message);
export const rateLimited = (retryAfterSeconds: number, what: string) =>
  new WorkshopError(429, 'RateLimited', `Too many ${what} attempts. Wait ${retryAfterSeconds} s, then try again.`, { headers: { 'retry-after': String(retryAfterSeconds) } });

export function workshopJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { ...(status === 204 ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'cache-control': 'no-store', ...headers } });
}

export function workshopErrorResponse(error: WorkshopError): Response {
  const body: { error: { code: string; message: string; issues?: unknown } } = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.issues = error.details;
  return workshopJson(body, error.status, error.headers);
}
