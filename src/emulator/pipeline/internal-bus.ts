/**
 * Carries metrics and events between services inside the emulator (core/metrics.ts,
 * core/events.ts). A producer's `ctx.metrics.put` / `ctx.events.publish` lands here; the bus finds
 * the service that consumes that kind and calls it synchronously with a context for the target
 * account and region, so the datapoint or event is visible as soon as the producing call returns.
 * The accounts a consumer touches are persisted. Consumers may produce in turn (an EventBridge
 * delivery to a log group feeds a metric filter, which feeds an alarm, which emits an event); a
 * depth limit stops a loop that users could build out of rules and filters.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import type { RequestContext } from '../core/context.ts';
import type { AwsEvent, EmittedEvent, EventPublisher } from '../core/events.ts';
import type { MetricDatum, MetricSink, MetricTarget } from '../core/metrics.ts';
import type { ServiceRuntime } from '../services/service-runtime.ts';

/** Who produced: the request (or emulator-internal caller) on whose behalf the bus delivers. */
export interface BusOrigin {
  readonly requestId: string;
  readonly accountId: string;
  readonly region: string;
  readonly principal: Principal;
  readonly now: Date;
  /** 0 for a client's request; each hop through a consumer adds one. */
  readonly depth: number;
}

/** Builds a consumer's context for an account and region; records the accounts its state calls touch. */
export type ConsumerContextFactory = (runtime: ServiceRuntime, operation: string, accountId: string, region: string, origin: BusOrigin, touched: Set<string>) => RequestContext;

/** Beyond this many hops a delivery is dropped (and logged): a rule/filter/alarm loop. */
export const MAX_BUS_DEPTH = 8;

export class InternalBus {
  private readonly services: readonly ServiceRuntime[];
  private readonly makeContext: ConsumerContextFactory;
  private readonly onAccountsChanged: (accountIds: Iterable<string>) => void;
  private readonly log: (message: string) => void;

  constructor(options: {
    services: readonly ServiceRuntime[];
    makeContext: ConsumerContextFactory;
    onAccountsChanged: (accountIds: Iterable<string>) => void;
    log: (message: string) => void;
  }) {
    this.services = options.services;
    this.makeContext = options.makeContext;
    this.onAccountsChanged = options.onAccountsChanged;
    this.log = options.log;
  }

  metricsFor(origin: BusOrigin): MetricSink {
    return { put: (namespace, data, target) => this.putMetrics(origin, namespace, data, target) };
  }

  eventsFor(origin: BusOrigin): EventPublisher {
    return { publish: (event) => this.publishEvent(origin, event) };
  }

  putMetrics(origin: BusOrigin, namespace: string, data: readonly MetricDatum[], target: MetricTarget = {}): void {
    const consumer = this.services.find((s) => s.definition.consumes?.metrics);
    if (!consumer || data.length === 0) return;
    const stamped = data.map((d) => ({ ...d, Timestamp: d.Timestamp ?? origin.now }));
    this.deliver(consumer, 'internal:PutMetricData', target.accountId ?? origin.accountId, target.region ?? origin.region, origin, (ctx) =>
      consumer.definition.consumes!.metrics!({ namespace, data: stamped }, ctx),
    );
  }

  publishEvent(origin: BusOrigin, event: EmittedEvent): void {
    const consumer = this.services.find((s) => s.definition.consumes?.events);
    if (!consumer) return;
    const accountId = event.accountId ?? origin.accountId;
    const region = event.region ?? origin.region;
    const envelope: AwsEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': event.detailType,
      source: event.source,
      account: accountId,
      time: (event.time ?? origin.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: [...(event.resources ?? [])],
      detail: event.detail,
    };
    this.deliver(consumer, 'internal:PutEvents', accountId, region, origin, (ctx) => consumer.definition.consumes!.events!(envelope, ctx));
  }

  private deliver(consumer: ServiceRuntime, operation: string, accountId: string, region: string, origin: BusOrigin, run: (ctx: RequestContext) => void): void {
    if (origin.depth >= MAX_BUS_DEPTH) {
      this.log(`dropped ${operation} to ${consumer.id} after ${MAX_BUS_DEPTH} hops (request ${origin.requestId}): a loop of rules, filters or alarms?`);
      return;
    }
    try {
      this.runAs(consumer, operation, accountId, region, { ...origin, depth: origin.depth + 1 }, run);
    } catch (error) {
      this.log(`${consumer.id} failed to consume ${operation} (request ${origin.requestId}): ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  /**
   * Runs `fn` with a context of `runtime`'s service for an account and region, outside any client
   * request (a consumer's delivery; work a service hands another through its attachment, such as
   * CloudTrail's log delivery into CloudWatch Logs). The accounts it touches are persisted; what
   * it throws reaches the caller.
   */
  runAs<T>(runtime: ServiceRuntime, operation: string, accountId: string, region: string, origin: BusOrigin, fn: (ctx: RequestContext) => T): T {
    const touched = new Set<string>();
    try {
      return fn(this.makeContext(runtime, operation, accountId, region, origin, touched));
    } finally {
      if (touched.size) this.onAccountsChanged(touched);
    }
  }

  /** An origin for producers outside any request (pipeline record hooks, tests). */
  static origin(accountId: string, region: string, principal: Principal, now: Date): BusOrigin {
    return { requestId: `internal-${randomUUID()}`, accountId, region, principal, now, depth: 0 };
  }
}
