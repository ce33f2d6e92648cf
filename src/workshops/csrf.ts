/**
 * Cross-site request forgery defence for state-changing requests (POST, PUT, PATCH, DELETE under
 * /api), applied by src/middleware.ts:
 * - a caller with a session (instructor or workshop learner) must send `x-csrf-token` equal to the
 *   token of that session (synchroniser token; pages get it from the `me` endpoints);
 * - every unsafe request whose browser says where it comes from must come from this site: the
 *   Origin header (or, without one, Sec-Fetch-Site) must be same-origin. This is what protects the
 *   anonymous self-paced endpoints, whose cookie is SameSite=Lax. Clients that send neither header
 *   are not browsers and cannot be driven by another site.
 */
import { WorkshopError } from './errors.ts';
import { sameSecret } from './tokens.ts';

export const csrfHeader = 'x-csrf-token';
export const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireCsrfToken(request: Request, expected: string): void {
  const sent = request.headers.get(csrfHeader);
  if (!sent) throw new WorkshopError(403, 'CsrfTokenMissing', `This request changes something and needs the ${csrfHeader} header with your session's CSRF token (from /api/instructor/me or /api/workshop-learner/me). Reload the page and try again.`);
  if (!sameSecret(sent, expected)) throw new WorkshopError(403, 'CsrfTokenInvalid', `The ${csrfHeader} header does not match your session (it may be from an older sign-in). Reload the page and try again.`);
}

/** Origins allowed besides the request's own (MLSEC_ALLOWED_ORIGINS, comma-separated; for a proxy that rewrites Host). */
export function allowedOrigins(url: URL, env: NodeJS.ProcessEnv = process.env): Set<string> {
  const extra = (env.MLSEC_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  return new Set([url.origin, ...extra]);
}

export function requireSameOrigin(request: Request, url: URL, env: NodeJS.ProcessEnv = process.env): void {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (!allowedOrigins(url, env).has(origin)) {
      throw new WorkshopError(403, 'CsrfOriginRefused', `A request from ${origin === 'null' ? 'an opaque origin' : origin} may not change anything on ${url.origin}. Use the site's own pages (set MLSEC_ALLOWED_ORIGINS if a proxy serves it under another name).`);
    }
    return;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    throw new WorkshopError(403, 'CsrfOriginRefused', `A ${site} request may not change anything here. Use the site's own pages.`);
  }
}
