/**
 * GET  /api/workshops → `{ workshops }` (the instructor's own, newest first)
 * POST /api/workshops `{ title, labIds, startsAt, endsAt, maxLearners, leaderboard }` → 201 `{ workshop }`
 */
import type { APIRoute } from 'astro';
import { requireInstructor } from '../../../workshops/auth.ts';
import { workshopJson } from '../../../workshops/errors.ts';
import { parseBody, workshopHandle } from '../../../workshops/http.ts';
import { createWorkshopSchema } from '../../../workshops/schemas.ts';
import { siteWorkshops } from '../../../workshops/site.ts';
import { createWorkshop, listWorkshops } from '../../../workshops/workshop-service.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { instructor } = await requireInstructor(wrt, context.cookies);
    return workshopJson({ workshops: await listWorkshops(wrt, instructor) });
  });

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { instructor } = await requireInstructor(wrt, context.cookies);
    const input = await parseBody(context.request, createWorkshopSchema);
    return workshopJson({ workshop: await createWorkshop(wrt, instructor, input) }, 201);
  });
