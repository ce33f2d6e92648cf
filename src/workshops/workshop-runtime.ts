/**
 * What the workshop routes share in one process: the console runtime (database, lab sessions, lab
 * catalog, per-owner session services), the stores, the rate limiter and the tenant provider.
 */
import { targetSettingsFromEnv, tenantProviderFor } from '../aws/index.ts';
import type { ConsoleRuntime } from '../console/runtime.ts';
import type { SqlClient } from '../db/index.ts';
import { InstructorStore } from './instructor-store.ts';
import { RateLimiter, rateLimitsFromEnv, type WorkshopRateLimits } from './rate-limit.ts';
import type { TenantProvider } from './tenants.ts';
import { WorkshopStore } from './workshop-store.ts';

export interface WorkshopRuntime {
  rt: ConsoleRuntime;
  db: SqlClient;
  instructors: InstructorStore;
  workshops: WorkshopStore;
  limiter: RateLimiter;
  limits: WorkshopRateLimits;
  /**
   * The tenant provider of the configured target, made on first use: a misconfigured account pool
   * then fails workshop creation and lab starts with its message, not sign-in.
   */
  tenants(): TenantProvider;
}

export function createWorkshopRuntime(rt: ConsoleRuntime, options: { tenants?: () => TenantProvider; env?: NodeJS.ProcessEnv } = {}): WorkshopRuntime {
  let provider: TenantProvider | undefined;
  const make = options.tenants ?? (() => tenantProviderFor(targetSettingsFromEnv(options.env), options.env));
  return {
    rt,
    db: rt.db,
    instructors: new InstructorStore(rt.db),
    workshops: new WorkshopStore(rt.db),
    limiter: new RateLimiter(rt.db),
    limits: rateLimitsFromEnv(options.env),
    tenants: () => (provider ??= make()),
  };
}
