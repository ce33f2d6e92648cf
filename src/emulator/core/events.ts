/**
 * The internal event bus: how emulated services announce AWS events (SageMaker training-job and
 * endpoint state changes, CloudWatch alarm state changes, CloudTrail's "AWS API Call via CloudTrail")
 * without knowing EventBridge. A provider calls `ctx.events.publish({...})`; the service that
 * declares `consumes.events` (EventBridge) matches the event against the rules of the account's
 * default event bus exactly as it matches PutEvents entries. With no consumer the call does nothing.
 */

/** What a producer publishes. `detail-type` and the envelope are filled in by the bus. */
export interface EmittedEvent {
  /** e.g. `aws.sagemaker`, `aws.cloudwatch`. */
  readonly source: string;
  /** e.g. `SageMaker Endpoint State Change`. */
  readonly detailType: string;
  /** The event's `detail` object. */
  readonly detail: Readonly<Record<string, unknown>>;
  /** ARNs of the resources involved. */
  readonly resources?: readonly string[];
  /** When it happened; default the time of the request that publishes it (`ctx.now`). */
  readonly time?: Date;
  /** Account and region the event belongs to; default the caller's. */
  readonly accountId?: string;
  readonly region?: string;
}

/** The event as EventBridge delivers it (the envelope every AWS service event has). */
export interface AwsEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 without milliseconds, as EventBridge writes it. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface EventPublisher {
  /** Delivers the event to the consuming service before returning. Never throws at the caller. */
  publish(event: EmittedEvent): void;
}
