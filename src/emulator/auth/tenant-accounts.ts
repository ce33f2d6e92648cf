/**
 * Strict tenant accounts for workshops: one account per learner, created through the admin route
 * (POST /_mlsec/tenants), with root keys the emulator issues for it.
 *
 * Why root keys and not an administrator IAM user: labs create and change IAM roles, users and
 * policies, and the learner must be able to do anything inside the account without being able to
 * lock themselves out — the root user may act on everything in its own account and no identity
 * policy can take that away (an admin user's policy could be detached or denied by the learner).
 * Root needs no IAM entity either, so the learner's IAM listings and the labs' IAM checks see only
 * what the lab created. Outside its account root can do nothing a resource policy does not grant.
 */
import { accessKeyId as newAccessKeyId, randomAccountId, secretAccessKey as newSecret } from '../core/ids.ts';
import type { OrganizationsState } from '../services/organizations/state.ts';
import type { AccountData, World } from '../state/world.ts';
import { rootPrincipal } from './principal.ts';

export interface TenantCredentials {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The principal these keys act as. */
  readonly principalArn: string;
  readonly createdAt: string;
  readonly label?: string;
}

export interface TenantSummary {
  readonly accountId: string;
  readonly createdAt: string;
  readonly label?: string;
  /** Access keys issued in the account (root, IAM users', STS sessions'). */
  readonly accessKeys: number;
}

export class TenantConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantConflictError';
  }
}

/** Creates a strict tenant account (a new random id unless one is given) and its root keys. */
export function createTenant(world: World, options: { accountId?: string; label?: string; now: number }): TenantCredentials {
  if (options.accountId !== undefined && world.hasAccount(options.accountId)) {
    throw new TenantConflictError(`Account ${options.accountId} already exists in this emulator; a tenant needs an account of its own. Omit accountId to get a new one.`);
  }
  const accountId = options.accountId ?? randomAccountId((id) => world.hasAccount(id));
  const createdAt = new Date(options.now).toISOString();
  world.makeStrict(accountId, { createdAt, label: options.label });
  const keyId = newAccessKeyId(false);
  const secret = newSecret();
  const principal = rootPrincipal(accountId, keyId);
  world.issueCredential({ accessKeyId: keyId, secretAccessKey: secret, accountId, principal, status: 'Active', createdAt, issuer: 'root' });
  return { accountId, accessKeyId: keyId, secretAccessKey: secret, principalArn: principal.arn, createdAt, label: options.label };
}

export function listTenants(world: World): TenantSummary[] {
  return world
    .strictAccountIds()
    .map((id) => world.exportAccount(id)!)
    .filter((a) => a.tenant!.parent === undefined)
    .map((a) => ({ accountId: a.id, createdAt: a.tenant!.createdAt, label: a.tenant!.label, accessKeys: Object.keys(a.credentials).length }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.accountId.localeCompare(b.accountId));
}

const LISTED = 5;

function describeCollection(value: unknown): { count: number; names: string[] } | undefined {
  if (value instanceof Map) return { count: value.size, names: [...value.keys()].filter((k) => typeof k === 'string').slice(0, LISTED) as string[] };
  if (value instanceof Set) return { count: value.size, names: [] };
  if (Array.isArray(value)) return { count: value.length, names: [] };
  return undefined;
}

function describeState(service: string, where: string, state: unknown, out: string[]): void {
  if (!state || typeof state !== 'object') return;
  for (const [field, value] of Object.entries(state as Record<string, unknown>)) {
    const collection = describeCollection(value);
    if (!collection || collection.count === 0) continue;
    const more = collection.count > collection.names.length && collection.names.length ? ', …' : '';
    out.push(`${service} ${field}${where} (${collection.count})${collection.names.length ? `: ${collection.names.join(', ')}${more}` : ''}`);
  }
}

/**
 * What an account holds, one line per kind of resource: `s3 buckets (2): ml-data, ml-logs`,
 * `kms keys in us-east-1 (1): 1234abcd-…`, `issued access keys (3)`. Read before removing it.
 */
export function describeAccount(account: AccountData): string[] {
  const out: string[] = [];
  for (const [service, state] of Object.entries(account.global)) describeState(service, '', state, out);
  for (const [region, services] of Object.entries(account.regions)) {
    for (const [service, state] of Object.entries(services)) describeState(service, ` in ${region}`, state, out);
  }
  const keys = Object.keys(account.credentials).length;
  if (keys) out.push(`issued access keys (${keys})`);
  return out;
}

/**
 * Member accounts a tenant creates with Organizations `CreateAccount` (the SCP lab does) belong to
 * the tenant: they become strict too — reachable only by AssumeRole from the tenant, their calls
 * under IAM enforcement and so under the tenant's SCPs — and go when the tenant goes.
 * Called after each successful CreateAccount of a tenant; returns the accounts it adopted.
 */
export function adoptCreatedMembers(world: World, tenantId: string, now: number): string[] {
  const org = world.peekServiceState<OrganizationsState>(tenantId, 'organizations')?.organization;
  if (!org) return [];
  const adopted: string[] = [];
  for (const [id, member] of org.accounts) {
    if (id === tenantId || member.joinedMethod !== 'CREATED' || world.isStrict(id) || !world.hasAccount(id)) continue;
    world.makeStrict(id, { createdAt: new Date(now).toISOString(), label: `member account of tenant ${tenantId}`, parent: tenantId });
    adopted.push(id);
  }
  return adopted;
}

/** The member accounts a tenant created (see adoptCreatedMembers). */
export function membersOf(world: World, tenantId: string): string[] {
  return world.strictAccountIds().filter((id) => world.exportAccount(id)?.tenant?.parent === tenantId);
}
