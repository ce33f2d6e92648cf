/**
 * A CloudTrail record for one call, in the format AWS documents (eventVersion 1.11): who
 * (userIdentity), when, which API of which service, from where, with what parameters (secrets
 * hidden), what came back for writes, how it failed, and which resources it touched.
 */
import { randomUUID } from 'node:crypto';
import type { Call } from '../../../pipeline/hooks.ts';
import { InputValidationError } from '../../../core/validation.ts';
import type { OperationShape } from '../../../schema/shapes.ts';
import { type EventCategory, eventCategoryOf, eventRegionOf, eventSourceOf, isGlobalServiceEvent, isReadOnly } from './classification.ts';
import { requestParametersOf, responseElementsOf, s3RequestParametersOf, s3ResponseElementsOf } from './request-parameters.ts';
import { type EventResource, resourcesOf } from './resources.ts';
import { isoSeconds, type UserIdentity, userIdentityOf, usernameOf } from './user-identity.ts';

export const EVENT_VERSION = '1.11';

export interface RecordResource {
  accountId?: string;
  type: string;
  ARN?: string;
  ARNPrefix?: string;
}

/** Key order follows AWS's records. */
export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: unknown;
  responseElements: unknown;
  additionalEventData?: Record<string, unknown>;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: RecordResource[];
  eventType: 'AwsApiCall';
  managementEvent: boolean;
  recipientAccountId: string;
  /** Set when one call is recorded for several accounts (cross-account S3 access): same in every copy. */
  sharedEventID?: string;
  eventCategory: EventCategory;
  tlsDetails?: { tlsVersion: string; cipherSuite: string; clientProvidedHostHeader: string };
}

/** A built event: the record (to be stamped per recipient account) and what routing needs. */
export interface BuiltEvent {
  readonly record: Omit<CloudTrailRecord, 'recipientAccountId'>;
  readonly serviceId: string;
  readonly callerAccountId: string;
  readonly region: string;
  readonly time: number;
  readonly category: EventCategory;
  readonly readOnly: boolean;
  readonly globalService: boolean;
  readonly resources: readonly EventResource[];
  readonly username: string | undefined;
  readonly accessKeyId: string | undefined;
}

export interface RecordEnvironment {
  /** The service's SigV4 signing name (its event source is `<name>.amazonaws.com`). */
  readonly signingName: string;
  /** The operation's compiled shapes, when the model is loaded (it always is for served calls). */
  readonly operation: OperationShape | undefined;
  /** Owner of the S3 bucket the call names, if any. */
  readonly bucketOwner: string | undefined;
}

/**
 * Read-only calls whose responses CloudTrail still records: the temporary credentials STS hands
 * out (their key id is how an investigation links a session's calls back to who started it).
 */
const RECORDED_READ_RESPONSES: Readonly<Record<string, ReadonlySet<string>>> = {
  sts: new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSessionToken', 'GetFederationToken']),
};

/** The error code as the client saw it on the wire (validation errors are renamed per protocol). */
function wireErrorCode(call: Readonly<Call>): string | undefined {
  const error = call.error;
  if (!error) return undefined;
  if (!(error instanceof InputValidationError)) return error.code;
  switch (call.protocol) {
    case 'awsJson1_0':
    case 'awsJson1_1':
      return 'ValidationException';
    case 'ec2':
      return error.problems.some((p) => p.kind === 'missing') ? 'MissingParameter' : 'InvalidParameterValue';
    case 'restXml':
      return 'InvalidArgument';
    default:
      return 'ValidationError';
  }
}

