/** CloudWatch metric alarms named with the run prefix (CloudWatch alarm names cannot be tag-listed cheaply). */
import { DeleteAlarmsCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';

export const cloudwatchAlarm: ResourceKind = {
  type: 'cloudwatch:alarm',
  service: 'cloudwatch',
  checkResourceType: 'AWS::CloudWatch::Alarm',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 7,
  async find(ctx) {
    const cloudwatch = await ctx.aws.client('cloudwatch');
    const names = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: `${ctx.prefix}-`, NextToken: token, MaxRecords: 100 })));
      return { items: [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])].map((a) => a.AlarmName!).filter(Boolean), next: page.NextToken };
    });
    return names.map((id) => ({ type: 'cloudwatch:alarm', id }));
  },
  async delete(ctx, resource) {
    const cloudwatch = await ctx.aws.client('cloudwatch');
    await withThrottlingRetry(() => cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [resource.id] })));
  },
};
