/**
 * CloudTrail's state, per account and region: the trails whose home region this is. A multi-Region
 * trail lives in its home region's state and is shown elsewhere as a shadow trail. The event history
 * (what LookupEvents reads) is not here: it lives in the recorder (recording/event-history.ts) and
 * its own append-only files, so a busy account does not rewrite megabytes of events with every
 * change to its state.
 */
import { formatArn } from '../../core/arn.ts';
import type * as CT from '@aws-sdk/client-cloudtrail';

export interface TrailTag {
  Key: string;
  Value?: string;
}

export interface TrailStatus {
  isLogging: boolean;
  startLoggingTime?: Date;
  stopLoggingTime?: Date;
  latestDeliveryTime?: Date;
  latestDeliveryAttemptTime?: Date;
  latestDeliveryError?: string;
  latestCloudWatchLogsDeliveryTime?: Date;
  latestCloudWatchLogsDeliveryError?: string;
  latestDigestDeliveryTime?: Date;
  latestDigestDeliveryError?: string;
}

export interface Trail {
  name: string;
  arn: string;
  accountId: string;
  homeRegion: string;
  createdAt: Date;
  s3BucketName: string;
  s3KeyPrefix?: string;
  snsTopicName?: string;
  snsTopicArn?: string;
  includeGlobalServiceEvents: boolean;
  isMultiRegionTrail: boolean;
  logFileValidationEnabled: boolean;
  cloudWatchLogsLogGroupArn?: string;
  cloudWatchLogsRoleArn?: string;
  /** Always the key's ARN once resolved (AWS shows the ARN whatever form was given). */
  kmsKeyId?: string;
  isOrganizationTrail: boolean;
  /** Classic selectors; undefined while advanced selectors are in use. */
  eventSelectors?: CT.EventSelector[];
  advancedEventSelectors?: CT.AdvancedEventSelector[];
  /** Set once PutEventSelectors has been called (DescribeTrails' HasCustomEventSelectors). */
  customSelectors: boolean;
  insightSelectors: CT.InsightSelector[];
  tags: TrailTag[];
  status: TrailStatus;
}

export interface CloudTrailState {
  /** Trails whose home region is this one, by name. */
  trails: Map<string, Trail>;
}

export function createCloudTrailState(): CloudTrailState {
  return { trails: new Map() };
}

/** The selectors a new trail has: every management event, read and write, no data events. */
export function defaultEventSelectors(): CT.EventSelector[] {
  return [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];
}

export function trailArn(region: string, accountId: string, name: string): string {
  return formatArn('cloudtrail', region, accountId, `trail/${name}`);
}

/** How many trails (including other regions' multi-Region trails) apply in a region. */
export const MAX_TRAILS_PER_REGION = 5;
