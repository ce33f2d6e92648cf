/** CloudTrail collector: every trail visible in the region, with status and event selectors. */
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedValue } from '../observed.ts';
import { mapLimit } from '../paginate.ts';
import type { CloudTrailInventory, Trail } from '../types.ts';

export async function collectCloudTrail(aws: AwsClients): Promise<CloudTrailInventory> {
  const cloudtrail = await aws.client('cloudtrail');
  const list = await observe('CloudTrail.DescribeTrails', async () => (await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? []);
  if (!list.ok) return { trails: list };
  const trails = await mapLimit(list.value, 6, async (t): Promise<Trail> => {
    const id = t.TrailARN ?? t.Name!;
    const [status, eventSelectors] = await Promise.all([
      observe('CloudTrail.GetTrailStatus', async () => ({ isLogging: (await cloudtrail.send(new GetTrailStatusCommand({ Name: id }))).IsLogging === true })),
      observe('CloudTrail.GetEventSelectors', async () => {
        const answer = await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: id }));
        return {
          basic: (answer.EventSelectors ?? []).map((s) => ({
            readWriteType: s.ReadWriteType,
            includeManagementEvents: s.IncludeManagementEvents,
            dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type, values: d.Values ?? [] })),
          })),
          advanced: (answer.AdvancedEventSelectors ?? []).map((s) => ({
            name: s.Name,
            fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
              field: f.Field ?? '',
              equals: f.Equals,
              startsWith: f.StartsWith,
              notEquals: f.NotEquals,
              notStartsWith: f.NotStartsWith,
              endsWith: f.EndsWith,
              notEndsWith: f.NotEndsWith,
            })),
          })),
        };
      }),
    ]);
    return {
      name: t.Name ?? id,
      arn: t.TrailARN ?? id,
      homeRegion: t.HomeRegion,
      isMultiRegionTrail: t.IsMultiRegionTrail === true,
      s3BucketName: t.S3BucketName,
      kmsKeyId: t.KmsKeyId,
      logFileValidationEnabled: t.LogFileValidationEnabled === true,
      cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
      status,
      eventSelectors,
    };
  });
  return { trails: observedValue(trails) };
}
