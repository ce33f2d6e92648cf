/**
 * The shape of an emulated service. Each service folder exports one `ServiceDefinition` from its
 * `service.ts`: where its API definition comes from (an `@aws-sdk/client-*` package), which wire
 * protocol it speaks, its state, its handlers by operation name, and its known limitations.
 * See docs/emulator.md, "Adding a service".
 */
import type { RequestContext } from '../core/context.ts';
import type { AwsEvent } from '../core/events.ts';
import type { MetricBatch } from '../core/metrics.ts';
import type { RestXmlOptions } from '../protocols/rest-xml/rest-xml-protocol.ts';
import type { ProtocolName, ServiceWireMetadata } from '../protocols/wire.ts';
import type { ServiceAttachment, ServiceHost } from './service-host.ts';

/** An operation handler: typed input in, typed output out (or throw AwsServiceError). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler<I = any, O = any, S = any> = (input: I, ctx: RequestContext<S>) => O | Promise<O>;

/** Output types of the SDK carry `$metadata`; providers never fill it in. */
export type Output<T> = Omit<T, '$metadata'>;

/** A known difference from AWS, rendered into docs/emulator-coverage.md. */
export interface Limitation {
  /** The operation it concerns, or undefined for the service as a whole. */
  readonly operation?: string;
  readonly text: string;
}

export interface ServiceDefinition<State = unknown> {
  /** Our id: the health-report key and state key (`iam`, `s3`, `s3control`, `secretsmanager` …). */
  readonly id: string;
  /** Human name for docs and messages. */
  readonly title: string;
  /** SigV4 signing name in the credential scope (S3 Control signs as `s3`). */
  readonly signingName: string;
  /** The protocol the current SDK uses for this service. */
  readonly protocol: ProtocolName;
  /** Other protocols clients may use (e.g. awsQuery for CloudWatch from older CLIs). */
  readonly alsoSpeaks?: readonly ProtocolName[];
  readonly wire: Omit<ServiceWireMetadata, 'id'>;
  readonly restXml?: RestXmlOptions;
  /** Requests whose path starts with this belong to the service whatever they are signed for (S3 Control's `/v20180820/`). */
  readonly pathPrefix?: string;
  /** Loads the SDK client package whose index re-exports the API schemas (`X$`). */
  readonly loadModel: () => Promise<Record<string, unknown>>;
  /** `account` for global services (IAM, S3's bucket list), `region` for regional ones. */
  readonly state?: { readonly scope: 'account' | 'region'; create(): State };
  readonly handlers: Readonly<Record<string, Handler<any, any, State>>>;
  readonly limitations?: readonly Limitation[];
  /**
   * What the service takes from other services inside the emulator (core/metrics.ts,
   * core/events.ts). At most one service consumes each kind. The context is the target account's
   * and region's, for this service.
   */
  readonly consumes?: {
    readonly metrics?: (batch: MetricBatch, ctx: RequestContext<State>) => void;
    readonly events?: (event: AwsEvent, ctx: RequestContext<State>) => void;
  };
  /**
   * Called once when an emulator is built: add record hooks, keep data outside account state
   * (see service-host.ts). Handlers reach the attachment's `api` through `ctx.attachment()`.
   */
  readonly attach?: (host: ServiceHost) => ServiceAttachment;
}

/** Identity helper that keeps a definition's State type attached to its handlers. */
export function defineService<State>(definition: ServiceDefinition<State>): ServiceDefinition<State> {
  return definition;
}
