/**
 * IAM roles named with the run prefix (execution roles for SageMaker models and jobs). Deleting a
 * role first removes its inline policies and detaches managed ones, as IAM requires.
 */
import { DeleteRoleCommand, DeleteRolePolicyCommand, DetachRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';

export const iamRole: ResourceKind = {
  type: 'iam:role',
  service: 'iam',
  checkResourceType: 'AWS::IAM::Role',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 80,
  async find(ctx) {
    const iam = await ctx.aws.client('iam');
    const roles = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => iam.send(new ListRolesCommand({ Marker: token, MaxItems: 1000 })));
      return { items: (page.Roles ?? []).map((r) => r.RoleName!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
    });
    return roles.filter((r) => r.startsWith(`${ctx.prefix}-`)).map((id) => ({ type: 'iam:role', id }));
  },
  async delete(ctx, resource) {
    const iam = await ctx.aws.client('iam');
    try {
      const inline = await withThrottlingRetry(() => iam.send(new ListRolePoliciesCommand({ RoleName: resource.id })));
      for (const name of inline.PolicyNames ?? []) await withThrottlingRetry(() => iam.send(new DeleteRolePolicyCommand({ RoleName: resource.id, PolicyName: name })));
      const attached = await withThrottlingRetry(() => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: resource.id })));
      for (const p of attached.AttachedPolicies ?? []) await withThrottlingRetry(() => iam.send(new DetachRolePolicyCommand({ RoleName: resource.id, PolicyArn: p.PolicyArn! })));
      await withThrottlingRetry(() => iam.send(new DeleteRoleCommand({ RoleName: resource.id })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
};
