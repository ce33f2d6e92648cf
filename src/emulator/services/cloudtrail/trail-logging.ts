/** StartLogging, StopLogging and GetTrailStatus (which also reports delivery outcomes). */
import type * as CT from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../core/context.ts';
import type { Output } from '../define-service.ts';
import { isoSeconds } from './recording/user-identity.ts';
import type { CloudTrailState } from './state.ts';
import { homeTrail, visibleTrail } from './trail-names.ts';

type Ctx = RequestContext<CloudTrailState>;

export function startLogging(input: CT.StartLoggingRequest, ctx: Ctx): Output<CT.StartLoggingResponse> {
  const trail = homeTrail(ctx, input.Name!);
  if (!trail.status.isLogging) {
    trail.status.isLogging = true;
    trail.status.startLoggingTime = ctx.now;
  }
  return {};
}

export function stopLogging(input: CT.StopLoggingRequest, ctx: Ctx): Output<CT.StopLoggingResponse> {
  const trail = homeTrail(ctx, input.Name!);
  if (trail.status.isLogging) {
    trail.status.isLogging = false;
    trail.status.stopLoggingTime = ctx.now;
  }
  return {};
}

/** AWS answers the string-typed attempt fields with '' when nothing happened yet. */
function text(date: Date | undefined): string {
  return date ? isoSeconds(date) : '';
}

export function getTrailStatus(input: CT.GetTrailStatusRequest, ctx: Ctx): Output<CT.GetTrailStatusResponse> {
  const s = visibleTrail(ctx, input.Name!).status;
  const attemptSucceeded = s.latestDeliveryAttemptTime && !s.latestDeliveryError ? s.latestDeliveryAttemptTime : undefined;
  return {
    IsLogging: s.isLogging,
    LatestDeliveryError: s.latestDeliveryError,
    LatestDeliveryTime: s.latestDeliveryTime,
    StartLoggingTime: s.startLoggingTime,
    StopLoggingTime: s.stopLoggingTime,
    LatestCloudWatchLogsDeliveryError: s.latestCloudWatchLogsDeliveryError,
    LatestCloudWatchLogsDeliveryTime: s.latestCloudWatchLogsDeliveryTime,
    LatestDigestDeliveryTime: s.latestDigestDeliveryTime,
    LatestDigestDeliveryError: s.latestDigestDeliveryError,
    LatestDeliveryAttemptTime: text(s.latestDeliveryAttemptTime),
    LatestNotificationAttemptTime: '',
    LatestNotificationAttemptSucceeded: '',
    LatestDeliveryAttemptSucceeded: text(attemptSucceeded),
    TimeLoggingStarted: text(s.startLoggingTime),
    TimeLoggingStopped: text(s.stopLoggingTime),
  };
}
