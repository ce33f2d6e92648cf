import type { Page, Request } from 'playwright-core';

/**
 * Collects everything on a page that a visitor would call broken: console errors, uncaught
 * exceptions, failed requests and HTTP error responses. Attach before navigating.
 *
 * A request the browser aborted because the page navigated away while it was in flight (a script of
 * the page being left, under load) is not a failure of the site, so it is not collected; an aborted
 * request with no navigation after it is.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  let navigations = 0;
  const startedAt = new WeakMap<Request, number>();
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  page.on('request', (request) => startedAt.set(request, navigations));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    const leftBehind = reason.includes('ERR_ABORTED') && !request.isNavigationRequest() && navigations !== startedAt.get(request);
    if (!leftBehind) errors.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}
