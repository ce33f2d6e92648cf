/**
 * What a provider (an operation handler) gets besides its typed input: who calls, in which account
 * and region, the clock, and access to state. Providers never see HTTP.
 */
import type { IssuedCredential } from '../auth/credentials.ts';
import type { Principal } from '../auth/principal.ts';
import type { EventPublisher } from './events.ts';
import type { MetricSink } from './metrics.ts';

export interface RequestContext<State = unknown> {
  readonly requestId: string;
  /** Our service id, e.g. `iam`. */
  readonly service: string;
  readonly operation: string;
  /** The calling account (from the access key). */
  readonly accountId: string;
  /** The region from the signature's credential scope (or the emulator's default). */
  readonly region: string;
  readonly principal: Principal;
  /** The request's time; use it instead of `new Date()` so tests can control the clock. */
  readonly now: Date;
  /** Whether the request arrived over TLS (aws:SecureTransport). */
  readonly secure: boolean;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** This service's state for the calling account (and region, for regional services). */
  state(): State;
  /** Another service's or another account's state (S3 buckets owned elsewhere, IAM roles for STS). */
  stateOf<S>(serviceId: string, accountId?: string, region?: string): S;
  /** Like stateOf, but never creates state (for scans across accounts); undefined when absent. */
  peekStateOf<S>(serviceId: string, accountId: string, region?: string): S | undefined;
  /** Issued keys: IAM CreateAccessKey, STS AssumeRole. */
  readonly credentials: CredentialStore;
  /** Every account that currently has state (for global namespaces such as S3 bucket names). */
  accountIds(): string[];
  /** Whether a service is emulated here (cross-service checks run only against services that exist). */
  hasService(serviceId: string): boolean;
  /** This service's settings (`startEmulator({ serviceSettings: { [id]: {…} } })`); each service documents its own. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Records CloudWatch datapoints (see core/metrics.ts). */
  readonly metrics: MetricSink;
  /** Publishes AWS events to EventBridge (see core/events.ts). */
  readonly events: EventPublisher;
  /**
   * Says this call changed state although its operation only reads (a Describe that advances a
   * lazily computed state machine: an alarm evaluated, an endpoint now InService), so the touched
   * accounts are persisted like after a write.
   */
  stateChanged(): void;
  /** The `api` of what this service's `attach` returned (services/service-host.ts), if any. */
  attachment<T>(): T | undefined;
  /**
   * For work a service does in another service on the caller's behalf — S3 encrypting an object
   * with a KMS key, Secrets Manager decrypting a secret: asks IAM enforcement, when it is on,
   * whether the caller may perform `operation` of `service` with `input` through `viaService`
   * (kms:ViaService, aws:CalledVia). Throws AccessDenied in the other service's own words (KMS's
   * AccessDeniedException), which the calling service reports as it reports that service's errors.
   * Does nothing when enforcement is off.
   */
  authorizeOnBehalf(request: OnBehalfRequest): void;
}

export interface OnBehalfRequest {
  readonly service: string;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The service acting for the caller, e.g. `s3`, `secretsmanager`. */
  readonly viaService: string;
}

export interface CredentialStore {
  issue(credential: IssuedCredential): void;
  revoke(accessKeyId: string): void;
  find(accessKeyId: string): IssuedCredential | undefined;
  /** Keys issued in an account (default: the caller's). */
  list(accountId?: string): IssuedCredential[];
}
