/**
 * What a provider (an operation handler) gets besides its typed input: who calls, in which account
 * and region, the clock, and access to state. Providers never see HTTP.
 */
import type { IssuedCredential } from '../auth/credentials.ts';
import type { Principal } from '../auth/principal.ts';

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
}

export interface CredentialStore {
  issue(credential: IssuedCredential): void;
  revoke(accessKeyId: string): void;
  find(accessKeyId: string): IssuedCredential | undefined;
  /** Keys issued in an account (default: the caller's). */
  list(accountId?: string): IssuedCredential[];
}
