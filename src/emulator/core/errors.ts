/**
 * The one error type providers throw. A provider names the AWS error code and a message for people;
 * the protocol layer decides the HTTP status and the wire shape (from the service's schema when
 * the error is modelled there, from `WELL_KNOWN_ERRORS` otherwise).
 */
export interface AwsServiceErrorOptions {
  /** HTTP status, when neither the schema nor the well-known table has the right one. */
  status?: number;
  /** `Sender` (client fault, the default) or `Receiver` (server fault), as in query-protocol errors. */
  fault?: 'Sender' | 'Receiver';
  /** Extra members of a modelled error shape (e.g. S3's `BucketName`, `Key`, `Resource`). */
  fields?: Record<string, unknown>;
  /** Extra response headers (e.g. S3's `x-amz-bucket-region` on a redirect). */
  headers?: Record<string, string>;
}

export class AwsServiceError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly fault: 'Sender' | 'Receiver';
  readonly fields: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: string, message: string, options: AwsServiceErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status;
    this.fault = options.fault ?? ((options.status ?? 400) >= 500 ? 'Receiver' : 'Sender');
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

/**
 * Statuses of AWS's common error codes (the "Common Errors" page every API reference carries) and
 * of codes the emulator's own layers raise. Modelled errors take their status from the schema.
 */
export const WELL_KNOWN_ERRORS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  AccessDeniedException: 400,
  ExpiredToken: 400,
  ExpiredTokenException: 400,
  IncompleteSignature: 400,
  InternalFailure: 500,
  InternalError: 500,
  InvalidAction: 400,
  InvalidClientTokenId: 403,
  InvalidParameterCombination: 400,
  InvalidParameterValue: 400,
  InvalidQueryParameter: 400,
  MalformedQueryString: 404,
  MissingAction: 400,
  MissingAuthenticationToken: 403,
  MissingParameter: 400,
  NotAuthorized: 400,
  OptInRequired: 403,
  RequestExpired: 400,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
  Throttling: 400,
  ThrottlingException: 400,
  UnrecognizedClientException: 400,
  UnknownOperationException: 400,
  ValidationError: 400,
  ValidationException: 400,
  SerializationException: 400,
  RequestEntityTooLarge: 413,
  NotImplemented: 501,
  // S3's generic codes
  InvalidArgument: 400,
  InvalidRequest: 400,
  MalformedXML: 400,
  MalformedPolicy: 400,
  MethodNotAllowed: 405,
  EntityTooLarge: 400,
  InvalidBucketName: 400,
  InvalidURI: 400,
  InvalidAccessKeyId: 403,
};
