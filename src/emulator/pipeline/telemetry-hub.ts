/**
 * Delivers what services publish through `ctx.metrics` and `ctx.events` (see core/telemetry.ts)
 * to the services that consume it (CloudWatch, EventBridge) and to listeners (tests, tools).
 * Delivery is synchronous, inside the publishing call, so a Describe that made a job complete has
 * delivered its state-change event by the time its response is written.
 */
import { randomUUID } from 'node:crypto';
import {
  type ConsumerContext,
  type EventEnvelope,
  type EventListener,
  envelopeTime,
  type MetricDatum,
  type MetricListener,
  type PublishedMetricDatum,
  type ServiceEvent,
} from '../core/telemetry.ts';
import type { ServiceRuntime } from '../services/service-runtime.ts';
import type { World } from '../state/world.ts';

export interface TelemetryHubOptions {
  readonly world: World;
  readonly services: () => readonly ServiceRuntime[];
  readonly onAccountsChanged: (accountIds: Iterable<string>) => void;
  readonly log: (message: string) => void;
}

export class TelemetryHub {
  readonly metricListeners: MetricListener[] = [];
  readonly eventListeners: EventListener[] = [];
  private readonly options: TelemetryHubOptions;

  constructor(options: TelemetryHubOptions) {
    this.options = options;
  }

  publishMetrics(accountId: string, region: string, data: readonly MetricDatum[], now: Date): void {
    if (!data.length) return;
    const published: PublishedMetricDatum[] = data.map((d) => ({ ...d, accountId, region }));
    for (const listener of this.metricListeners) this.safely('metric listener', () => listener(published));
    this.deliver(accountId, region, now, (runtime, target) => runtime.definition.consumes?.metrics?.(published, target));
  }

  publishEvents(accountId: string, region: string, events: readonly ServiceEvent[], now: Date): void {
    if (!events.length) return;
    const envelopes: EventEnvelope[] = events.map((e) => ({
      version: '0',
      id: randomUUID(),
      'detail-type': e.DetailType,
      source: e.Source,
      account: accountId,
      time: envelopeTime(e.Time ?? now),
      region,
      resources: [...e.Resources],
      detail: e.Detail,
    }));
    for (const listener of this.eventListeners) this.safely('event listener', () => listener(envelopes));
    this.deliver(accountId, region, now, (runtime, target) => runtime.definition.consumes?.events?.(envelopes, target));
  }

  private deliver(accountId: string, region: string, now: Date, call: (runtime: ServiceRuntime, target: ConsumerContext) => void): void {
    let delivered = false;
    for (const runtime of this.options.services()) {
      if (!runtime.definition.consumes) continue;
      delivered = true;
      this.safely(`${runtime.id} consumer`, () => call(runtime, this.target(runtime, accountId, region, now)));
    }
    if (delivered) this.options.onAccountsChanged([accountId]);
  }

  private target(runtime: ServiceRuntime, accountId: string, region: string, now: Date): ConsumerContext {
    const world = this.options.world;
    const stateOf = <S>(serviceId: string, account: string = accountId, stateRegion: string = region): S => {
      const owner = this.options.services().find((s) => s.id === serviceId);
      const definition = owner?.definition.state;
      if (!definition) throw new Error(`emulator: service ${serviceId} keeps no state`);
      return world.serviceState(account, serviceId, definition.scope === 'region' ? stateRegion : undefined, definition.create) as S;
    };
    return { accountId, region, now, state: () => stateOf(runtime.id), stateOf };
  }

  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.options.log(`telemetry ${what} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  }
}
