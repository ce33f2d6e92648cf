/** POST /api/workshops/<id>/learners/<learnerId>/labs/<labId>/reset → `{ row }`: the learner's lab back to its starting state. */
import type { APIRoute } from 'astro';
import { requireOwnWorkshop } from '../../../../../../../../workshops/auth.ts';
import { workshopJson } from '../../../../../../../../workshops/errors.ts';
import { workshopHandle } from '../../../../../../../../workshops/http.ts';
import { siteWorkshops } from '../../../../../../../../workshops/site.ts';
import { resetLearnerLab } from '../../../../../../../../workshops/workshop-service.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  workshopHandle(async () => {
    const wrt = await siteWorkshops();
    const { workshop } = await requireOwnWorkshop(wrt, context.cookies, context.params.id);
    return workshopJson({ row: await resetLearnerLab(wrt, workshop, context.params.learnerId!, context.params.labId!) });
  });
