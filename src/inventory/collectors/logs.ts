/** CloudWatch Logs collector: log groups by exact name, with retention and encryption. */
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/index.ts';
import { observe } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ObservabilityScope } from '../scope-observability.ts';
import type { LogGroupDetails, LogsInventory } from '../types-observability.ts';

export async function collectLogs(aws: AwsClients, scope: NonNullable<ObservabilityScope['logs']>): Promise<LogsInventory> {
  const logs = await aws.client('logs');
  const logGroups = await mapLimit(scope.logGroups?.names ?? [], 4, async (name): Promise<LogGroupDetails> => ({
    name,
    group: await observe('Logs.DescribeLogGroups', async () => {
      // DescribeLogGroups matches by prefix; keep the exact name only.
      const groups = await paginate(async (token) => {
        const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken: token, limit: 50 }));
        return { items: page.logGroups ?? [], next: page.nextToken };
      });
      const g = groups.find((x) => x.logGroupName === name);
      return g ? { arn: g.arn, retentionInDays: g.retentionInDays, kmsKeyId: g.kmsKeyId, storedBytes: g.storedBytes } : null;
    }),
  }));
  return { logGroups };
}
