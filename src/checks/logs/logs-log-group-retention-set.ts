import { z } from 'zod';
import { finding } from '../lib/findings.ts';
import { evaluateLogGroups, logGroupResource } from '../lib/log-groups.ts';
import { defineCheck } from '../types.ts';

const id = 'logs-log-group-retention-set';

const params = z
  .strictObject({
    /** The longest retention the team pays for; without it, any finite retention passes. */
    maxDays: z.number().int().min(1).optional(),
  })
  .optional();

/**
 * A cost check, not a Security Hub control: CloudWatch.16 accepts "never expire"; this check does
 * not, because storage of logs kept forever grows without bound.
 */
export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'CloudWatch log groups have a retention period instead of keeping logs forever',
  service: 'logs',
  resourceType: 'AWS::Logs::LogGroup',
  severity: 'low',
  risk: 'A log group that never expires is billed for every byte it ever received. Endpoint and training logs grow with traffic, and after a few years storage of logs nobody reads is a line item of its own.',
  securityHub: [],
  syllabus: ['4.2.S7', '4.2.K5'],
  remediation: {
    text: 'Set a retention period that meets the audit requirement (for example 400 days) and no longer; archive to S3 with a lifecycle rule if logs must be kept for years.',
    cli: 'aws logs put-retention-policy --log-group-name <log-group> --retention-in-days 400',
    docs: 'Change log data retention in CloudWatch Logs',
  },
  reads: ['logs.logGroups[].group.value.retentionInDays'],
  params,
  scope: (selector) => ({ logs: { logGroups: selector } }),
  evaluate(inventory, p) {
    return evaluateLogGroups(inventory, id, (group, retention) => {
      const resource = logGroupResource(group);
      const evidence = [{ field: 'DescribeLogGroups.retentionInDays', value: retention ?? '(not set: never expire)', expected: p?.maxDays ? `a retention of at most ${p.maxDays} days` : 'a retention period' }];
      if (retention === undefined) return finding(id, resource, 'fail', 'Logs never expire: storage is billed for every byte this group ever received.', evidence);
      if (p?.maxDays && retention > p.maxDays) return finding(id, resource, 'fail', `Logs are kept ${retention} days, longer than the ${p.maxDays} days the team pays for.`, evidence);
      return finding(id, resource, 'pass', `Logs expire after ${retention} days.`, evidence);
    });
  },
});
