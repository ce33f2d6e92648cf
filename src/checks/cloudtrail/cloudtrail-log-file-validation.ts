import { evaluateTrails } from '../lib/trails.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudtrail-log-file-validation';

export default defineCheck({
  id,
  title: 'The trail writes digest files so log tampering can be detected',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'medium',
  risk: 'Without log file validation nobody can prove a log file was not edited or deleted after delivery — and the first thing a careful intruder does is clean up the record of what they did.',
  securityHub: ['CloudTrail.4'],
  prowler: 'cloudtrail_log_file_validation_enabled',
  syllabus: ['4.2.S2', '4.3.S3'],
  remediation: {
    text: 'Enable log file validation: CloudTrail then writes signed hourly digest files that validate-logs checks.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    docs: 'AWS CloudTrail controls',
  },
  reads: ['cloudtrail.trails.value[].logFileValidationEnabled'],
  scope: () => ({ cloudtrail: { trails: true } }),
  evaluate(inventory) {
    return evaluateTrails(inventory, id, (trail) => {
      const evidence = [{ field: 'DescribeTrails.LogFileValidationEnabled', value: trail.logFileValidationEnabled, expected: 'true' }];
      if (!trail.logFileValidationEnabled) return { pass: false, summary: 'Log file validation is off: edited or deleted log files cannot be detected.', evidence };
      return { pass: true, summary: 'Log file validation is on: digest files prove the log files are intact.', evidence };
    });
  },
});
