/**
 * GET /api/workshop-learner/me → `{ learner, workshop, messages, csrfToken }` for the workshop
 * learner of this browser; 401 without one. Only the learner's own workshop, no other learner.
 */
import type { APIRoute } from 'astro';
import { requireLearner } from '../../../workshops/auth.ts';
import { workshopJson, workshopNotFound } from '../../../workshops/errors.ts';
import { workshopHandle } from '../../../workshops/http.ts';
import { siteWorkshops } from '../../../workshops/site.ts';
import { workshopState } from '../../../workshops/workshop-store.ts';

export const prerender = false;

export const GET: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const learner = await requireLearner(wrt, context.cookies);
    const workshop = await wrt.workshops.get(learner.workshopId);
    if (!workshop) throw workshopNotFound();
    return workshopJson({
      learner: { id: learner.id, displayName: learner.displayName, accountId: learner.tenant?.accountId ?? '' },
      workshop: { id: workshop.id, title: workshop.title, labIds: workshop.labIds, startsAt: workshop.startsAt, endsAt: workshop.endsAt, state: workshopState(workshop) },
      messages: await wrt.workshops.messages(workshop.id),
      csrfToken: learner.csrfToken,
    });
  });
