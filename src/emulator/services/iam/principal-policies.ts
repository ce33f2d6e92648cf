/**
 * The policies that apply to an IAM identity, read from IAM's state without changing it — for IAM
 * enforcement (src/emulator/enforcement/) and for SimulatePrincipalPolicy, so both see the same set:
 *
 * - a user: its inline and attached policies, and those of each of its groups; its boundary;
 * - a role (or a session of it): its inline and attached policies; its boundary;
 * - a group: its inline and attached policies.
 *
 * Managed policies contribute their default version. Each policy carries what explanations and
 * the simulator's MatchedStatements need: its name, ARN, where it comes from, and IAM's
 * `SourcePolicyType` (user, group, role, aws-managed, user-managed).
 */
import { awsManagedPolicies, isAwsManaged } from './managed-policy-lookup.ts';
import type { IamGroup, IamRole, IamState, IamUser, ManagedPolicy } from './state.ts';

export type SourcePolicyType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

export interface PrincipalPolicy {
  /** Inline policy name or managed policy name. */
  readonly name: string;
  /** Managed policy ARN. */
  readonly arn?: string;
  /** For explanations: `inline policy of role ml-training`, `managed policy attached to group analysts`. */
  readonly source: string;
  readonly document: string;
  readonly sourceType: SourcePolicyType;
  /** The user, group or role an inline policy is embedded in. */
  readonly holder?: string;
}

/** A managed policy by ARN: the account's own (customer managed) or AWS managed. */
export function managedPolicy(iam: IamState | undefined, arn: string): ManagedPolicy | undefined {
  return isAwsManaged(arn) ? awsManagedPolicies().get(arn) : iam?.policies.get(arn);
}

/** The default version's document of a managed policy. */
export function defaultDocument(policy: ManagedPolicy): string | undefined {
  return policy.versions.find((v) => v.versionId === policy.defaultVersionId)?.document;
}

function managed(iam: IamState | undefined, arn: string, source: string): PrincipalPolicy | undefined {
  const policy = managedPolicy(iam, arn);
  const document = policy && defaultDocument(policy);
  if (!policy || document === undefined) return undefined;
  return { name: policy.policyName, arn: policy.arn, source, document, sourceType: isAwsManaged(arn) ? 'aws-managed' : 'user-managed' };
}

function holderPolicies(iam: IamState | undefined, holder: IamUser | IamGroup | IamRole, kind: 'user' | 'group' | 'role', name: string): PrincipalPolicy[] {
  const out: PrincipalPolicy[] = [];
  for (const [policyName, document] of holder.inlinePolicies) out.push({ name: policyName, source: `inline policy of ${kind} ${name}`, document, sourceType: kind, holder: name });
  for (const arn of holder.attachedPolicies) {
    const p = managed(iam, arn, `managed policy attached to ${kind} ${name}`);
    if (p) out.push(p);
  }
  return out;
}

export function userPolicies(iam: IamState, user: IamUser): PrincipalPolicy[] {
  const out = holderPolicies(iam, user, 'user', user.userName);
  for (const groupName of user.groups) {
    const group = iam.groups.get(groupName);
    if (group) out.push(...holderPolicies(iam, group, 'group', group.groupName));
  }
  return out;
}

export function groupPolicies(iam: IamState, group: IamGroup): PrincipalPolicy[] {
  return holderPolicies(iam, group, 'group', group.groupName);
}

export function rolePolicies(iam: IamState, role: IamRole): PrincipalPolicy[] {
  return holderPolicies(iam, role, 'role', role.roleName);
}

/** The permissions boundary of a user or role, if it has one. */
export function permissionsBoundaryOf(iam: IamState, holder: IamUser | IamRole): PrincipalPolicy | undefined {
  if (!holder.permissionsBoundary) return undefined;
  const kind = 'roleName' in holder ? `role ${holder.roleName}` : `user ${holder.userName}`;
  return managed(iam, holder.permissionsBoundary, `permissions boundary of ${kind}`);
}
