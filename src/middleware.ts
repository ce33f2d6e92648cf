/**
 * Request checks before any API route runs: CSRF defence on every state-changing request under
 * /api (see src/workshops/csrf.ts).
 * - Every unsafe request from a browser must come from this site (Origin / Sec-Fetch-Site).
 * - Instructor endpoints (/api/instructor/**, /api/workshops/** except join): when the caller has
 *   an instructor session, `x-csrf-token` must match it. Without a session the route refuses anyway.
 * - The lab console and the workshop learner's endpoints: when the caller has a workshop learner
 *   session, `x-csrf-token` must match it; anonymous self-paced learners (and the progress endpoints,
 *   which always act for the anonymous learner) rely on the origin check and the SameSite=Lax cookie.
 * Sign-in and join create the session, so they have no token to check yet: the origin check covers them.
 */
import { defineMiddleware } from 'astro:middleware';
import { instructorSession, learnerSession } from './workshops/auth.ts';
import { requireCsrfToken, requireSameOrigin, unsafeMethods } from './workshops/csrf.ts';
import { WorkshopError, workshopErrorResponse } from './workshops/errors.ts';
import { siteWorkshops } from './workshops/site.ts';

const tokenless = new Set(['/api/instructor/login', '/api/workshops/join']);

/** Where a workshop learner acts as themselves (elsewhere, e.g. /api/progress, they are the anonymous learner). */
const learnerArea = (path: string) => path.startsWith('/api/labs/') || path.startsWith('/api/lab-sessions/') || path.startsWith('/api/workshop-learner/');

export const onRequest = defineMiddleware(async (context, next) => {
  const path = context.url.pathname.replace(/\/+$/, '');
  if (!path.startsWith('/api/')) return next();
  // The first API request of the process starts the workshop runtime (and its overdue-workshop timer).
  void siteWorkshops().catch(() => undefined);
  if (!unsafeMethods.has(context.request.method)) return next();
  try {
    requireSameOrigin(context.request, context.url);
    if (!tokenless.has(path)) {
      const instructorArea = path.startsWith('/api/instructor/') || path.startsWith('/api/workshops/') || path === '/api/workshops';
      if (instructorArea && context.cookies.get('mlsec_instructor')?.value) {
        const session = await instructorSession(await siteWorkshops(), context.cookies);
        if (session) requireCsrfToken(context.request, session.csrfToken);
      } else if (learnerArea(path) && context.cookies.get('mlsec_workshop_learner')?.value) {
        const learner = await learnerSession(await siteWorkshops(), context.cookies);
        if (learner) requireCsrfToken(context.request, learner.csrfToken);
      }
    }
  } catch (error) {
    if (error instanceof WorkshopError) return workshopErrorResponse(error);
    throw error;
  }
  return next();
});
