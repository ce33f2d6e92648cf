/**
 * What the workshop routes share in one process: the console runtime (database, lab sessions, lab
 * catalog, per-owner session services), the stores, the rate limiter and the tenant provider.
 */
import type { ConsoleRuntime } from '../console/runtime.ts';
import type { SqlClient } from '../db/index.ts';
import { InstructorStore } from './instructor-store.ts';
import { RateLimiter, rateLimitsFromEnv, type WorkshopRateLimits } from './rate-limit.ts';
import { sharedTenantProvider, type TenantProvider } from './tenants.ts';
import { WorkshopStore } from './workshop-store.ts';

export interface WorkshopRuntime {
  rt: ConsoleRuntime;
  db: SqlClient;
  instructors: InstructorStore;
  workshops: WorkshopStore;
  limiter: RateLimiter;
  limits: WorkshopRateLimits;
  tenants: TenantProvider;
}

export function createWorkshopRuntime(rt: ConsoleRuntime, options: { tenants?: TenantProvider; env?: NodeJS.ProcessEnv } = {}): WorkshopRuntime {
  return {
    rt,
    db: rt.db,
    instructors: new InstructorStore(rt.db),
    workshops: new WorkshopStore(rt.db),
    limiter: new RateLimiter(rt.db),
    limits: rateLimitsFromEnv(options.env),
    tenants: options.tenants ?? sharedTenantProvider(rt.target),
  };
}
