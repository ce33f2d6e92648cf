/**
 * Workshop tenants: one isolated account per learner. The shapes here are the agreement with the
 * workshop server (which stores `Tenant` as JSON and calls the provider); keep them stable.
 */
import type { Target } from '../target.ts';

export interface Tenant {
  /** Stable id of the tenant: the account id (embedded, shared endpoint) or `pool:<account id>` (account pool). */
  id: string;
  accountId: string;
  /** "embedded account 123456789012" / "pool account 111122223333 via role ml-lab" */
  label: string;
  /**
   * Serialisable; stored by the caller. Embedded tenants carry their emulator-issued keys (the
   * emulator is local; these keys are not AWS secrets); pool tenants carry only the role ARN and
   * session name — AWS credentials are never stored.
   */
  data: Record<string, unknown>;
}

export interface ProvisionRequest {
  workshopId: string;
  learnerId: string;
  /**
   * Every tenant the caller currently holds from this provider (all workshops, not released yet).
   * The account pool leases an account none of them holds; the provider keeps no state of its own,
   * so leases survive restarts and work across several app instances. Others ignore it.
   */
  inUse?: readonly Tenant[];
}

export interface TenantProvider {
  readonly kind: 'embedded' | 'account-pool';
  /** Creates (embedded) or leases (pool) an isolated account for one workshop learner; errors are TenantError. */
  provision(request: ProvisionRequest): Promise<Tenant>;
  /** A Target whose credentials act in the tenant's account only. */
  openTarget(tenant: Tenant): Promise<Target>;
  /** After every lab of the learner was torn down: forgets the account (embedded) or returns it to the pool. */
  release(tenant: Tenant): Promise<{ removed: string[] }>;
  /** Stops what the provider itself started (an in-process emulator); a no-op otherwise. */
  close(): Promise<void>;
}

export type TenantErrorCode = 'PoolExhausted' | 'PoolMisconfigured' | 'EmulatorRefused' | 'EmulatorUnreachable' | 'TenantUnknown' | 'IsolationUnsupported';

/** A tenant could not be provisioned, opened or released; the message says why and what to do. */
export class TenantError extends Error {
  readonly code: TenantErrorCode;
  constructor(code: TenantErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TenantError';
    this.code = code;
  }
}

/** A tenant's data member as a string, or a TenantError naming what is missing. */
export function tenantString(tenant: Tenant, key: string): string {
  const value = tenant.data?.[key];
  if (typeof value !== 'string' || value === '') {
    throw new TenantError('TenantUnknown', `Tenant ${tenant.id} has no ${key} in its data; it was not made by this provider (or its record was changed). Provision a new tenant for the learner.`);
  }
  return value;
}
