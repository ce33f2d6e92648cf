/** IAM roles: create/get/update/delete/list, trust policies, tags, permissions boundaries. */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { iamUniqueId } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { alreadyExists, checkName, checkPath, checkTags, deleteConflict, encodeDocument, iam, iamArn, limitExceeded, mergeTags, noSuchEntity, paginate } from './common.ts';
import { checkBoundary } from './managed-policy-lookup.ts';
import { policySize, validatePolicyDocument } from './policy-validation.ts';
import type { IamRole } from './state.ts';

const TRUST_POLICY_QUOTA = 2048;

export function findRole(ctx: RequestContext, name: string): IamRole {
  const role = iam(ctx).roles.get(name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

function checkTrustPolicy(document: string): void {
  validatePolicyDocument(document, 'trust');
  if (policySize(document) > TRUST_POLICY_QUOTA) throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
}

/** The Role shape; List* calls leave out tags, boundary and last use, as AWS does. */
export function roleOutput(role: IamRole, full = true): IAM.Role {
  const base: IAM.Role = {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
  };
  if (!full) return base;
  return {
    ...base,
    PermissionsBoundary: role.permissionsBoundary ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundary } : undefined,
    Tags: role.tags.length ? role.tags : undefined,
    RoleLastUsed: role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {},
  };
}

export function createRole(input: IAM.CreateRoleRequest, ctx: RequestContext): Output<IAM.CreateRoleResponse> {
  const problems = new ProblemList();
  checkName(problems, 'roleName', input.RoleName, 64);
  checkPath(problems, input.Path);
  problems.minLength('assumeRolePolicyDocument', input.AssumeRolePolicyDocument, 1).maxLength('assumeRolePolicyDocument', input.AssumeRolePolicyDocument, 131072);
  problems.range('maxSessionDuration', input.MaxSessionDuration, 3600, 43200).maxLength('description', input.Description, 1000);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = iam(ctx);
  const name = input.RoleName!;
  if ([...state.roles.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw alreadyExists(`Role with name ${name} already exists.`);
  checkTrustPolicy(input.AssumeRolePolicyDocument!);
  if (input.PermissionsBoundary) checkBoundary(ctx, input.PermissionsBoundary);
  const path = input.Path ?? '/';
  const role: IamRole = {
    roleName: name,
    roleId: iamUniqueId('AROA'),
    arn: iamArn(ctx.accountId, 'role', path, name),
    path,
    createDate: ctx.now,
    assumeRolePolicyDocument: input.AssumeRolePolicyDocument!,
    description: input.Description,
    maxSessionDuration: input.MaxSessionDuration ?? 3600,
    permissionsBoundary: input.PermissionsBoundary,
    tags,
    inlinePolicies: new Map(),
    attachedPolicies: [],
  };
  state.roles.set(name, role);
  return { Role: roleOutput(role) };
}

export function getRole(input: IAM.GetRoleRequest, ctx: RequestContext): Output<IAM.GetRoleResponse> {
  return { Role: roleOutput(findRole(ctx, input.RoleName!)) };
}

export function deleteRole(input: IAM.DeleteRoleRequest, ctx: RequestContext): Output<unknown> {
  const state = iam(ctx);
  const role = findRole(ctx, input.RoleName!);
  if (role.attachedPolicies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (role.inlinePolicies.size) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if ([...state.instanceProfiles.values()].some((p) => p.roles.includes(role.roleName))) {
    throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  }
  state.roles.delete(role.roleName);
  return {};
}

export function listRoles(input: IAM.ListRolesRequest, ctx: RequestContext): Output<IAM.ListRolesResponse> {
  const prefix = input.PathPrefix ?? '/';
  const roles = [...iam(ctx).roles.values()].filter((r) => r.path.startsWith(prefix)).sort((a, b) => a.roleName.localeCompare(b.roleName));
  const page = paginate(roles, input.Marker, input.MaxItems);
  return { Roles: page.items.map((r) => roleOutput(r, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function updateRole(input: IAM.UpdateRoleRequest, ctx: RequestContext): Output<IAM.UpdateRoleResponse> {
  new ProblemList().range('maxSessionDuration', input.MaxSessionDuration, 3600, 43200).maxLength('description', input.Description, 1000).check();
  const role = findRole(ctx, input.RoleName!);
  if (input.Description !== undefined) role.description = input.Description;
  if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
  return {};
}

export function updateRoleDescription(input: IAM.UpdateRoleDescriptionRequest, ctx: RequestContext): Output<IAM.UpdateRoleDescriptionResponse> {
  new ProblemList().maxLength('description', input.Description, 1000).check();
  const role = findRole(ctx, input.RoleName!);
  role.description = input.Description;
  return { Role: roleOutput(role) };
}

export function updateAssumeRolePolicy(input: IAM.UpdateAssumeRolePolicyRequest, ctx: RequestContext): Output<unknown> {
  new ProblemList().minLength('policyDocument', input.PolicyDocument, 1).maxLength('policyDocument', input.PolicyDocument, 131072).check();
  const role = findRole(ctx, input.RoleName!);
  checkTrustPolicy(input.PolicyDocument!);
  role.assumeRolePolicyDocument = input.PolicyDocument!;
  return {};
}

export function tagRole(input: IAM.TagRoleRequest, ctx: RequestContext): Output<unknown> {
  const role = findRole(ctx, input.RoleName!);
  role.tags = mergeTags(role.tags, checkTags(input.Tags));
  return {};
}

export function untagRole(input: IAM.UntagRoleRequest, ctx: RequestContext): Output<unknown> {
  const role = findRole(ctx, input.RoleName!);
  role.tags = role.tags.filter((t) => !input.TagKeys!.includes(t.Key));
  return {};
}

export function listRoleTags(input: IAM.ListRoleTagsRequest, ctx: RequestContext): Output<IAM.ListRoleTagsResponse> {
  const page = paginate(findRole(ctx, input.RoleName!).tags, input.Marker, input.MaxItems);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function putRolePermissionsBoundary(input: IAM.PutRolePermissionsBoundaryRequest, ctx: RequestContext): Output<unknown> {
  const role = findRole(ctx, input.RoleName!);
  checkBoundary(ctx, input.PermissionsBoundary!);
  role.permissionsBoundary = input.PermissionsBoundary;
  return {};
}

export function deleteRolePermissionsBoundary(input: IAM.DeleteRolePermissionsBoundaryRequest, ctx: RequestContext): Output<unknown> {
  const role = findRole(ctx, input.RoleName!);
  role.permissionsBoundary = undefined;
  return {};
}

