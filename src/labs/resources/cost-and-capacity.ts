/**
 * Resources of the cost and capacity labs: endpoint log groups, budgets, endpoint auto scaling
 * targets — all found by the run prefix in their names.
 */
import { DeregisterScalableTargetCommand, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DeleteBudgetCommand, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';
import { ignoreMissing } from './sweep-errors.ts';

/** `/aws/sagemaker/Endpoints/<endpoint>`: where SageMaker writes an endpoint's container logs. */
export const endpointLogGroup: ResourceKind = {
  type: 'logs:endpoint-log-group',
  service: 'logs',
  checkResourceType: 'AWS::Logs::LogGroup',
  physicalName: (prefix, name) => `/aws/sagemaker/Endpoints/${prefix}-${name}`,
  deleteOrder: 40,
  async find(ctx) {
    const logs = await ctx.aws.client('logs');
    const groups = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/sagemaker/Endpoints/${ctx.prefix}-`, nextToken: token, limit: 50 })));
      return { items: (page.logGroups ?? []).map((g) => g.logGroupName!).filter(Boolean), next: page.nextToken };
    });
    return groups.map((id) => ({ type: 'logs:endpoint-log-group', id }));
  },
  async delete(ctx, resource) {
    const logs = await ctx.aws.client('logs');
    await ignoreMissing(() => logs.send(new DeleteLogGroupCommand({ logGroupName: resource.id })));
  },
};

export const budget: ResourceKind = {
  type: 'budgets:budget',
  service: 'budgets',
  checkResourceType: 'AWS::Budgets::Budget',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 60,
  async find(ctx) {
    const budgets = await ctx.aws.client('budgets');
    const names = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => budgets.send(new DescribeBudgetsCommand({ AccountId: ctx.accountId, NextToken: token, MaxResults: 100 })));
      return { items: (page.Budgets ?? []).map((b) => b.BudgetName!).filter(Boolean), next: page.NextToken };
    });
    return names.filter((n) => n.startsWith(`${ctx.prefix}-`)).map((id) => ({ type: 'budgets:budget', id }));
  },
  async delete(ctx, resource) {
    const budgets = await ctx.aws.client('budgets');
    await ignoreMissing(() => budgets.send(new DeleteBudgetCommand({ AccountId: ctx.accountId, BudgetName: resource.id })));
  },
};

/** Deregistering a variant's target deletes its scaling policies and their alarms; before the endpoint goes. */
export const endpointScalableTarget: ResourceKind = {
  type: 'application-autoscaling:endpoint-variant',
  service: 'application-autoscaling',
  checkResourceType: 'AWS::ApplicationAutoScaling::ScalableTarget',
  physicalName: (prefix, name) => `endpoint/${prefix}-${name}`,
  deleteOrder: 8,
  async find(ctx) {
    const client = await ctx.aws.client('application-autoscaling');
    const targets = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', NextToken: token })));
      return { items: page.ScalableTargets ?? [], next: page.NextToken };
    });
    return targets
      .filter((t) => t.ResourceId?.startsWith(`endpoint/${ctx.prefix}-`))
      .map((t) => ({ type: 'application-autoscaling:endpoint-variant', id: t.ResourceId!, data: { dimension: t.ScalableDimension ?? 'sagemaker:variant:DesiredInstanceCount' } }));
  },
  async delete(ctx, resource) {
    const client = await ctx.aws.client('application-autoscaling');
    await ignoreMissing(() =>
      client.send(new DeregisterScalableTargetCommand({ ServiceNamespace: 'sagemaker', ResourceId: resource.id, ScalableDimension: resource.data?.dimension as 'sagemaker:variant:DesiredInstanceCount' })),
    );
  },
};
