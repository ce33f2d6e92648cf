/**
 * The isolated account each workshop learner works in. The provider (src/aws/tenants) creates an
 * embedded tenant account or leases a pool account; this file only wires it to workshops:
 * a learner's tenant is provisioned lazily, on their first lab start, and stored with the learner
 * as JSON — joining stays a single insert, so a room of 100 joins quickly, and a learner who never
 * starts a lab costs no account (a pool of real accounts is usually small).
 */
import type { Target } from '../aws/index.ts';

export interface Tenant {
  id: string;
  accountId: string;
  label: string;
  data: Record<string, unknown>;
}

export interface TenantProvider {
  readonly kind: 'embedded' | 'account-pool' | 'shared';
  provision(request: { workshopId: string; learnerId: string }): Promise<Tenant>;
  openTarget(tenant: Tenant): Promise<Target>;
  release(tenant: Tenant): Promise<{ removed: string[] }>;
}

/**
 * Until isolated tenants are available on this build: every learner works on the site's shared
 * target (no isolation beyond lab sessions' own resource names). Marked as such on the dashboard.
 */
export function sharedTenantProvider(sharedTarget: () => Promise<Target>): TenantProvider {
  return {
    kind: 'shared',
    async provision() {
      return { id: 'shared', accountId: '', label: 'the shared lab target (no per-learner account)', data: {} };
    },
    async openTarget() {
      // The shared target outlives every learner: closing a learner's view of it does nothing.
      const target = await sharedTarget();
      return Object.assign(Object.create(target) as Target, { close: async () => {} });
    },
    async release() {
      return { removed: [] };
    },
  };
}
