import { finding } from '../lib/findings.ts';
import { evaluateLogGroups, logGroupResource } from '../lib/log-groups.ts';
import { defineCheck } from '../types.ts';

const id = 'logs-log-group-retention-365-days';

/**
 * Mirrors Security Hub CloudWatch.16: at least 365 days. "Never expire" keeps logs forever, so it is
 * compliant with this control; what it costs is graded separately (logs-log-group-retention-set).
 */
export default defineCheck({
  id,
  title: 'CloudWatch log groups keep their logs for at least a year',
  service: 'logs',
  resourceType: 'AWS::Logs::LogGroup',
  severity: 'medium',
  risk: 'Logs deleted after a few weeks are gone when an auditor or an incident needs them: a model that misbehaved last quarter leaves no trace of what it was sent or what failed.',
  securityHub: ['CloudWatch.16'],
  syllabus: ['4.3.S3', '4.2.S2'],
  remediation: {
    text: 'Set the retention to 365 days or more (400, 545, 731 … are valid values). Never expire also satisfies this control, at a cost.',
    cli: 'aws logs put-retention-policy --log-group-name <log-group> --retention-in-days 400',
    docs: 'Change log data retention in CloudWatch Logs',
  },
  reads: ['logs.logGroups[].group.value.retentionInDays'],
  scope: (selector) => ({ logs: { logGroups: selector } }),
  evaluate(inventory) {
    return evaluateLogGroups(inventory, id, (group, retention) => {
      const resource = logGroupResource(group);
      const evidence = [{ field: 'DescribeLogGroups.retentionInDays', value: retention ?? '(not set: never expire)', expected: 'at least 365, or never expire' }];
      if (retention === undefined) return finding(id, resource, 'pass', 'Logs never expire, which satisfies the one-year minimum (their cost is another question).', evidence);
      if (retention >= 365) return finding(id, resource, 'pass', `Logs are kept ${retention} days, at least a year.`, evidence);
      return finding(id, resource, 'fail', `Logs are deleted after ${retention} days, less than the year audits and investigations need.`, evidence);
    });
  },
});