/** IPv4 clients reach a dual-stack socket as ::ffff:a.b.c.d; CloudTrail shows a.b.c.d. */
function sourceAddress(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

function byteLength(value: unknown): number {
  return Buffer.isBuffer(value) || value instanceof Uint8Array ? value.byteLength : typeof value === 'string' ? Buffer.byteLength(value) : 0;
}

function s3AdditionalData(call: Readonly<Call>): Record<string, unknown> {
  const data: Record<string, unknown> = { SignatureVersion: call.signature?.kind === 'sigv2' ? 'SigV2' : 'SigV4' };
  if (call.secure) data.CipherSuite = 'TLS_AES_128_GCM_SHA256';
  data.bytesTransferredIn = byteLength(call.input?.Body);
  data.AuthenticationMethod = call.signature?.kind === 'query' ? 'QueryString' : 'AuthHeader';
  data.bytesTransferredOut = byteLength((call.output as { Body?: unknown } | undefined)?.Body);
  return data;
}

/** Builds the event for a served call; undefined when the call never reached an account. */
export function buildEvent(call: Readonly<Call>, env: RecordEnvironment): BuiltEvent | undefined {
  if (!call.service || !call.operation || !call.principal || !call.accountId || !call.region) return undefined;
  const serviceId = call.service;
  const operation = call.operation;
  const region = eventRegionOf(serviceId, call.region);
  const category = eventCategoryOf(serviceId, operation);
  const readOnly = isReadOnly(serviceId, operation);
  const s3 = serviceId === 's3';
  const failed = call.error !== undefined;
  const identity = userIdentityOf(call.principal);
  const resources = resourcesOf(serviceId, operation, call.input, call.output, { accountId: call.accountId, region }, { bucketOwner: env.bucketOwner, isData: category === 'Data' });

  let requestParameters: unknown = null;
  let responseElements: unknown = null;
  if (env.operation) {
    requestParameters = s3 ? s3RequestParametersOf(env.operation, call.input, call.host) : requestParametersOf(env.operation, call.input);
    if (!failed && (!readOnly || RECORDED_READ_RESPONSES[serviceId]?.has(operation))) {
      responseElements = s3 ? (category === 'Data' ? s3ResponseElementsOf(env.operation, call.output) : null) : responseElementsOf(env.operation, call.output);
    }
  }

  // Built member by member so the keys keep the order AWS's records have.
  const record = {
    eventVersion: EVENT_VERSION,
    userIdentity: identity,
    eventTime: isoSeconds(call.receivedAt),
    eventSource: eventSourceOf(serviceId, env.signingName),
    eventName: operation,
    awsRegion: region,
    sourceIPAddress: sourceAddress(call.sourceIp),
    userAgent: call.userAgent,
  } as CloudTrailRecord;
  if (failed) {
    record.errorCode = wireErrorCode(call);
    record.errorMessage = call.error!.message;
  }
  record.requestParameters = requestParameters;
  record.responseElements = responseElements;
  if (s3) record.additionalEventData = s3AdditionalData(call);
  record.requestID = call.requestId;
  record.eventID = randomUUID();
  record.readOnly = readOnly;
  const recordResources = resources
    .filter((r) => r.arn !== undefined || r.arnPrefix !== undefined)
    .map((r): RecordResource => (r.arnPrefix !== undefined ? { type: r.type, ARNPrefix: r.arnPrefix } : { ...(r.accountId ? { accountId: r.accountId } : {}), type: r.type, ARN: r.arn }));
  if (recordResources.length) record.resources = recordResources;
  record.eventType = 'AwsApiCall';
  record.managementEvent = category === 'Management';
  record.recipientAccountId = '';
  record.eventCategory = category;
  if (call.secure) record.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: call.host };

  return {
    record: record as CloudTrailRecord,
    serviceId,
    callerAccountId: call.accountId,
    region,
    time: call.receivedAt.getTime(),
    category,
    readOnly,
    globalService: isGlobalServiceEvent(serviceId),
    resources,
    username: usernameOf(identity),
    accessKeyId: identity.accessKeyId,
  };
}

/**
 * The record as one recipient account sees it. A call recorded for several accounts gets a new
 * eventID per copy and one sharedEventID, as AWS does for cross-account events.
 */
export function recordFor(event: BuiltEvent, recipientAccountId: string, sharedEventID?: string): CloudTrailRecord {
  if (!sharedEventID) return { ...event.record, recipientAccountId } as CloudTrailRecord;
  const { eventCategory, tlsDetails, ...head } = event.record;
  const copy: CloudTrailRecord = { ...head, eventID: randomUUID(), recipientAccountId, sharedEventID, eventCategory };
  if (tlsDetails) copy.tlsDetails = tlsDetails;
  return copy;
}
