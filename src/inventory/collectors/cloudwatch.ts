/** CloudWatch collector: every metric alarm in the region (checks pick the ones about their resource). */
import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from '../../aws/index.ts';
import { observe } from '../observed.ts';
import { paginate } from '../paginate.ts';
import type { CloudWatchInventory, MetricAlarmSummary } from '../types-observability.ts';

export async function collectCloudWatch(aws: AwsClients): Promise<CloudWatchInventory> {
  const cloudwatch = await aws.client('cloudwatch');
  const alarms = await observe('CloudWatch.DescribeAlarms', async () => {
    const all = await paginate(async (token) => {
      const page = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], NextToken: token, MaxRecords: 100 }));
      return { items: page.MetricAlarms ?? [], next: page.NextToken };
    });
    return all.map(alarmSummary);
  });
  return { alarms };
}

const dims = (list: { Name?: string; Value?: string }[] | undefined) => Object.fromEntries((list ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));

export function alarmSummary(a: MetricAlarm): MetricAlarmSummary {
  return {
    name: a.AlarmName ?? '',
    arn: a.AlarmArn,
    namespace: a.Namespace,
    metricName: a.MetricName,
    dimensions: dims(a.Dimensions),
    metrics: (a.Metrics ?? []).flatMap((q) => (q.MetricStat?.Metric ? [{ namespace: q.MetricStat.Metric.Namespace, metricName: q.MetricStat.Metric.MetricName, dimensions: dims(q.MetricStat.Metric.Dimensions) }] : [])),
    actionsEnabled: a.ActionsEnabled !== false,
    alarmActions: a.AlarmActions ?? [],
    okActions: a.OKActions ?? [],
    insufficientDataActions: a.InsufficientDataActions ?? [],
    comparisonOperator: a.ComparisonOperator,
    threshold: a.Threshold,
    statistic: a.Statistic ?? a.ExtendedStatistic,
  };
}
