/**
 * Managed policies attached to users, groups and roles, and inline policies embedded in them —
 * the same operations for the three kinds of principal, written once.
 */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkName, encodeDocument, limitExceeded, noSuchEntity, paginate } from './common.ts';
import { findGroup } from './groups.ts';
import { requirePolicy } from './managed-policy-lookup.ts';
import { policySize, validatePolicyDocument } from './policy-validation.ts';
import { findRole } from './roles.ts';
import type { IamGroup, IamRole, IamUser } from './state.ts';
import { findUser } from './users.ts';

type Kind = 'user' | 'group' | 'role';
type Holder = IamUser | IamGroup | IamRole;

const ATTACHED_QUOTA = 10;
/** Aggregate inline policy size per principal kind (AWS's quotas). */
const INLINE_QUOTA: Record<Kind, number> = { user: 2048, group: 5120, role: 10240 };
const QUOTA_NAME: Record<Kind, string> = { user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole' };

function holder(ctx: RequestContext, kind: Kind, name: string): Holder {
  return kind === 'user' ? findUser(ctx, name) : kind === 'group' ? findGroup(ctx, name) : findRole(ctx, name);
}

function holderName(h: Holder): string {
  return 'userName' in h ? h.userName : 'groupName' in h ? h.groupName : h.roleName;
}

// ── managed policies ─────────────────────────────────────────────────────────────────────────────

function attach(ctx: RequestContext, kind: Kind, name: string, arn: string): Output<unknown> {
  const h = holder(ctx, kind, name);
  const policy = requirePolicy(ctx, arn);
  if (h.attachedPolicies.includes(policy.arn)) return {};
  if (h.attachedPolicies.length >= ATTACHED_QUOTA) throw limitExceeded(`Cannot exceed quota for ${QUOTA_NAME[kind]}: ${ATTACHED_QUOTA}`);
  h.attachedPolicies.push(policy.arn);
  return {};
}

function detach(ctx: RequestContext, kind: Kind, name: string, arn: string): Output<unknown> {
  const h = holder(ctx, kind, name);
  requirePolicy(ctx, arn);
  if (!h.attachedPolicies.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  h.attachedPolicies = h.attachedPolicies.filter((a) => a !== arn);
  return {};
}

function listAttached(ctx: RequestContext, kind: Kind, name: string, input: { PathPrefix?: string; Marker?: string; MaxItems?: number }) {
  const h = holder(ctx, kind, name);
  const prefix = input.PathPrefix ?? '/';
  const attached = h.attachedPolicies.map((arn) => requirePolicy(ctx, arn)).filter((p) => p.path.startsWith(prefix));
  const page = paginate(attached, input.Marker, input.MaxItems);
  return { AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn })), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const attachUserPolicy = (i: IAM.AttachUserPolicyRequest, ctx: RequestContext) => attach(ctx, 'user', i.UserName!, i.PolicyArn!);
export const attachGroupPolicy = (i: IAM.AttachGroupPolicyRequest, ctx: RequestContext) => attach(ctx, 'group', i.GroupName!, i.PolicyArn!);
export const attachRolePolicy = (i: IAM.AttachRolePolicyRequest, ctx: RequestContext) => attach(ctx, 'role', i.RoleName!, i.PolicyArn!);
export const detachUserPolicy = (i: IAM.DetachUserPolicyRequest, ctx: RequestContext) => detach(ctx, 'user', i.UserName!, i.PolicyArn!);
export const detachGroupPolicy = (i: IAM.DetachGroupPolicyRequest, ctx: RequestContext) => detach(ctx, 'group', i.GroupName!, i.PolicyArn!);
export const detachRolePolicy = (i: IAM.DetachRolePolicyRequest, ctx: RequestContext) => detach(ctx, 'role', i.RoleName!, i.PolicyArn!);
export const listAttachedUserPolicies = (i: IAM.ListAttachedUserPoliciesRequest, ctx: RequestContext): Output<IAM.ListAttachedUserPoliciesResponse> => listAttached(ctx, 'user', i.UserName!, i);
export const listAttachedGroupPolicies = (i: IAM.ListAttachedGroupPoliciesRequest, ctx: RequestContext): Output<IAM.ListAttachedGroupPoliciesResponse> => listAttached(ctx, 'group', i.GroupName!, i);
export const listAttachedRolePolicies = (i: IAM.ListAttachedRolePoliciesRequest, ctx: RequestContext): Output<IAM.ListAttachedRolePoliciesResponse> => listAttached(ctx, 'role', i.RoleName!, i);

// ── inline policies ─────────────────────────────────────────────────────────────────────────────

function putInline(ctx: RequestContext, kind: Kind, name: string, policyName: string, document: string): Output<unknown> {
  const problems = new ProblemList();
  checkName(problems, 'policyName', policyName, 128);
  problems.minLength('policyDocument', document, 1).maxLength('policyDocument', document, 131072).check();
  const h = holder(ctx, kind, name);
  validatePolicyDocument(document, 'identity');
  let total = policySize(document);
  for (const [n, d] of h.inlinePolicies) if (n !== policyName) total += policySize(d);
  if (total > INLINE_QUOTA[kind]) throw limitExceeded(`Maximum policy size of ${INLINE_QUOTA[kind]} bytes exceeded for ${kind} ${holderName(h)}`);
  h.inlinePolicies.set(policyName, document);
  return {};
}

function getInline(ctx: RequestContext, kind: Kind, name: string, policyName: string) {
  const h = holder(ctx, kind, name);
  const document = h.inlinePolicies.get(policyName);
  if (document === undefined) throw noSuchEntity(`The ${kind} policy with name ${policyName} cannot be found.`);
  return { PolicyName: policyName, PolicyDocument: encodeDocument(document) };
}

function deleteInline(ctx: RequestContext, kind: Kind, name: string, policyName: string): Output<unknown> {
  const h = holder(ctx, kind, name);
  if (!h.inlinePolicies.delete(policyName)) throw noSuchEntity(`The ${kind} policy with name ${policyName} cannot be found.`);
  return {};
}

function listInline(ctx: RequestContext, kind: Kind, name: string, input: { Marker?: string; MaxItems?: number }) {
  const page = paginate([...holder(ctx, kind, name).inlinePolicies.keys()].sort(), input.Marker, input.MaxItems);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const putUserPolicy = (i: IAM.PutUserPolicyRequest, ctx: RequestContext) => putInline(ctx, 'user', i.UserName!, i.PolicyName!, i.PolicyDocument!);
export const putGroupPolicy = (i: IAM.PutGroupPolicyRequest, ctx: RequestContext) => putInline(ctx, 'group', i.GroupName!, i.PolicyName!, i.PolicyDocument!);
export const putRolePolicy = (i: IAM.PutRolePolicyRequest, ctx: RequestContext) => putInline(ctx, 'role', i.RoleName!, i.PolicyName!, i.PolicyDocument!);
export const getUserPolicy = (i: IAM.GetUserPolicyRequest, ctx: RequestContext): Output<IAM.GetUserPolicyResponse> => ({ UserName: i.UserName!, ...getInline(ctx, 'user', i.UserName!, i.PolicyName!) });
export const getGroupPolicy = (i: IAM.GetGroupPolicyRequest, ctx: RequestContext): Output<IAM.GetGroupPolicyResponse> => ({ GroupName: i.GroupName!, ...getInline(ctx, 'group', i.GroupName!, i.PolicyName!) });
export const getRolePolicy = (i: IAM.GetRolePolicyRequest, ctx: RequestContext): Output<IAM.GetRolePolicyResponse> => ({ RoleName: i.RoleName!, ...getInline(ctx, 'role', i.RoleName!, i.PolicyName!) });
export const deleteUserPolicy = (i: IAM.DeleteUserPolicyRequest, ctx: RequestContext) => deleteInline(ctx, 'user', i.UserName!, i.PolicyName!);
export const deleteGroupPolicy = (i: IAM.DeleteGroupPolicyRequest, ctx: RequestContext) => deleteInline(ctx, 'group', i.GroupName!, i.PolicyName!);
export const deleteRolePolicy = (i: IAM.DeleteRolePolicyRequest, ctx: RequestContext) => deleteInline(ctx, 'role', i.RoleName!, i.PolicyName!);
export const listUserPolicies = (i: IAM.ListUserPoliciesRequest, ctx: RequestContext): Output<IAM.ListUserPoliciesResponse> => listInline(ctx, 'user', i.UserName!, i);
export const listGroupPolicies = (i: IAM.ListGroupPoliciesRequest, ctx: RequestContext): Output<IAM.ListGroupPoliciesResponse> => listInline(ctx, 'group', i.GroupName!, i);
export const listRolePolicies = (i: IAM.ListRolePoliciesRequest, ctx: RequestContext): Output<IAM.ListRolePoliciesResponse> => listInline(ctx, 'role', i.RoleName!, i);
