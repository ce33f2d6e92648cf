/**
 * IAM roles a lab creates for SageMaker to assume (notebook, training and model execution roles):
 * named `mlsec-<run-id>-<name>`, found by that prefix. Deleting detaches managed policies and
 * deletes inline ones first, as IAM requires.
 */
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';

export const sagemakerExecutionRole: ResourceKind = {
  type: 'sagemaker:execution-role',
  service: 'iam',
  checkResourceType: 'AWS::IAM::Role',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 95,
  async find(ctx) {
    const iam = await ctx.aws.client('iam');
    const roles = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => iam.send(new ListRolesCommand({ Marker: token, MaxItems: 1000 })));
      return { items: page.Roles ?? [], next: page.IsTruncated ? page.Marker : undefined };
    });
    return roles.filter((r) => r.RoleName?.startsWith(`${ctx.prefix}-`)).map((r) => ({ type: 'sagemaker:execution-role', id: r.RoleName! }));
  },
  async delete(ctx, resource) {
    const iam = await ctx.aws.client('iam');
    const RoleName = resource.id;
    try {
      const attached = (await withThrottlingRetry(() => iam.send(new ListAttachedRolePoliciesCommand({ RoleName })))).AttachedPolicies ?? [];
      for (const p of attached) await withThrottlingRetry(() => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn! })));
      const inline = (await withThrottlingRetry(() => iam.send(new ListRolePoliciesCommand({ RoleName })))).PolicyNames ?? [];
      for (const PolicyName of inline) await withThrottlingRetry(() => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
      await withThrottlingRetry(() => iam.send(new DeleteRoleCommand({ RoleName })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
};
