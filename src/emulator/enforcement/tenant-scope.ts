/**
 * Which calls IAM enforcement covers when it is not on for everything: those of strict tenant
 * accounts (workshops). A call is covered when its caller's account is a tenant, or when any
 * resource it needs is owned by one — so a self-paced (relaxed) caller, or another tenant, reaching
 * a tenant's bucket by name, key by ARN, secret by ARN or role by AssumeRole, is judged by that
 * tenant's resource policies like a cross-account call on AWS. Calls between relaxed accounts are
 * left exactly as they were (nothing is evaluated).
 */
import { arnAccount } from '../policy/language/arn.ts';
import type { Call } from '../pipeline/hooks.ts';
import type { World } from '../state/world.ts';
import type { AccessCheck } from './access-check.ts';

export interface EnforcementScope {
  /** Quick test before anything is worked out: can any call be covered at all right now? */
  readonly active: () => boolean;
  /** Whether this call, needing these checks, is covered. */
  readonly covers: (call: Readonly<Call>, checks: readonly AccessCheck[]) => boolean;
}

/** The account that owns what a check is about (as the policy engine decides it). */
export function ownerOf(check: AccessCheck, callerAccount: string): string {
  return check.resourceAccount ?? arnAccount(check.resource) ?? callerAccount;
}

export function tenantScope(world: World): EnforcementScope {
  return {
    active: () => world.hasStrictAccounts(),
    covers: (call, checks) => {
      const caller = call.accountId!;
      if (world.isStrict(caller)) return true;
      return checks.some((check) => world.isStrict(ownerOf(check, caller)));
    },
  };
}
