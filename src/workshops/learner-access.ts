/**
 * A workshop learner as a lab console caller: their sessions are owned by
 * `workshop-learner:<id>`, run on their own tenant (provisioned on the first lab start), are limited
 * to the workshop's labs (403 otherwise) and can be worked on only while the workshop runs.
 */
import { ApiError } from '../console/api.ts';
import type { LabCaller } from '../console/sessions.ts';
import { TargetConfigError, TenantError, type Target } from '../aws/index.ts';
import { learnerOwner } from './dashboard.ts';
import type { Tenant, TenantProvider } from './tenants.ts';
import type { WorkshopRuntime } from './workshop-runtime.ts';
import { workshopState, type WorkshopLearner, type WorkshopRecord } from './workshop-store.ts';

/** Provisioning is one at a time in a process, so the pool's `inUse` is never stale within it. */
let provisioning: Promise<unknown> = Promise.resolve();

/**
 * The learner's tenant, provisioning it the first time. A concurrent second provision (another
 * request or instance won) is released again; a pool account leased twice across instances is
 * caught by the unique `tenant_id`, released, and leased anew.
 */
export async function ensureTenant(wrt: WorkshopRuntime, learner: WorkshopLearner): Promise<Tenant> {
  if (learner.tenant && !learner.tenant.releasedAt) return learner.tenant;
  const fresh = await wrt.workshops.learner(learner.id);
  if (fresh?.tenant) {
    if (fresh.tenant.releasedAt) throw new ApiError(409, 'ConflictException', 'Your lab account was returned when the workshop ended; labs can no longer be started.');
    return (learner.tenant = fresh.tenant);
  }
  const provider = tenantProvider(wrt);
  const run = provisioning.then(async () => {
    for (let attempt = 0; ; attempt++) {
      const tenant = await provider.provision({ workshopId: learner.workshopId, learnerId: learner.id, inUse: await wrt.workshops.tenantsInUse() }).catch(asApiError);
      try {
        const { stored, won } = await wrt.workshops.setTenantIfAbsent(learner.id, tenant);
        if (!won) await provider.release(tenant).catch(() => undefined);
        return stored;
      } catch (error) {
        if (attempt >= 2 || !/unique|duplicate/i.test((error as Error).message)) throw error;
      }
    }
  });
  provisioning = run.catch(() => undefined);
  learner.tenant = await run;
  return learner.tenant;
}

/** The provider, or a 503 naming the configuration problem (an account pool without roles …). */
export function tenantProvider(wrt: WorkshopRuntime): TenantProvider {
  try {
    return wrt.tenants();
  } catch (error) {
    return asApiError(error);
  }
}

function asApiError(error: unknown): never {
  if (error instanceof TenantError) throw new ApiError(error.code === 'PoolExhausted' ? 409 : 503, error.code === 'PoolExhausted' ? 'ConflictException' : 'ServiceUnavailableException', error.message);
  if (error instanceof TargetConfigError) throw new ApiError(503, 'ServiceUnavailableException', `Workshop accounts are not configured: ${error.message}`);
  throw error;
}

export function openLearnerTarget(wrt: WorkshopRuntime, learner: WorkshopLearner): Promise<Target> {
  return ensureTenant(wrt, learner).then((tenant) => tenantProvider(wrt).openTarget(tenant).catch(asApiError));
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
