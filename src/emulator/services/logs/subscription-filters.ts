/** Subscription filters: stored and described (deliveries to their destinations are not performed). */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, decodeToken, encodeToken, findGroup, invalidParameter } from './common.ts';
import { compilePattern } from './metric-filters.ts';

const MAX_PER_GROUP = 2;

export function putSubscriptionFilter(input: Logs.PutSubscriptionFilterRequest, ctx: Ctx): Output<Record<string, never>> {
  new ProblemList().minLength('filterName', input.filterName, 1).maxLength('filterName', input.filterName, 512).pattern('filterName', input.filterName, /^[^:*]*$/, '[^:*]*').maxLength('filterPattern', input.filterPattern, 1024).oneOf('distribution', input.distribution, ['Random', 'ByLogStream']).check();
  compilePattern(input.filterPattern);
  if (!/^arn:aws[a-z-]*:(kinesis|firehose|lambda|logs):/.test(input.destinationArn!)) throw invalidParameter(`Invalid destinationArn ${input.destinationArn}: use a Kinesis stream, Firehose delivery stream, Lambda function or CloudWatch Logs destination ARN.`);
  const group = findGroup(ctx, input.logGroupName);
  if (!group.subscriptionFilters.has(input.filterName!) && group.subscriptionFilters.size >= MAX_PER_GROUP) throw new AwsServiceError('LimitExceededException', 'Resource limit exceeded.');
  group.subscriptionFilters.set(input.filterName!, {
    filterName: input.filterName!,
    filterPattern: input.filterPattern ?? '',
    destinationArn: input.destinationArn!,
    ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {}),
    distribution: input.distribution ?? 'ByLogStream',
    creationTime: group.subscriptionFilters.get(input.filterName!)?.creationTime ?? ctx.now.getTime(),
    applyOnTransformedLogs: input.applyOnTransformedLogs ?? false,
  });
  return {};
}

export function describeSubscriptionFilters(input: Logs.DescribeSubscriptionFiltersRequest, ctx: Ctx): Output<Logs.DescribeSubscriptionFiltersResponse> {
  new ProblemList().range('limit', input.limit, 1, 50).check();
  const group = findGroup(ctx, input.logGroupName);
  const all = [...group.subscriptionFilters.values()].filter((f) => input.filterNamePrefix === undefined || f.filterName.startsWith(input.filterNamePrefix)).sort((a, b) => (a.filterName < b.filterName ? -1 : 1));
  const limit = input.limit ?? 50;
  const fingerprint = JSON.stringify(['DescribeSubscriptionFilters', group.logGroupName, input.filterNamePrefix ?? null]);
  const offset = Number(decodeToken(input.nextToken, fingerprint) ?? 0);
  return {
    subscriptionFilters: all.slice(offset, offset + limit).map((f) => ({ ...f, distribution: f.distribution as Logs.Distribution, logGroupName: group.logGroupName })),
    nextToken: offset + limit < all.length ? encodeToken(offset + limit, fingerprint) : undefined,
  };
}

export function deleteSubscriptionFilter(input: Logs.DeleteSubscriptionFilterRequest, ctx: Ctx): Output<Record<string, never>> {
  const group = findGroup(ctx, input.logGroupName);
  if (!group.subscriptionFilters.delete(input.filterName!)) throw new AwsServiceError('ResourceNotFoundException', 'The specified subscription filter does not exist.');
  return {};
}
