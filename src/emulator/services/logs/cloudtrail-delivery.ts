/**
 * What CloudWatch Logs offers other emulated services through its attachment: CloudTrail's
 * delivery of trail events into a log group (services/cloudtrail/recording/log-delivery.ts reads
 * `cloudTrailDelivery`). Events are written exactly as EventBridge's log-group targets write them
 * (`deliverLogEvents`), so metric filters on a trail's log group — the CIS "alarm on root use /
 * policy changes" pattern — see them.
 */
import type { ServiceAttachment, ServiceHost } from '../service-host.ts';
import { deliverLogEvents } from './log-events.ts';
import type { LogsState } from './state.ts';

export interface CloudTrailLogsDelivery {
  hasLogGroup(accountId: string, region: string, logGroupName: string): boolean;
  /** Appends events to a stream (created when missing); throws with a reason when the group is gone. */
  putLogEvents(accountId: string, region: string, logGroupName: string, logStreamName: string, events: readonly { timestamp: number; message: string }[]): void;
}

export function attachLogs(host: ServiceHost): ServiceAttachment {
  const cloudTrailDelivery: CloudTrailLogsDelivery = {
    hasLogGroup: (accountId, region, logGroupName) => host.peekStateOf<LogsState>('logs', accountId, region)?.groups.has(logGroupName) ?? false,
    putLogEvents: (accountId, region, logGroupName, logStreamName, events) => {
      const delivered = host.runAs(accountId, region, 'PutLogEvents', (ctx) => deliverLogEvents(ctx, { accountId, region, logGroupName, logStreamName }, events));
      if (!delivered) throw new Error(`The specified log group does not exist: ${logGroupName} (account ${accountId}, ${region}).`);
    },
  };
  return { api: { cloudTrailDelivery } };
}
