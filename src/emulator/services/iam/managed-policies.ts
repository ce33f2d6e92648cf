/**
 * Managed policies: customer managed (create/delete, up to 5 versions with a default) and AWS
 * managed (read-only, shared by every account), tags, and who they are attached to.
 */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { iamUniqueId } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { alreadyExists, checkName, checkPath, checkTags, deleteConflict, encodeDocument, iam, iamArn, invalidInput, limitExceeded, mergeTags, noSuchEntity, paginate } from './common.ts';
import { awsManagedPolicies, isAwsManaged, requirePolicy } from './managed-policy-lookup.ts';
import { policySize, validatePolicyDocument } from './policy-validation.ts';
import type { IamState, ManagedPolicy } from './state.ts';

const MAX_VERSIONS = 5;
const POLICY_SIZE_QUOTA = 6144;

/** How many users, groups and roles of this account attach the policy / use it as boundary. */
export function usage(state: IamState, arn: string): { attachments: number; boundaries: number } {
  let attachments = 0;
  let boundaries = 0;
  for (const holders of [state.users.values(), state.groups.values(), state.roles.values()]) {
    for (const h of holders) {
      if (h.attachedPolicies.includes(arn)) attachments++;
      if ('permissionsBoundary' in h && h.permissionsBoundary === arn) boundaries++;
    }
  }
  return { attachments, boundaries };
}

export function policyOutput(state: IamState, policy: ManagedPolicy, withDescription = false): IAM.Policy {
  const { attachments, boundaries } = usage(state, policy.arn);
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: boundaries,
    IsAttachable: true,
    Description: withDescription ? policy.description : undefined,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    Tags: withDescription && policy.tags.length ? policy.tags : undefined,
  };
}

function versionOutput(policy: ManagedPolicy, versionId: string, withDocument: boolean): IAM.PolicyVersion {
  const v = policy.versions.find((x) => x.versionId === versionId)!;
  return { Document: withDocument ? encodeDocument(v.document) : undefined, VersionId: v.versionId, IsDefaultVersion: v.versionId === policy.defaultVersionId, CreateDate: v.createDate };
}

function checkDocument(document: string): void {
  validatePolicyDocument(document, 'identity');
  if (policySize(document) > POLICY_SIZE_QUOTA) throw limitExceeded(`Cannot exceed quota for PolicySize: ${POLICY_SIZE_QUOTA}`);
}

/** A customer managed policy of this account that may be changed (AWS managed ones may not). */
function ownPolicy(ctx: RequestContext, arn: string): ManagedPolicy {
  const policy = requirePolicy(ctx, arn);
  if (isAwsManaged(arn)) throw invalidInput(`Policy ${arn} is an AWS managed policy and cannot be changed.`);
  return policy;
}

export function createPolicy(input: IAM.CreatePolicyRequest, ctx: RequestContext): Output<IAM.CreatePolicyResponse> {
  const problems = new ProblemList();
  checkName(problems, 'policyName', input.PolicyName, 128);
  checkPath(problems, input.Path);
  problems.minLength('policyDocument', input.PolicyDocument, 1).maxLength('policyDocument', input.PolicyDocument, 131072).maxLength('description', input.Description, 1000);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = iam(ctx);
  const name = input.PolicyName!;
  if ([...state.policies.values()].some((p) => p.policyName.toLowerCase() === name.toLowerCase())) {
    throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  }
  checkDocument(input.PolicyDocument!);
  const path = input.Path ?? '/';
  const policy: ManagedPolicy = {
    policyName: name,
    policyId: iamUniqueId('ANPA'),
    arn: iamArn(ctx.accountId, 'policy', path, name),
    path,
    description: input.Description,
    createDate: ctx.now,
    updateDate: ctx.now,
    tags,
    defaultVersionId: 'v1',
    versions: [{ versionId: 'v1', document: input.PolicyDocument!, createDate: ctx.now }],
    nextVersion: 2,
  };
  state.policies.set(policy.arn, policy);
  return { Policy: policyOutput(state, policy) };
}

export function getPolicy(input: IAM.GetPolicyRequest, ctx: RequestContext): Output<IAM.GetPolicyResponse> {
  return { Policy: policyOutput(iam(ctx), requirePolicy(ctx, input.PolicyArn!), true) };
}

