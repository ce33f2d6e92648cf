/**
 * Delivers what trails log, in batches (every `deliveryIntervalMs`, and on flush/stop), the way
 * CloudTrail delivers:
 *  - to the trail's S3 bucket as gzipped JSON log files `{"Records": [...]}` under
 *    `<prefix>/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz`,
 *    SSE-KMS with the trail's key when it has one;
 *  - to the trail's CloudWatch Logs log group (stream `<account>_CloudTrail_<region>`), one log
 *    event per record, through the Logs service's `cloudTrailDelivery` seam when Logs is emulated.
 * Outcomes land in the trail's status (GetTrailStatus: LatestDeliveryTime / LatestDeliveryError,
 * LatestCloudWatchLogsDeliveryTime / …Error), as AWS reports failed deliveries there.
 */
import { gzipSync } from 'node:zlib';
import type { CloudTrailLogsDelivery } from '../../logs/cloudtrail-delivery.ts';
import type { ServiceHost } from '../../service-host.ts';
import { ownerGrant } from '../../s3/acl.ts';
import { AwsServiceError } from '../../../core/errors.ts';
import { MIXED_ALPHANUMERIC, randomChars } from '../../../core/ids.ts';
import { etagOf, objectEncryption, storeVersion } from '../../s3/object-write.ts';
import type { ObjectEncryption, S3State } from '../../s3/state.ts';
import type { CloudTrailState, Trail } from '../state.ts';
import { bucketOwnerFor } from './bucket-owner.ts';

/** What a CloudWatch Logs emulation offers CloudTrail (its attachment's `cloudTrailDelivery`). */
export type LogsDelivery = CloudTrailLogsDelivery;

export function logsDelivery(host: ServiceHost): LogsDelivery | undefined {
  return host.attachmentOf<{ cloudTrailDelivery?: LogsDelivery }>('logs')?.cloudTrailDelivery;
}

interface PendingTrail {
  readonly accountId: string;
  readonly homeRegion: string;
  readonly name: string;
  /** Records by the region they happened in. */
  readonly byRegion: Map<string, { time: number; json: string }[]>;
}


const pad = (n: number) => String(n).padStart(2, '0');

export function logFileKey(prefix: string | undefined, accountId: string, region: string, at: Date): string {
  const y = at.getUTCFullYear();
  const m = pad(at.getUTCMonth() + 1);
  const d = pad(at.getUTCDate());
  const stamp = `${y}${m}${d}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}Z`;
  return `${prefix ? `${prefix}/` : ''}AWSLogs/${accountId}/CloudTrail/${region}/${y}/${m}/${d}/${accountId}_CloudTrail_${region}_${stamp}_${randomChars(16, MIXED_ALPHANUMERIC)}.json.gz`;
}

export class LogDelivery {
  private readonly host: ServiceHost;
  private readonly intervalMs: number;
  private readonly pending = new Map<string, PendingTrail>();
  private timer: NodeJS.Timeout | undefined;
  delivered = 0;
  lastError: string | undefined;

  constructor(host: ServiceHost, intervalMs: number) {
    this.host = host;
    this.intervalMs = intervalMs;
  }

  enqueue(trail: Trail, region: string, time: number, json: string): void {
    let entry = this.pending.get(trail.arn);
    if (!entry) this.pending.set(trail.arn, (entry = { accountId: trail.accountId, homeRegion: trail.homeRegion, name: trail.name, byRegion: new Map() }));
    let list = entry.byRegion.get(region);
    if (!list) entry.byRegion.set(region, (list = []));
    list.push({ time, json });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.deliver();
      }, this.intervalMs);
      this.timer.unref();
    }
  }

  get pendingRecords(): number {
    let n = 0;
    for (const t of this.pending.values()) for (const list of t.byRegion.values()) n += list.length;
    return n;
  }

  /** Forgets queued records of one account (or all). */
  drop(accountId?: string): void {
    for (const [arn, entry] of this.pending) if (accountId === undefined || entry.accountId === accountId) this.pending.delete(arn);
  }

  /** Delivers everything queued now. */
  deliver(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const batch of batches) {
      const trail = this.host.peekStateOf<CloudTrailState>('cloudtrail', batch.accountId, batch.homeRegion)?.trails.get(batch.name);
      if (!trail) continue; // deleted meanwhile
      const now = this.host.now();
      for (const [region, records] of batch.byRegion) {
        this.toS3(trail, region, records, now);
        if (trail.cloudWatchLogsLogGroupArn) this.toCloudWatchLogs(trail, region, records, now);
      }
      this.host.changed(trail.accountId);
    }
  }

  private toS3(trail: Trail, region: string, records: readonly { json: string }[], now: Date): void {
    trail.status.latestDeliveryAttemptTime = now;
    const owner = bucketOwnerFor(this.host, trail.s3BucketName, trail.accountId);
    const bucket = owner === undefined ? undefined : this.host.peekStateOf<S3State>('s3', owner)?.buckets.get(trail.s3BucketName);
    if (!bucket) {
      trail.status.latestDeliveryError = 'NoSuchBucket';
      this.lastError = `${trail.arn}: bucket ${trail.s3BucketName} does not exist`;
      return;
    }
    const body = gzipSync(Buffer.from(`{"Records":[${records.map((r) => r.json).join(',')}]}`));
    const key = logFileKey(trail.s3KeyPrefix, trail.accountId, region, now);
    let encryption: ObjectEncryption;
    try {
      // SSE-KMS with the trail's key (else the bucket's default encryption), through the emulated KMS.
      encryption = this.host.runAs(trail.accountId, bucket.region, 'DeliverLogFile', (ctx) => objectEncryption(ctx, bucket, key, trail.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: trail.kmsKeyId } : {}));
    } catch (error) {
      trail.status.latestDeliveryError = error instanceof AwsServiceError ? error.code : String(error);
      this.lastError = `${trail.arn}: ${(error as Error).message}`;
      return;
    }
    storeVersion(bucket, {
      key,
      deleteMarker: false,
      body,
      etag: etagOf(body),
      lastModified: now,
      contentType: 'application/json',
      contentEncoding: 'gzip',
      metadata: {},
      storageClass: 'STANDARD',
      encryption,
      tags: [],
      acl: [ownerGrant(bucket.owner)],
      owner: bucket.owner,
    });
    this.host.changed(bucket.owner);
    trail.status.latestDeliveryTime = now;
    trail.status.latestDeliveryError = undefined;
    this.delivered += records.length;
  }

  private toCloudWatchLogs(trail: Trail, region: string, records: readonly { time: number; json: string }[], now: Date): void {
    const logs = logsDelivery(this.host);
    if (!logs) {
      trail.status.latestCloudWatchLogsDeliveryError = 'CloudWatch Logs is not emulated in this emulator; events were not delivered to the log group.';
      return;
    }
    const group = /:log-group:([^:]+)/.exec(trail.cloudWatchLogsLogGroupArn!)?.[1] ?? '';
    try {
      logs.putLogEvents(trail.accountId, trail.homeRegion, group, `${trail.accountId}_CloudTrail_${region}`, records.map((r) => ({ timestamp: r.time, message: r.json })));
      trail.status.latestCloudWatchLogsDeliveryTime = now;
      trail.status.latestCloudWatchLogsDeliveryError = undefined;
    } catch (error) {
      trail.status.latestCloudWatchLogsDeliveryError = (error as Error).message;
    }
  }
}
