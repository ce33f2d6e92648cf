/** GET /api/instructor/me → `{ instructor, csrfToken }`, or 401 when not signed in. */
import type { APIRoute } from 'astro';
import { instructorSession } from '../../../workshops/auth.ts';
import { notSignedIn, workshopJson } from '../../../workshops/errors.ts';
import { workshopHandle } from '../../../workshops/http.ts';
import { siteWorkshops } from '../../../workshops/site.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const session = await instructorSession(await siteWorkshops(), context.cookies);
    if (!session) throw notSignedIn();
    return workshopJson({ instructor: session.instructor, csrfToken: session.csrfToken });
  });