export function deletePolicy(input: IAM.DeletePolicyRequest, ctx: RequestContext): Output<unknown> {
  const state = iam(ctx);
  const policy = ownPolicy(ctx, input.PolicyArn!);
  if (usage(state, policy.arn).attachments > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
  if (policy.versions.length > 1) {
    throw deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
  }
  state.policies.delete(policy.arn);
  return {};
}

export function listPolicies(input: IAM.ListPoliciesRequest, ctx: RequestContext): Output<IAM.ListPoliciesResponse> {
  const state = iam(ctx);
  const scope = input.Scope ?? 'All';
  const prefix = input.PathPrefix ?? '/';
  let policies = [
    ...(scope !== 'Local' ? awsManagedPolicies().values() : []),
    ...(scope !== 'AWS' ? state.policies.values() : []),
  ].filter((p) => p.path.startsWith(prefix));
  if (input.OnlyAttached) policies = policies.filter((p) => usage(state, p.arn).attachments > 0);
  if (input.PolicyUsageFilter === 'PermissionsBoundary') policies = policies.filter((p) => usage(state, p.arn).boundaries > 0);
  if (input.PolicyUsageFilter === 'PermissionsPolicy') policies = policies.filter((p) => usage(state, p.arn).attachments > 0 || !input.OnlyAttached);
  policies.sort((a, b) => a.policyName.localeCompare(b.policyName));
  const page = paginate(policies, input.Marker, input.MaxItems);
  return { Policies: page.items.map((p) => policyOutput(state, p)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function createPolicyVersion(input: IAM.CreatePolicyVersionRequest, ctx: RequestContext): Output<IAM.CreatePolicyVersionResponse> {
  new ProblemList().minLength('policyDocument', input.PolicyDocument, 1).maxLength('policyDocument', input.PolicyDocument, 131072).check();
  const policy = ownPolicy(ctx, input.PolicyArn!);
  if (policy.versions.length >= MAX_VERSIONS) {
    throw limitExceeded('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');
  }
  checkDocument(input.PolicyDocument!);
  const versionId = `v${policy.nextVersion++}`;
  policy.versions.push({ versionId, document: input.PolicyDocument!, createDate: ctx.now });
  if (input.SetAsDefault) policy.defaultVersionId = versionId;
  policy.updateDate = ctx.now;
  return { PolicyVersion: versionOutput(policy, versionId, false) };
}

function findVersion(policy: ManagedPolicy, versionId: string) {
  const v = policy.versions.find((x) => x.versionId === versionId);
  if (!v) throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
  return v;
}

export function getPolicyVersion(input: IAM.GetPolicyVersionRequest, ctx: RequestContext): Output<IAM.GetPolicyVersionResponse> {
  new ProblemList().pattern('versionId', input.VersionId, /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?').check();
  const policy = requirePolicy(ctx, input.PolicyArn!);
  findVersion(policy, input.VersionId!);
  return { PolicyVersion: versionOutput(policy, input.VersionId!, true) };
}

export function deletePolicyVersion(input: IAM.DeletePolicyVersionRequest, ctx: RequestContext): Output<unknown> {
  const policy = ownPolicy(ctx, input.PolicyArn!);
  findVersion(policy, input.VersionId!);
  if (policy.defaultVersionId === input.VersionId) throw deleteConflict('Cannot delete the default version of a policy.');
  policy.versions = policy.versions.filter((v) => v.versionId !== input.VersionId);
  return {};
}

export function listPolicyVersions(input: IAM.ListPolicyVersionsRequest, ctx: RequestContext): Output<IAM.ListPolicyVersionsResponse> {
  const policy = requirePolicy(ctx, input.PolicyArn!);
  const versions = [...policy.versions].sort((a, b) => b.createDate.getTime() - a.createDate.getTime() || Number(b.versionId.slice(1)) - Number(a.versionId.slice(1)));
  const page = paginate(versions, input.Marker, input.MaxItems);
  return { Versions: page.items.map((v) => versionOutput(policy, v.versionId, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function setDefaultPolicyVersion(input: IAM.SetDefaultPolicyVersionRequest, ctx: RequestContext): Output<unknown> {
  const policy = ownPolicy(ctx, input.PolicyArn!);
  findVersion(policy, input.VersionId!);
  policy.defaultVersionId = input.VersionId!;
  policy.updateDate = ctx.now;
  return {};
}

export function tagPolicy(input: IAM.TagPolicyRequest, ctx: RequestContext): Output<unknown> {
  const policy = ownPolicy(ctx, input.PolicyArn!);
  policy.tags = mergeTags(policy.tags, checkTags(input.Tags));
  return {};
}

export function untagPolicy(input: IAM.UntagPolicyRequest, ctx: RequestContext): Output<unknown> {
  const policy = ownPolicy(ctx, input.PolicyArn!);
  policy.tags = policy.tags.filter((t) => !input.TagKeys!.includes(t.Key));
  return {};
}

export function listPolicyTags(input: IAM.ListPolicyTagsRequest, ctx: RequestContext): Output<IAM.ListPolicyTagsResponse> {
  const page = paginate(requirePolicy(ctx, input.PolicyArn!).tags, input.Marker, input.MaxItems);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function listEntitiesForPolicy(input: IAM.ListEntitiesForPolicyRequest, ctx: RequestContext): Output<IAM.ListEntitiesForPolicyResponse> {
  const state = iam(ctx);
  const arn = requirePolicy(ctx, input.PolicyArn!).arn;
  const boundary = input.PolicyUsageFilter === 'PermissionsBoundary';
  const uses = (h: { attachedPolicies: string[]; permissionsBoundary?: string }) => (boundary ? h.permissionsBoundary === arn : h.attachedPolicies.includes(arn));
  const prefix = input.PathPrefix ?? '/';
  const filter = input.EntityFilter;
  const want = (kind: string) => !filter || filter === kind;
  const groups = want('Group') && !boundary ? [...state.groups.values()].filter((g) => uses(g) && g.path.startsWith(prefix)) : [];
  const users = want('User') ? [...state.users.values()].filter((u) => uses(u) && u.path.startsWith(prefix)) : [];
  const roles = want('Role') ? [...state.roles.values()].filter((r) => uses(r) && r.path.startsWith(prefix)) : [];
  return {
    PolicyGroups: groups.map((g) => ({ GroupName: g.groupName, GroupId: g.groupId })),
    PolicyUsers: users.map((u) => ({ UserName: u.userName, UserId: u.userId })),
    PolicyRoles: roles.map((r) => ({ RoleName: r.roleName, RoleId: r.roleId })),
    IsTruncated: false,
  };
}

