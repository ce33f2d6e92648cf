/**
 * Request checks before any API route runs: CSRF defence on every state-changing request under
 * /api (see src/workshops/csrf.ts).
 * - Every unsafe request from a browser must come from this site (Origin / Sec-Fetch-Site).
 * - Instructor endpoints (/api/instructor/**, /api/workshops/** except join): when the caller has
 *   an instructor session, `x-csrf-token` must match it. Without a session the route refuses anyway.
 * - Everything else (lab console, progress, workshop learner): when the caller has a workshop learner
 *   session, `x-csrf-token` must match it; anonymous self-paced learners rely on the origin check
 *   and their SameSite=Lax cookie.
 * Sign-in and join create the session, so they have no token to check yet: the origin check covers them.
 */
import { defineMiddleware } from 'astro:middleware';
import { instructorSession, learnerSession } from './workshops/auth.ts';
import { requireCsrfToken, requireSameOrigin, unsafeMethods } from './workshops/csrf.ts';
import { WorkshopError, workshopErrorResponse } from './workshops/errors.ts';
import { siteWorkshops } from './workshops/site.ts';

const tokenless = new Set(['/api/instructor/login', '/api/workshops/join']);

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
      } else if (!instructorArea && context.cookies.get('mlsec_workshop_learner')?.value) {
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
