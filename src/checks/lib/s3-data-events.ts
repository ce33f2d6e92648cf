import { formatAwsError } from '../../aws/errors.ts';
import { trailCoversBucket, type DataEventKind } from './cloudtrail.ts';
import { couldNotCheck, finding } from './findings.ts';
import { bucketResource, evaluateBuckets } from './s3.ts';
import { defineCheck, type Check } from '../types.ts';

/** S3.22 (write) and S3.23 (read) share everything but the kind of event. */
export function dataEventsCheck(kind: DataEventKind): Check {
  const id = `s3-bucket-object-${kind}-events-logged`;
  const verbs = kind === 'write' ? 'uploads, overwrites and deletes' : 'downloads and reads';
  return defineCheck({
    id,
    title: `Object-level ${kind} events of S3 buckets are recorded by a multi-Region CloudTrail trail`,
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'medium',
    risk:
      kind === 'write'
        ? 'Management events show who changed the bucket, not who changed the data in it. Without write data events nobody can say who replaced a training file or deleted a model artifact, or when.'
        : 'Without read data events an exfiltration of training data leaves no trace: you cannot say which objects were downloaded, by which principal, from where.',
    securityHub: [kind === 'write' ? 'S3.22' : 'S3.23'],
    prowler: `cloudtrail_s3_dataevents_${kind}_enabled`,
    syllabus: ['4.3.S3', '4.2.S2'],
    remediation: {
      text: `Add an event selector to a multi-Region trail that is logging, recording ${kind === 'write' ? 'WriteOnly (or All)' : 'ReadOnly (or All)'} data events for AWS::S3::Object in this bucket (or in all buckets).`,
      cli: `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '[{"ReadWriteType":"${kind === 'write' ? 'WriteOnly' : 'ReadOnly'}","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::<bucket>/"]}]}]'`,
      docs: 'Logging data events (AWS CloudTrail User Guide)',
    },
    reads: ['cloudtrail.trails.value[].isMultiRegionTrail', 'cloudtrail.trails.value[].status.value.isLogging', 'cloudtrail.trails.value[].eventSelectors.value'],
    scope: (selector) => ({ s3: { buckets: selector }, cloudtrail: { trails: true } }),
    evaluate(inventory) {
      const trails = inventory.cloudtrail?.trails;
      return evaluateBuckets(inventory, id, (bucket) => {
        const resource = bucketResource(bucket);
        if (!trails) return couldNotCheck(id, resource, 'CloudTrail.DescribeTrails', { code: 'NotCollected', message: 'trails were not read' }, 'the trails');
        if (!trails.ok) return couldNotCheck(id, resource, 'CloudTrail.DescribeTrails', trails.error, 'the trails');
        const covering = trails.value.filter((t) => trailCoversBucket(t, bucket.arn, kind));
        const good = covering.find((t) => t.isMultiRegionTrail && t.status.ok && t.status.value.isLogging);
        const evidence = trails.value.map((t) => ({
          field: `trail ${t.name}`,
          value: {
            isMultiRegionTrail: t.isMultiRegionTrail,
            isLogging: t.status.ok ? t.status.value.isLogging : `unreadable (${formatAwsError(t.status.error)})`,
            [`records ${kind} data events for this bucket`]: t.eventSelectors.ok ? trailCoversBucket(t, bucket.arn, kind) : `unreadable (${formatAwsError(t.eventSelectors.error)})`,
          },
          expected: 'multi-Region, logging, and selecting this bucket’s data events',
        }));
        if (good) return finding(id, resource, 'pass', `Trail ${good.name} records object-level ${kind} events (${verbs}) of this bucket.`, evidence);
        const unreadable = trails.value.find((t) => !t.eventSelectors.ok || (!t.status.ok && trailCoversBucket(t, bucket.arn, kind)));
        if (unreadable) {
          const error = !unreadable.eventSelectors.ok ? unreadable.eventSelectors.error : !unreadable.status.ok ? unreadable.status.error : undefined;
          if (error) return { ...couldNotCheck(id, resource, `trail ${unreadable.name}`, error, `whether trail ${unreadable.name} records this bucket's data events`), evidence: [...evidence] };
        }
        const why =
          trails.value.length === 0
            ? 'There is no CloudTrail trail at all'
            : covering.length === 0
              ? `No trail selects object-level ${kind} events for this bucket`
              : `Trail${covering.length > 1 ? 's' : ''} ${covering.map((t) => t.name).join(', ')} select${covering.length > 1 ? '' : 's'} them but ${covering.every((t) => !t.isMultiRegionTrail) ? 'not as a multi-Region trail' : 'is not logging'}`;
        return finding(id, resource, 'fail', `${why}, so ${verbs} of objects in this bucket are not recorded.`, evidence.length ? evidence : [{ field: 'CloudTrail.DescribeTrails', value: [], expected: 'a multi-Region trail' }]);
      });
    },
  });
}
