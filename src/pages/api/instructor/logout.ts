/** POST /api/instructor/logout → 204; the session is deleted on the server and the cookie cleared. */
import type { APIRoute } from 'astro';
import { clearSessionCookie, instructorCookie, requireInstructor } from '../../../workshops/auth.ts';
import { workshopJson } from '../../../workshops/errors.ts';
import { workshopHandle } from '../../../workshops/http.ts';
import { siteWorkshops } from '../../../workshops/site.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    await requireInstructor(wrt, context.cookies);
    await wrt.instructors.endSession(context.cookies.get(instructorCookie)!.value);
    clearSessionCookie(context, instructorCookie, 'strict');
    return workshopJson(null, 204);
  });
