/**
 * HTTP as the protocol layers see it: a fully read request and the response to write. The edge
 * builds `WireRequest`s; protocols turn them into typed input and typed output back into
 * `WireResponse`s. Nothing here knows about services or state.
 */
import type { AwsServiceError } from '../core/errors.ts';
import type { OperationShape } from '../schema/shapes.ts';

export type ProtocolName = 'awsQuery' | 'ec2' | 'restXml' | 'restJson1' | 'awsJson1_0' | 'awsJson1_1';

export interface WireRequest {
  readonly method: string;
  /** The path as received, still percent-encoded, without the query string. */
  readonly path: string;
  /** The raw query string without `?` ('' when absent). */
  readonly rawQuery: string;
  /** Decoded query parameters; a key may repeat. */
  readonly query: ReadonlyMap<string, string[]>;
  /** Header names in lower case; repeated headers joined with ', ' as Node does. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** Host header (may carry a port), '' when absent. */
  readonly host: string;
  /** Set instead of `body` when the body exceeded the edge's size limit (its size in bytes). */
  readonly oversizedBytes?: number;
  /**
   * Set instead of `body` when the body stopped arriving before its declared Content-Length (the
   * edge's idle timeout passed): how many bytes came, of how many declared.
   */
  readonly stalledBody?: { readonly received: number; readonly declared: number };
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What a protocol needs from the service to speak for it. */
export interface ServiceWireMetadata {
  /** Our service id (health key), e.g. `iam`. */
  readonly id: string;
  readonly apiVersion: string;
  /** Namespace of XML responses (query, ec2, restXml). */
  readonly xmlNamespace?: string;
  /** JSON protocols: the `X-Amz-Target` prefix, e.g. `TrentService`. */
  readonly targetPrefix?: string;
  /**
   * Other prefixes clients send for the same service: the AWS SDK for JavaScript v3 names
   * CloudTrail `CloudTrail_20131101`, botocore (the AWS CLI) names it
   * `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`; AWS accepts both.
   */
  readonly targetPrefixAliases?: readonly string[];
  /** awsJson services with `@awsQueryCompatible` answer errors with `x-amzn-query-error`. */
  readonly awsQueryCompatible?: boolean;
  /**
   * JSON protocols: the code input validation errors carry when the service does not use
   * `ValidationException` (CloudWatch Logs answers `InvalidParameterException`).
   */
  readonly validationErrorCode?: string;
}

/** The operation a request names, plus what routing learnt on the way (restXml path labels). */
export interface Route {
  readonly operation: string;
  /** restXml / restJson1: decoded `{Label}` path values (and S3's bucket), by member name. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ResponseMeta {
  readonly requestId: string;
  /** HEAD answers carry no body, even for errors. */
  readonly method: string;
}

/** One wire protocol speaking for one service (created with the service's metadata and model). */
export interface Protocol {
  readonly name: ProtocolName;
  /**
   * Which operation the request names. Throws the protocol's own error when the request names
   * none; a name the model does not define is returned and the pipeline rejects it.
   */
  route(request: WireRequest): Route;
  /** Typed input for the operation; throws AwsServiceError (validation, malformed body). */
  parse(request: WireRequest, route: Route, operation: OperationShape): Record<string, unknown>;
  serialize(operation: OperationShape, output: unknown, meta: ResponseMeta): WireResponse;
  serializeError(error: AwsServiceError, meta: ResponseMeta): WireResponse;
  /** AWS's answer to an operation the service defines but the emulator does not implement. */
  unsupportedOperation(name: string): AwsServiceError;
  /** AWS's answer to an operation name the service does not define. */
  unknownOperation(name: string): AwsServiceError;
}
