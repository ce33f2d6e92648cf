import { evaluateTrails } from '../lib/trails.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudtrail-cloudwatch-logs';

export default defineCheck({
  id,
  title: 'The trail delivers its events to CloudWatch Logs',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'medium',
  risk: 'Events that only land in S3 are read after the fact. Delivered to CloudWatch Logs they can drive metric filters and alarms — a bucket policy change or a deleted alarm can page someone within minutes.',
  securityHub: ['CloudTrail.5'],
  prowler: 'cloudtrail_cloudwatch_logging_enabled',
  syllabus: ['4.2.S2', '4.3.S3'],
  remediation: {
    text: 'Create a log group and a role CloudTrail can assume to write to it, then set both on the trail.',
    cli: 'aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>',
    docs: 'AWS CloudTrail controls',
  },
  reads: ['cloudtrail.trails.value[].cloudWatchLogsLogGroupArn'],
  scope: () => ({ cloudtrail: { trails: true } }),
  evaluate(inventory) {
    return evaluateTrails(inventory, id, (trail) => {
      const evidence = [{ field: 'DescribeTrails.CloudWatchLogsLogGroupArn', value: trail.cloudWatchLogsLogGroupArn ?? '(none)', expected: 'a log group ARN' }];
      if (!trail.cloudWatchLogsLogGroupArn) return { pass: false, summary: 'The trail does not deliver to CloudWatch Logs: no metric filter or alarm can react to its events.', evidence };
      return { pass: true, summary: `The trail delivers its events to ${trail.cloudWatchLogsLogGroupArn}.`, evidence };
    });
  },
});
