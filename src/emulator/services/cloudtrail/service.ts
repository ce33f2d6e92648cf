/**
 * AWS CloudTrail: trails (destinations, logging, event selectors, tags) and LookupEvents over a
 * record of every call the emulator serves. The recorder (recording/recorder.ts) attaches to the
 * request pipeline's record hook; see docs/emulator-cloudtrail.md.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { CLOUDTRAIL_LIMITATIONS } from './limitations.ts';
import { attachCloudTrail } from './recording/recorder.ts';
import { type CloudTrailState, createCloudTrailState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const CLOUDTRAIL_OPERATIONS: readonly string[] = [
  'CreateTrail', 'UpdateTrail', 'DeleteTrail', 'GetTrail', 'DescribeTrails',
  'ListTrails', 'StartLogging', 'StopLogging', 'GetTrailStatus', 'PutEventSelectors',
  'GetEventSelectors', 'PutInsightSelectors', 'GetInsightSelectors', 'AddTags', 'RemoveTags',
  'ListTags', 'LookupEvents',
];

export const cloudtrail = defineService<CloudTrailState>({
  id: 'cloudtrail',
  title: 'AWS CloudTrail',
  signingName: 'cloudtrail',
  protocol: 'awsJson1_1',
  wire: {
    apiVersion: '2013-11-01',
    // The JavaScript SDK v3 sends the short target; botocore (the AWS CLI) the namespaced one.
    targetPrefix: 'CloudTrail_20131101',
    targetPrefixAliases: ['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101'],
  },
  loadModel: () => import('@aws-sdk/client-cloudtrail') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createCloudTrailState },
  attach: attachCloudTrail,
  handlers: lazyHandlers(CLOUDTRAIL_OPERATIONS, async () => (await import('./handlers.ts')).CLOUDTRAIL_HANDLERS),
  limitations: CLOUDTRAIL_LIMITATIONS,
});
