/**
 * The workshop runtime of the built site (one per process, over the console's runtime), and the
 * lab console caller of a request: the workshop learner its cookie names, else the anonymous learner.
 * Only pages, API routes and the middleware import this file.
 */
import type { AstroCookies } from 'astro';
import type { LabCaller } from '../console/sessions.ts';
import { siteReader, siteRequest, siteRuntime } from '../console/site-runtime.ts';
import { learnerSession } from './auth.ts';
import { autoEndGraceFromEnv, startAutoEnd } from './auto-end.ts';
import { workshopLabCaller } from './learner-access.ts';
import { createWorkshopRuntime, type WorkshopRuntime } from './workshop-runtime.ts';

let runtime: Promise<WorkshopRuntime> | undefined;

export function siteWorkshops(): Promise<WorkshopRuntime> {
  runtime ??= siteRuntime()
    .then((rt) => {
      const wrt = createWorkshopRuntime(rt);
      const graceMinutes = autoEndGraceFromEnv();
      if (graceMinutes !== undefined) {
        startAutoEnd(wrt, {
          graceMinutes,
          onEnded: (id, report) => console.log(`mlsec-sim: workshop ${id} ended automatically ${graceMinutes} min after its end time; ${report.removedCount} resources removed.`),
          onError: (error) => console.error(`mlsec-sim: ending overdue workshops failed (will retry in a minute): ${(error as Error).message}`),
        });
      }
      return wrt;
    })
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  return runtime;
}

/** The workshop learner behind the request as a lab caller, if the request carries a valid learner cookie. */
export async function workshopCaller(context: { cookies: AstroCookies }): Promise<LabCaller | undefined> {
  if (!context.cookies.get('mlsec_workshop_learner')?.value) return undefined;
  const wrt = await siteWorkshops();
  const learner = await learnerSession(wrt, context.cookies);
  if (!learner) return undefined;
  const workshop = await wrt.workshops.get(learner.workshopId);
  return workshop && workshopLabCaller(wrt, learner, workshop);
}

/** A lab console request that acts: a workshop learner, else the anonymous learner (created if needed). */
export async function labActor(context: { cookies: AstroCookies; url: URL }): Promise<LabCaller> {
  return (await workshopCaller(context)) ?? siteRequest(context);
}

/** A lab console request that reads: a workshop learner, else the anonymous learner if the browser is one. */
export async function labReader(context: { cookies: AstroCookies }): Promise<LabCaller | undefined> {
  return (await workshopCaller(context)) ?? siteReader(context);
}
