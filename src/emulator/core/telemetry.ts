/**
 * The emulator's internal telemetry seams: what one service publishes for another to consume.
 *
 * - Metrics: services publish CloudWatch data points (SageMaker's `AWS/SageMaker` invocation
 *   metrics …) through `ctx.metrics`; CloudWatch stores them so GetMetricStatistics, GetMetricData
 *   and alarms see them, exactly as if the service had called PutMetricData.
 * - Events: services publish state-change events (SageMaker training job / endpoint state changes
 *   …) through `ctx.events`; EventBridge matches them against the default bus's rules.
 *
 * A consumer is a service that declares `consumes: { metrics, events }` in its definition
 * (see define-service.ts); test code and tools subscribe with `startEmulator({ hooks: { metrics,
 * events } })` or `emulator.addMetricListener()` / `addEventListener()`. Publishing never fails
 * the publishing call: a consumer that throws is logged.
 */

/** One data point, named as CloudWatch's PutMetricData names it. */
export interface MetricDatum {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly Timestamp: Date;
  readonly Value: number;
  /** A CloudWatch StandardUnit: Count, Microseconds, Milliseconds, Percent, Bytes, None … */
  readonly Unit: string;
}

/** A data point as consumers receive it: with the account and region it belongs to. */
export interface PublishedMetricDatum extends MetricDatum {
  readonly accountId: string;
  readonly region: string;
}

/** An event as a service publishes it (EventBridge's PutEvents entry, with the detail as an object). */
export interface ServiceEvent {
  /** e.g. `aws.sagemaker` */
  readonly Source: string;
  /** e.g. `SageMaker Training Job State Change` */
  readonly DetailType: string;
  readonly Detail: Readonly<Record<string, unknown>>;
  /** ARNs of the resources involved. */
  readonly Resources: readonly string[];
  /** When the change happened (defaults to the request's time). */
  readonly Time?: Date;
}

/**
 * An event as EventBridge delivers it and as rules match it: the standard envelope.
 * `time` is ISO-8601 without milliseconds, as AWS writes it.
 */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Where a service publishes metric data for the calling account and region. */
export interface MetricSink {
  publish(data: readonly MetricDatum[]): void;
}

/** Where a service publishes events for the calling account and region (EventBridge's default bus). */
export interface EventBus {
  publish(events: readonly ServiceEvent[]): void;
}

export type MetricListener = (data: readonly PublishedMetricDatum[]) => void;
export type EventListener = (events: readonly EventEnvelope[]) => void;

/** What a consuming service gets: the account and region the data belongs to, and its own state there. */
export interface ConsumerContext<State = unknown> {
  readonly accountId: string;
  readonly region: string;
  readonly now: Date;
  /** The consumer's state for that account (and region, for regional services). */
  state(): State;
  /** Another service's state (for consumers that deliver elsewhere, e.g. EventBridge → CloudWatch Logs). */
  stateOf<S>(serviceId: string, accountId?: string, region?: string): S;
}

export interface TelemetryConsumers<State = unknown> {
  metrics?(data: readonly PublishedMetricDatum[], target: ConsumerContext<State>): void;
  events?(events: readonly EventEnvelope[], target: ConsumerContext<State>): void;
}

/** ISO-8601 without milliseconds (`2026-01-02T03:04:05Z`), as EventBridge envelopes carry it. */
export function envelopeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
