/**
 * A workshop learner as a lab console caller: their sessions are owned by
 * `workshop-learner:<id>`, run on their own tenant (provisioned on the first lab start), are limited
 * to the workshop's labs (403 otherwise) and can be worked on only while the workshop runs.
 */
import { ApiError } from '../console/api.ts';
import type { LabCaller } from '../console/sessions.ts';
import type { Target } from '../aws/index.ts';
import { learnerOwner } from './dashboard.ts';
import type { Tenant } from './tenants.ts';
import type { WorkshopRuntime } from './workshop-runtime.ts';
import { workshopState, type WorkshopLearner, type WorkshopRecord } from './workshop-store.ts';

/** The learner's tenant, provisioning it the first time (a concurrent second provision is released again). */
export async function ensureTenant(wrt: WorkshopRuntime, learner: WorkshopLearner): Promise<Tenant> {
  if (learner.tenant) return learner.tenant;
  const fresh = await wrt.workshops.learner(learner.id);
  if (fresh?.tenant) return (learner.tenant = fresh.tenant);
  const tenant = await wrt.tenants.provision({ workshopId: learner.workshopId, learnerId: learner.id });
  const { stored, won } = await wrt.workshops.setTenantIfAbsent(learner.id, tenant);
  if (!won) await wrt.tenants.release(tenant).catch(() => undefined);
  learner.tenant = stored;
  return stored;
}

export function openLearnerTarget(wrt: WorkshopRuntime, learner: WorkshopLearner): Promise<Target> {
  return ensureTenant(wrt, learner).then((tenant) => wrt.tenants.openTarget(tenant));
}

export function workshopLabCaller(wrt: WorkshopRuntime, learner: WorkshopLearner, workshop: WorkshopRecord): LabCaller {
  const owner = learnerOwner(learner.id);
  return {
    rt: wrt.rt,
    owner,
    service: wrt.rt.serviceForOwner(owner, () => openLearnerTarget(wrt, learner)),
    scope: {
      lab(labId) {
        if (!workshop.labIds.includes(labId)) {
          throw new ApiError(403, 'AccessDeniedException', `The lab "${labId}" is not part of your workshop "${workshop.title}". Its labs: ${workshop.labIds.join(', ')}.`);
        }
      },
      async act() {
        // Read again: the instructor may have ended or extended it since (from any instance).
        const current = (await wrt.workshops.get(workshop.id)) ?? workshop;
        const state = workshopState(current);
        if (state === 'ended') throw new ApiError(409, 'ConflictException', `The workshop "${current.title}" has ended: labs can no longer be started or changed. Your results stay visible on /workshop.`);
        if (state === 'scheduled') throw new ApiError(409, 'ConflictException', `The workshop "${current.title}" starts at ${current.startsAt}. Labs open then.`);
      },
    },
  };
}
