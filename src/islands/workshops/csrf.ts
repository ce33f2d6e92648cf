/**
 * The CSRF token of the browser's workshop session (instructor or workshop learner), shared by the
 * islands of one page: answers that carry one (login, join, `me`) store it here, and every
 * state-changing request sends it as `x-csrf-token`. A `<meta name="csrf-token">` rendered by the
 * page is the fallback. The token is not a secret from the page itself; it proves the request
 * comes from our pages (the cookie alone does not).
 */
let token: string | undefined;

export function setCsrfToken(value: string | undefined): void {
  token = value || undefined;
}

export function getCsrfToken(): string | undefined {
  if (token) return token;
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content || undefined;
}
