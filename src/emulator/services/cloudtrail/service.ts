/**
 * AWS CloudTrail: trails (destinations, logging, event selectors, tags) and LookupEvents over a
 * record of every call the emulator serves. The recorder (recording/recorder.ts) attaches to the
 * request pipeline's record hook; see docs/emulator-cloudtrail.md.
 */
import { defineService } from '../define-service.ts';
import * as selectors from './event-selectors.ts';
import { CLOUDTRAIL_LIMITATIONS } from './limitations.ts';
import { lookupEvents } from './lookup-events.ts';
import { attachCloudTrail } from './recording/recorder.ts';
import { type CloudTrailState, createCloudTrailState } from './state.ts';
import * as tags from './tags.ts';
import * as logging from './trail-logging.ts';
import * as trails from './trails.ts';

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
  handlers: {
    CreateTrail: trails.createTrail,
    UpdateTrail: trails.updateTrail,
    DeleteTrail: trails.deleteTrail,
    GetTrail: trails.getTrail,
    DescribeTrails: trails.describeTrails,
    ListTrails: trails.listTrails,
    StartLogging: logging.startLogging,
    StopLogging: logging.stopLogging,
    GetTrailStatus: logging.getTrailStatus,
    PutEventSelectors: selectors.putEventSelectors,
    GetEventSelectors: selectors.getEventSelectors,
    PutInsightSelectors: selectors.putInsightSelectors,
    GetInsightSelectors: selectors.getInsightSelectors,
    AddTags: tags.addTags,
    RemoveTags: tags.removeTags,
    ListTags: tags.listTags,
    LookupEvents: lookupEvents,
  },
  limitations: CLOUDTRAIL_LIMITATIONS,
});
