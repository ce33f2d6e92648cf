/**
 * POST /api/workshops/join `{ code, displayName }` → 201 `{ workshopId, learnerId, csrfToken }` and
 * the `mlsec_workshop_learner` cookie (HttpOnly, SameSite=Lax). 404 for an unknown code (the same
 * answer for every wrong code), 409 when full, ended or the name is taken; rate limited per IP and
 * per code (429 with Retry-After).
 */
import type { APIRoute } from 'astro';
import { clientIp, learnerCookieMaxAge, setSessionCookie, workshopLearnerCookie } from '../../../workshops/auth.ts';
import { workshopJson } from '../../../workshops/errors.ts';
import { parseBody, workshopHandle } from '../../../workshops/http.ts';
import { joinSchema } from '../../../workshops/schemas.ts';
import { siteWorkshops } from '../../../workshops/site.ts';
import { joinWorkshop } from '../../../workshops/workshop-service.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const input = await parseBody(context.request, joinSchema);
    const { workshop, learner, cookie } = await joinWorkshop(wrt, { ...input, ip: clientIp(context) });
    setSessionCookie(context, workshopLearnerCookie, cookie, { sameSite: 'lax', maxAge: learnerCookieMaxAge(workshop) });
    return workshopJson({ workshopId: workshop.id, learnerId: learner.id, csrfToken: learner.csrfToken }, 201);
  });
