/**
 * IAM roles and customer managed policies. Both are named with the run prefix (`mlsec-<run>-…`), so
 * teardown lists them by that prefix — including ones a learner created with the lab's names. A role
 * is emptied before it is deleted (inline policies, attached policies, instance profiles, boundary),
 * as IAM refuses to delete a role that still has any; a policy is detached from every entity and its
 * old versions removed first, for the same reason. Roles go last but for their policies, after every
 * notebook, job, model and key that names them (execution roles of SageMaker labs are `iam:role` too).
 */
import {
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListInstanceProfilesForRoleCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';
import { ignoreMissing } from './sweep-errors.ts';

export const iamRole: ResourceKind = {
  type: 'iam:role',
  service: 'iam',
  checkResourceType: 'AWS::IAM::Role',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 95,
  async find(ctx) {
    const iam = await ctx.aws.client('iam');
    const roles = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => iam.send(new ListRolesCommand({ Marker: token, MaxItems: 1000 })));
      return { items: (page.Roles ?? []).map((r) => r.RoleName!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
    });
    return roles.filter((name) => name.startsWith(`${ctx.prefix}-`)).map((name) => ({ type: 'iam:role', id: name }));
  },
  async delete(ctx, resource) {
    const iam = await ctx.aws.client('iam');
    const RoleName = resource.id;
    try {
      const inline = await paginate(async (token) => {
        const page = await withThrottlingRetry(() => iam.send(new ListRolePoliciesCommand({ RoleName, Marker: token })));
        return { items: page.PolicyNames ?? [], next: page.IsTruncated ? page.Marker : undefined };
      });
      for (const PolicyName of inline) await ignoreMissing(() => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
      const attached = await paginate(async (token) => {
        const page = await withThrottlingRetry(() => iam.send(new ListAttachedRolePoliciesCommand({ RoleName, Marker: token })));
        return { items: (page.AttachedPolicies ?? []).map((p) => p.PolicyArn!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
      });
      for (const PolicyArn of attached) await ignoreMissing(() => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
      const profiles = await paginate(async (token) => {
        const page = await withThrottlingRetry(() => iam.send(new ListInstanceProfilesForRoleCommand({ RoleName, Marker: token })));
        return { items: (page.InstanceProfiles ?? []).map((p) => p.InstanceProfileName!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
      });
      for (const InstanceProfileName of profiles) await ignoreMissing(() => iam.send(new RemoveRoleFromInstanceProfileCommand({ RoleName, InstanceProfileName })));
      await ignoreMissing(() => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })));
      await ignoreMissing(() => iam.send(new DeleteRoleCommand({ RoleName })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
};

export const iamPolicy: ResourceKind = {
  type: 'iam:policy',
  service: 'iam',
  checkResourceType: 'AWS::IAM::Policy',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 96,
  async find(ctx) {
    const iam = await ctx.aws.client('iam');
    const policies = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: token, MaxItems: 1000 })));
      return { items: page.Policies ?? [], next: page.IsTruncated ? page.Marker : undefined };
    });
    return policies.filter((p) => p.PolicyName?.startsWith(`${ctx.prefix}-`) && p.Arn).map((p) => ({ type: 'iam:policy', id: p.PolicyName!, data: { arn: p.Arn! } }));
  },
  async delete(ctx, resource) {
    const iam = await ctx.aws.client('iam');
    const PolicyArn = resource.data?.arn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:policy/${resource.id}`;
    try {
      const entities = await withThrottlingRetry(() => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn })));
      for (const r of entities.PolicyRoles ?? []) await ignoreMissing(() => iam.send(new DetachRolePolicyCommand({ RoleName: r.RoleName!, PolicyArn })));
      for (const u of entities.PolicyUsers ?? []) await ignoreMissing(() => iam.send(new DetachUserPolicyCommand({ UserName: u.UserName!, PolicyArn })));
      for (const g of entities.PolicyGroups ?? []) await ignoreMissing(() => iam.send(new DetachGroupPolicyCommand({ GroupName: g.GroupName!, PolicyArn })));
      const versions = await withThrottlingRetry(() => iam.send(new ListPolicyVersionsCommand({ PolicyArn })));
      for (const v of versions.Versions ?? []) if (!v.IsDefaultVersion) await ignoreMissing(() => iam.send(new DeletePolicyVersionCommand({ PolicyArn, VersionId: v.VersionId! })));
      await ignoreMissing(() => iam.send(new DeletePolicyCommand({ PolicyArn })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
};
