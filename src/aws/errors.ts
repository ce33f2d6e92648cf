/**
 * AWS errors reduced to what people and checks need: the error code AWS gave, its message, the HTTP
 * status and the operation — never the request, which can carry credentials in headers.
 */
export interface AwsErrorInfo {
  /** AWS's error code (`NoSuchBucket`, `AccessDenied`, `ThrottlingException`…) or a network code (`ECONNREFUSED`). */
  code: string;
  message: string;
  /** `S3.GetBucketPolicy`-style name of the call that failed, when known. */
  operation?: string;
  httpStatus?: number;
  requestId?: string;
}

interface SdkLikeError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  errno?: number;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number };
  $fault?: string;
}

/** Normalises anything thrown by an SDK call into `AwsErrorInfo`. */
export function toAwsErrorInfo(error: unknown, operation?: string): AwsErrorInfo {
  if (isAwsErrorInfo(error)) return { ...error, operation: error.operation ?? operation };
  const carried = (error as { info?: unknown } | undefined)?.info;
  if (error instanceof Error && isAwsErrorInfo(carried)) return { ...carried, operation: carried.operation ?? operation };
  const e = (error ?? {}) as SdkLikeError;
  const network = networkCode(error);
  const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  let code = network ?? e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'UnknownError';
  let message = cleanMessage(e.message ?? String(error));
  if (code === 'UnknownError' || code === 'Unknown') {
    // Some endpoints answer with a body the SDK cannot parse; the status is then the best evidence.
    code = httpStatus === 403 ? 'AccessDenied' : httpStatus === 404 ? 'NotFound' : httpStatus && httpStatus >= 500 ? 'InternalError' : code;
    if (message === 'UnknownError' || message === 'Unknown') message = httpStatus ? `The endpoint answered HTTP ${httpStatus} without an AWS error code` : message;
  }
  if (code === 'SyntaxError' || /Deserialization error|XML parse error|is not valid JSON/.test(message)) {
    code = 'UnparseableResponse';
    message = `The endpoint answered HTTP ${httpStatus ?? '?'} with a body that is not an AWS response (the operation is probably not implemented there)`;
  }
  if (network) message = networkMessage(network, message);
  return { code, message, operation, httpStatus, requestId: e.$metadata?.requestId };
}

function isAwsErrorInfo(value: unknown): value is AwsErrorInfo {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && !(value instanceof Error);
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout', 'UND_ERR_SOCKET']);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const e = current as SdkLikeError;
    if (e.code && networkCodes.has(e.code)) return e.code;
    if (e.name && networkCodes.has(e.name)) return e.name === 'RequestTimeout' ? 'TimeoutError' : e.name;
    if (e.name === 'AggregateError' && Array.isArray((e as { errors?: unknown[] }).errors)) {
      const inner = (e as { errors: unknown[] }).errors.map(networkCode).find(Boolean);
      if (inner) return inner;
    }
    current = e.cause;
  }
  return undefined;
}

function networkMessage(code: string, original: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'Nothing is listening at the target endpoint (connection refused). Is the emulator or endpoint still running?';
    case 'ETIMEDOUT':
    case 'TimeoutError':
      return 'The target endpoint did not answer in time.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "The target endpoint's host name could not be resolved.";
    default:
      return `The connection to the target failed (${code}): ${original}`;
  }
}

function cleanMessage(message: string): string {
  return message.split('\n')[0]!.trim();
}

export function isNetworkError(info: AwsErrorInfo): boolean {
  return networkCodes.has(info.code) || info.code === 'TimeoutError';
}

const notFoundCodes = new Set([
  'NotFound',
  'NoSuchBucket',
  'NoSuchKey',
  'NoSuchEntity',
  'NotFoundException',
  'ResourceNotFoundException',
  'NoSuchBucketPolicy',
  'NoSuchPublicAccessBlockConfiguration',
  'ServerSideEncryptionConfigurationNotFoundError',
  'OwnershipControlsNotFoundError',
  'NoSuchTagSet',
  'NoSuchTagSetError',
  'TrailNotFoundException',
]);

export function isNotFound(info: AwsErrorInfo): boolean {
  return notFoundCodes.has(info.code) || (info.httpStatus === 404 && !isNetworkError(info));
}

const throttlingCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

export function isThrottling(info: AwsErrorInfo): boolean {
  return throttlingCodes.has(info.code) || info.httpStatus === 429;
}

const unsupportedCodes = new Set(['UnknownOperationException', 'InvalidAction', 'NotImplemented', 'NotImplementedError', 'UnsupportedOperation', 'UnparseableResponse']);

/** True when the answer says the endpoint does not implement the operation at all. */
export function isUnsupportedOperation(info: AwsErrorInfo): boolean {
  if (unsupportedCodes.has(info.code) || info.httpStatus === 501) return true;
  // LocalStack answers InternalFailure "... not yet implemented or pro feature".
  return /not (yet )?implemented|pro feature|is not supported by this endpoint/i.test(info.message);
}

/** One line for people: `S3.GetBucketPolicy: AccessDenied (HTTP 403): Access Denied`. */
export function formatAwsError(info: AwsErrorInfo): string {
  const where = info.operation ? `${info.operation}: ` : '';
  const status = info.httpStatus ? ` (HTTP ${info.httpStatus})` : '';
  return `${where}${info.code}${status}: ${info.message}`;
}

/** An error that carries an `AwsErrorInfo`, for code paths that must throw. */
export class AwsCallError extends Error {
  readonly info: AwsErrorInfo;
  constructor(info: AwsErrorInfo) {
    super(formatAwsError(info));
    this.name = 'AwsCallError';
    this.info = info;
  }
}
