/**
 * CloudTrail's recorder: a record hook on the request pipeline that turns every call the emulator
 * serves — failures and access denials included — into a CloudTrail record, then
 *  - keeps management events in the event history of the account and region (LookupEvents),
 *  - queues the record for every logging trail whose selectors select it (log-delivery.ts),
 *  - announces what those trails log (management and data events; not read-only calls, as
 *    EventBridge's default rules see them) as "AWS API Call via CloudTrail" on the internal event
 *    bus (ServiceHost.publishEvent), which is how an EventBridge rule reacts to an API call.
 * Recipients: the calling account; for S3, also the bucket owner when it is another account (an
 * anonymous S3 call is recorded for the bucket owner only).
 *
 * Settings (`serviceSettings.cloudtrail`): `historyLimit` (default 10,000 events per account and
 * region; env MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT), `deliveryIntervalMs` (default 1000).
 * 10,000 is hours of a learner's busiest lab (graders and consoles included) at ~1 KB per event;
 * a workshop of 1,000 accounts could otherwise hold 100,000 events each (docs/emulator.md, "Memory").
 */
import { randomUUID } from 'node:crypto';
import type { Call } from '../../../pipeline/hooks.ts';
import type { OperationShape } from '../../../schema/shapes.ts';
import type { ServiceAttachment, ServiceHost } from '../../service-host.ts';
import type { CloudTrailState, Trail } from '../state.ts';
import { bucketOwnerFor } from './bucket-owner.ts';
import { type BuiltEvent, buildEvent, recordFor } from './event-record.ts';
import { EventHistory, type HistoryEvent } from './event-history.ts';
import { HistoryFiles } from './history-files.ts';
import { LogDelivery, type LogsDelivery, logsDelivery } from './log-delivery.ts';
import type { EventResource } from './resources.ts';
import { trailSelects } from './selector-match.ts';

export const DEFAULT_HISTORY_LIMIT = 10_000;
export const DEFAULT_DELIVERY_INTERVAL_MS = 1000;

/** What CloudTrail's handlers reach through `ctx.attachment()`. */
export interface CloudTrailRuntime {
  /** The event history of an account in a region (loaded from disk on first use). */
  history(accountId: string, region: string): EventHistory;
  regionsOf(accountId: string): string[];
  hasService(serviceId: string): boolean;
  logs(): LogsDelivery | undefined;
}

type LookupResource = HistoryEvent['resources'][number];

function lookupResources(resources: readonly EventResource[]): LookupResource[] {
  return resources.map((r) => (r.arn && r.arn !== r.name ? { type: r.type, name: r.name, arn: r.arn } : { type: r.type, name: r.name }));
}

/**
 * History file lines: what LookupEvents filters on (a small JSON array), a tab, the record as JSON
 * (JSON never holds a raw tab). Reading a history back parses only the small part; the record stays
 * text, as LookupEvents returns it.
 */
export function historyLine(event: HistoryEvent): string {
  const index = [event.id, event.name, event.readOnly ? 1 : 0, event.time, event.source, event.username ?? null, event.accessKeyId ?? null, event.resources];
  return `${JSON.stringify(index)}\t${event.json}`;
}

export function parseHistoryLine(line: string): HistoryEvent | undefined {
  const tab = line.indexOf('\t');
  if (tab === -1 || line.charCodeAt(tab + 1) !== 123 /* { */ || line.charCodeAt(line.length - 1) !== 125 /* } */) return undefined;
  try {
    const index = JSON.parse(line.slice(0, tab)) as unknown[];
    if (!Array.isArray(index) || index.length !== 8) return undefined;
    const [id, name, readOnly, time, source, username, accessKeyId, resources] = index;
    if (typeof id !== 'string' || typeof name !== 'string' || typeof time !== 'number' || typeof source !== 'string' || !Array.isArray(resources)) return undefined;
    return {
      id,
      name,
      readOnly: readOnly === 1,
      time,
      source,
      username: typeof username === 'string' ? username : undefined,
      accessKeyId: typeof accessKeyId === 'string' ? accessKeyId : undefined,
      resources: resources as LookupResource[],
      json: line.slice(tab + 1),
    };
  } catch {
    return undefined;
  }
}

function positiveSetting(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < (name === 'deliveryIntervalMs' ? 0 : 1)) throw new Error(`cloudtrail: setting ${name}=${String(value)} must be a positive number.`);
  return Math.floor(n);
}

export class CloudTrailRecorder {
  readonly limit: number;
  private readonly host: ServiceHost;
  private readonly histories = new Map<string, EventHistory>();
  private readonly files: HistoryFiles | undefined;
  private readonly delivery: LogDelivery;
  private recorded = 0;
  readonly runtime: CloudTrailRuntime;

  constructor(host: ServiceHost) {
    this.host = host;
    this.limit = positiveSetting(host.settings.historyLimit, DEFAULT_HISTORY_LIMIT, 'historyLimit');
    this.delivery = new LogDelivery(host, positiveSetting(host.settings.deliveryIntervalMs, DEFAULT_DELIVERY_INTERVAL_MS, 'deliveryIntervalMs'));
    this.files = host.dataDir ? new HistoryFiles(host.dataDir, { log: host.log }) : undefined;
    this.runtime = {
      history: (accountId, region) => this.history(accountId, region),
      regionsOf: (accountId) => host.regionsOf(accountId),
      hasService: (id) => host.service(id) !== undefined,
      logs: () => logsDelivery(host),
    };
  }

