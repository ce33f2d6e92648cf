import { evaluateTrails } from '../lib/trails.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudtrail-multi-region-logging';

export default defineCheck({
  id,
  title: 'The trail records management events in every Region and is logging',
  service: 'cloudtrail',
  resourceType: 'AWS::CloudTrail::Trail',
  severity: 'medium',
  risk: 'A trail that covers one Region, or that was stopped, leaves gaps exactly where an intruder would act: resources created in an unused Region, or calls made while logging was off, leave no record to investigate.',
  securityHub: ['CloudTrail.1'],
  prowler: 'cloudtrail_multi_region_enabled',
  syllabus: ['4.2.S2', '4.3.S3'],
  remediation: {
    text: 'Make the trail multi-Region, include management events (read and write) in its event selectors, and start logging.',
    cli: 'aws cloudtrail update-trail --name <trail> --is-multi-region-trail && aws cloudtrail start-logging --name <trail>',
    docs: 'AWS CloudTrail controls',
  },
  reads: ['cloudtrail.trails.value[].isMultiRegionTrail', 'cloudtrail.trails.value[].status.value.isLogging', 'cloudtrail.trails.value[].eventSelectors.value'],
  scope: () => ({ cloudtrail: { trails: true } }),
  evaluate(inventory) {
    return evaluateTrails(inventory, id, (trail) => {
      const status = trail.status.ok ? trail.status.value.isLogging : 'could not read';
      const selectors = trail.eventSelectors.ok ? trail.eventSelectors.value : undefined;
      const management = selectors === undefined ? 'unknown' : selectors.advanced.length
        ? selectors.advanced.some((s) => s.fieldSelectors.some((f) => f.field === 'eventCategory' && f.equals?.includes('Management')) && !s.fieldSelectors.some((f) => f.field === 'readOnly'))
        : selectors.basic.some((s) => s.includeManagementEvents !== false && (s.readWriteType ?? 'All') === 'All');
      const evidence = [
        { field: 'DescribeTrails.IsMultiRegionTrail', value: trail.isMultiRegionTrail, expected: 'true' },
        { field: 'GetTrailStatus.IsLogging', value: status, expected: 'true' },
        { field: 'GetEventSelectors: management events, read and write', value: management, expected: 'true' },
      ];
      if (!trail.isMultiRegionTrail) return { pass: false, summary: 'The trail records only its home Region: calls in any other Region leave no record.', evidence };
      if (status !== true) return { pass: false, summary: status === false ? 'The trail exists but is not logging (StopLogging, or never started).' : 'Could not read whether the trail is logging.', evidence, unknown: status !== false };
      if (management !== true) return { pass: false, summary: management === false ? 'The trail does not record all management events (read and write).' : 'Could not read the trail’s event selectors.', evidence, unknown: management !== false };
      return { pass: true, summary: 'The trail is multi-Region, logging, and records all management events.', evidence };
    });
  },
});
