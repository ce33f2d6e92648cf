/**
 * The seams of the request pipeline. Authorization (IAM policy enforcement) and recording (a
 * CloudTrail record of every call, errors included) plug in here without touching the stages.
 */
import type { IssuedCredential } from '../auth/credentials.ts';
import type { Principal } from '../auth/principal.ts';
import type { SignatureInfo } from '../auth/sigv4.ts';
import type { AwsServiceError } from '../core/errors.ts';
import type { ProtocolName } from '../protocols/wire.ts';

/** Everything known about one call; stages fill it in as the request moves through. */
export interface Call {
  readonly requestId: string;
  readonly receivedAt: Date;
  readonly method: string;
  readonly path: string;
  /** The Host header as sent ('' when absent), e.g. `bucket.s3.localhost.localstack.cloud:4566`. */
  readonly host: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Arrived over TLS (aws:SecureTransport). */
  readonly secure: boolean;
  /** Our service id, once routed. */
  service?: string;
  protocol?: ProtocolName;
  operation?: string;
  signature?: SignatureInfo;
  /** Set once authenticated. */
  principal?: Principal;
  credential?: IssuedCredential;
  accountId?: string;
  region?: string;
  /** Typed input, once parsed. */
  input?: Record<string, unknown>;
  /** Typed output of a successful call. */
  output?: unknown;
  /** The error the call ended with, if any (at any stage). */
  error?: AwsServiceError;
  /** HTTP status of the response, once serialized. */
  status?: number;
  /** Milliseconds from receipt to response. */
  durationMs?: number;
}

/**
 * Runs after parsing, before dispatch; throw an AwsServiceError (e.g. AccessDenied) to refuse the
 * call. `call.principal`, `call.accountId`, `call.region`, `call.input` are set.
 */
export type AuthorizeHook = (call: Readonly<Call>) => void | Promise<void>;

/** Runs once per call after the response is built, successful or not. Must not throw. */
export type RecordHook = (call: Readonly<Call>) => void;

export interface PipelineHooks {
  authorize?: AuthorizeHook[];
  record?: RecordHook[];
}
