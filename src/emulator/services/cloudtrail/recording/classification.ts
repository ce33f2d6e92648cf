/**
 * How CloudTrail files a call: its event source, the region its event belongs to, whether it only
 * reads, and whether it is a management event (always in the event history) or a data event (only
 * for trails whose selectors ask for it, never in the event history).
 */

/** Services whose endpoint is global: their events are recorded in us-east-1, as AWS does. */
const GLOBAL_SERVICES: Readonly<Record<string, string>> = {
  iam: 'us-east-1',
  organizations: 'us-east-1',
  budgets: 'us-east-1',
  ce: 'us-east-1',
};

/** Event sources that differ from `<signing name>.amazonaws.com`. */
const EVENT_SOURCES: Readonly<Record<string, string>> = {
  s3control: 's3.amazonaws.com',
  'sagemaker-runtime': 'sagemaker.amazonaws.com',
};

export function eventSourceOf(serviceId: string, signingName: string): string {
  return EVENT_SOURCES[serviceId] ?? `${signingName}.amazonaws.com`;
}

export function eventRegionOf(serviceId: string, requestRegion: string): string {
  return GLOBAL_SERVICES[serviceId] ?? requestRegion;
}

/** Global service events go to trails that include them (IncludeGlobalServiceEvents). */
export function isGlobalServiceEvent(serviceId: string): boolean {
  return serviceId in GLOBAL_SERVICES;
}

const READ_PREFIX = /^(Get|List|Describe|Head|Lookup|Search|Select|Check|Decode|Batch(Get|Describe)|Simulate|Query|Scan|Filter|Test|Validate|Preview|Estimate|View|Download)/;

/** Operations CloudTrail marks readOnly although their names do not say so. */
const READ_ONLY_OPERATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  kms: new Set(['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateRandom', 'GenerateMac', 'VerifyMac', 'Sign', 'Verify']),
  sts: new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'GetSessionToken', 'GetFederationToken', 'GetCallerIdentity', 'DecodeAuthorizationMessage', 'GetAccessKeyInfo']),
  'sagemaker-runtime': new Set(['InvokeEndpoint', 'InvokeEndpointAsync', 'InvokeEndpointWithResponseStream']),
};

export function isReadOnly(serviceId: string, operation: string): boolean {
  return READ_ONLY_OPERATIONS[serviceId]?.has(operation) ?? READ_PREFIX.test(operation);
}

/** S3 object-level operations (CloudTrail data events of type AWS::S3::Object). */
const S3_DATA_OPERATION = /Object|Multipart|^ListParts$|^UploadPart/;

export type EventCategory = 'Management' | 'Data';

export function eventCategoryOf(serviceId: string, operation: string): EventCategory {
  if (serviceId === 's3' && S3_DATA_OPERATION.test(operation)) return 'Data';
  if (serviceId === 'sagemaker-runtime') return 'Data';
  return 'Management';
}
