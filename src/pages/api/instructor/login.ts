/**
 * POST /api/instructor/login `{ email, password }` → `{ instructor, csrfToken }` and the
 * `mlsec_instructor` cookie (HttpOnly, SameSite=Strict). 401 with one message for an unknown email
 * and a wrong password; rate limited per IP and per email (429 with Retry-After).
 */
import type { APIRoute } from 'astro';
import { clientIp, setSessionCookie, instructorCookie } from '../../../workshops/auth.ts';
import { rateLimited, WorkshopError, workshopJson } from '../../../workshops/errors.ts';
import { parseBody, workshopHandle } from '../../../workshops/http.ts';
import { instructorSessionHours } from '../../../workshops/instructor-store.ts';
import { loginSchema } from '../../../workshops/schemas.ts';
import { siteWorkshops } from '../../../workshops/site.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const byIp = await wrt.limiter.hit(`login:ip:${clientIp(context)}`, wrt.limits.loginPerIp);
    if (!byIp.allowed) throw rateLimited(byIp.retryAfterSeconds, 'sign-in');
    const { email, password } = await parseBody(context.request, loginSchema);
    const byEmail = await wrt.limiter.hit(`login:email:${email}`, wrt.limits.loginPerEmail);
    if (!byEmail.allowed) throw rateLimited(byEmail.retryAfterSeconds, 'sign-in');
    const instructor = await wrt.instructors.authenticate(email, password);
    if (!instructor) throw new WorkshopError(401, 'InvalidCredentials', 'The email or the password is wrong.');
    const session = await wrt.instructors.startSession(instructor);
    setSessionCookie(context, instructorCookie, session.cookie, { sameSite: 'strict', maxAge: instructorSessionHours * 3600 });
    return workshopJson({ instructor, csrfToken: session.csrfToken });
  });