  history(accountId: string, region: string): EventHistory {
    const key = `${accountId}/${region}`;
    let history = this.histories.get(key);
    if (history) return history;
    history = new EventHistory(this.limit);
    if (this.files) {
      for (const line of this.files.load(accountId, region, this.limit).lines) {
        const event = parseHistoryLine(line);
        if (event) history.append(event);
      }
    }
    this.histories.set(key, history);
    return history;
  }

  private operationShape(serviceId: string, operation: string): OperationShape | undefined {
    const api = this.host.service(serviceId)?.api;
    return api?.has(operation) ? api.operation(operation) : undefined;
  }

  /** The record hook. */
  record(call: Readonly<Call>): void {
    if (!call.service || !call.operation || !call.accountId) return;
    const service = this.host.service(call.service);
    if (!service) return;
    const bucket = call.service === 's3' && typeof call.input?.Bucket === 'string' ? call.input.Bucket : undefined;
    const bucketOwner = bucket === undefined ? undefined : bucketOwnerFor(this.host, bucket, call.accountId);
    const event = buildEvent(call, { signingName: service.definition.signingName, operation: this.operationShape(call.service, call.operation), bucketOwner });
    if (!event) return;
    this.recorded++;
    const recipients = new Set<string>();
    if (call.principal?.type !== 'Anonymous') recipients.add(event.callerAccountId);
    if (bucketOwner) recipients.add(bucketOwner);
    const shared = recipients.size > 1 ? randomUUID() : undefined;
    for (const account of recipients) this.recordFor(event, account, shared);
  }

  private recordFor(event: BuiltEvent, accountId: string, sharedEventID: string | undefined): void {
    const record = recordFor(event, accountId, sharedEventID);
    const json = JSON.stringify(record);
    const time = Math.floor(event.time / 1000) * 1000;
    if (event.category === 'Management') {
      const entry: HistoryEvent = {
        id: record.eventID,
        name: record.eventName,
        readOnly: event.readOnly,
        time,
        source: record.eventSource,
        username: event.username,
        accessKeyId: event.accessKeyId,
        resources: lookupResources(event.resources),
        json,
      };
      const history = this.history(accountId, event.region);
      history.append(entry);
      if (this.files) {
        const fileLines = this.files.append(accountId, event.region, historyLine(entry));
        if (fileLines > 2 * this.limit) void this.files.rewrite(accountId, event.region, [...history.events()].map(historyLine));
      }
    }
    const trails = this.loggingTrails(accountId, event);
    for (const trail of trails) this.delivery.enqueue(trail, event.region, time, json);
    // EventBridge receives what trails log (management and data events alike), except read-only calls.
    if (trails.length && !event.readOnly) {
      this.host.publishEvent({
        source: `aws.${record.eventSource.replace(/\.amazonaws\.com$/, '')}`,
        detailType: 'AWS API Call via CloudTrail',
        detail: record as unknown as Record<string, unknown>,
        resources: [],
        time: new Date(event.time),
        accountId,
        region: event.region,
      });
    }
  }

  /** Trails of the account that log this event. */
  private loggingTrails(accountId: string, event: BuiltEvent): Trail[] {
    const out: Trail[] = [];
    for (const region of this.host.regionsOf(accountId)) {
      const trails = this.host.peekStateOf<CloudTrailState>('cloudtrail', accountId, region)?.trails;
      if (!trails?.size) continue;
      for (const trail of trails.values()) {
        if (!trail.status.isLogging) continue;
        if (event.globalService ? !trail.includeGlobalServiceEvents : trail.homeRegion !== event.region && !trail.isMultiRegionTrail) continue;
        const selected = trailSelects(trail, {
          category: event.category,
          readOnly: event.readOnly,
          eventSource: event.record.eventSource,
          eventName: event.record.eventName,
          eventType: 'AwsApiCall',
          errorCode: event.record.errorCode,
          userIdentityArn: event.record.userIdentity.arn,
          resources: event.resources,
        });
        if (selected) out.push(trail);
      }
    }
    return out;
  }

  async flush(): Promise<void> {
    this.delivery.deliver();
    await this.files?.flush();
  }

  reset(accountId?: string): void {
    for (const key of [...this.histories.keys()]) if (accountId === undefined || key.startsWith(`${accountId}/`)) this.histories.delete(key);
    this.files?.remove(accountId);
    this.delivery.drop(accountId);
  }

  status(): Record<string, unknown> {
    let events = 0;
    for (const h of this.histories.values()) events += h.size;
    return {
      historyLimit: this.limit,
      histories: this.histories.size,
      eventsInHistory: events,
      callsRecorded: this.recorded,
      historyFiles: this.files?.status() ?? null,
      delivery: { pendingRecords: this.delivery.pendingRecords, delivered: this.delivery.delivered, lastError: this.delivery.lastError ?? null },
    };
  }
}

export function attachCloudTrail(host: ServiceHost): ServiceAttachment {
  const recorder = new CloudTrailRecorder(host);
  host.addRecorder((call) => recorder.record(call));
  return {
    api: recorder.runtime,
    flush: () => recorder.flush(),
    reset: (accountId) => recorder.reset(accountId),
    status: () => recorder.status(),
  };
}
