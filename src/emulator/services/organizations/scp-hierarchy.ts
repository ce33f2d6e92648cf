/**
 * The service control policies that apply to an account, for IAM enforcement and simulation:
 * the root, each OU on the path down, and the account itself, each with the SCPs attached there.
 * The shape fits the policy engine's `ApplicablePolicies.scps` (`src/emulator/policy/`, see
 * docs/iam-evaluation.md): `levels[].target` / `levels[].policies[]` with `name`, `arn`, `source` and
 * `document`; the extra members (ids, types, revisions) are for explanations and caching.
 *
 *   const scps = serviceControlPolicies(accountId, (id) => world.peekServiceState(id, 'organizations'));
 *   if (scps) engine.authorize(request, { …, scps });
 *
 * Reading never creates state, so it is safe on every request.
 */
import type { World } from '../../state/world.ts';
import { arns, organizationOfAccount, SERVICE } from './common.ts';
import type { Organization, OrganizationsState } from './state.ts';

export interface ServiceControlPolicyDocument {
  /** `p-FullAWSAccess` or `p-…`. */
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  /** Where it is attached, for explanations: `SCP FullAWSAccess on root r-ab12`. */
  readonly source: string;
  /** The policy's Content, as stored (JSON text). */
  readonly document: string;
  readonly awsManaged: boolean;
  /** Increments whenever the content changes: `${id}@${revision}` is a safe cache key for a compiled document. */
  readonly revision: number;
}

export interface ServiceControlPolicyLevel {
  /** `r-…`, `ou-…-…` or the 12-digit account id. */
  readonly target: string;
  readonly targetType: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  readonly name: string;
  readonly policies: readonly ServiceControlPolicyDocument[];
}

export interface ServiceControlPolicies {
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** SCPs never restrict the management account; the engine skips them when this is true. */
  readonly managementAccount: boolean;
  /** Root first, then each OU on the path, then the account. Every level must allow an action. */
  readonly levels: readonly ServiceControlPolicyLevel[];
}

/** Reads an account's Organizations state without creating it. */
export type OrganizationsStateReader = (accountId: string) => OrganizationsState | undefined;

/**
 * The SCP hierarchy that applies to `accountId`, or undefined when no SCPs apply: the account is in
 * no organization, or the organization has not enabled the SERVICE_CONTROL_POLICY policy type.
 * Accounts whose CreateAccount request is still in progress are already covered.
 */
export function serviceControlPolicies(accountId: string, read: OrganizationsStateReader): ServiceControlPolicies | undefined {
  const found = organizationOfAccount(read, accountId);
  if (!found) return undefined;
  const { org, management } = found;
  if (!org.root.policyTypes.includes('SERVICE_CONTROL_POLICY')) return undefined;
  const account = org.accounts.get(accountId)!;
  const path: string[] = [];
  for (let id = account.parentId; id !== org.root.id; id = org.ous.get(id)!.parentId) path.unshift(id);
  const levels: ServiceControlPolicyLevel[] = [
    level(org, org.root.id, 'ROOT', org.root.name),
    ...path.map((id) => level(org, id, 'ORGANIZATIONAL_UNIT', org.ous.get(id)!.name)),
    level(org, accountId, 'ACCOUNT', account.name),
  ];
  return { organizationId: org.id, managementAccountId: org.managementAccountId, managementAccount: management, levels };
}

/** The same, reading straight from the emulator's world (for pipeline hooks). */
export function serviceControlPoliciesInWorld(world: World, accountId: string): ServiceControlPolicies | undefined {
  return serviceControlPolicies(accountId, (id) => world.peekServiceState<OrganizationsState>(id, SERVICE));
}

function level(org: Organization, target: string, targetType: ServiceControlPolicyLevel['targetType'], name: string): ServiceControlPolicyLevel {
  const where = targetType === 'ROOT' ? `root ${target}` : targetType === 'ORGANIZATIONAL_UNIT' ? `OU ${name} (${target})` : `account ${target}`;
  const policies = (org.attachments.get(target) ?? [])
    .map((id) => org.policies.get(id)!)
    .filter((p) => p.type === 'SERVICE_CONTROL_POLICY')
    .map((p) => ({
      id: p.id,
      name: p.name,
      arn: arns.policy(org, p.id, p.type, p.awsManaged),
      source: `SCP ${p.name} on ${where}`,
      document: p.content,
      awsManaged: p.awsManaged,
      revision: p.revision,
    }));
  return { target, targetType, name, policies };
}
