/** Amazon S3: buckets and objects, their access controls and settings. Buckets are global by name. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { S3_LIMITATIONS } from './limitations.ts';
import { createS3State, type S3State } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const S3_OPERATIONS: readonly string[] = [
  'CreateBucket', 'DeleteBucket', 'HeadBucket', 'ListBuckets', 'GetBucketLocation',
  'PutObject', 'GetObject', 'HeadObject', 'DeleteObject', 'DeleteObjects',
  'CopyObject', 'CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'AbortMultipartUpload',
  'ListParts', 'ListMultipartUploads', 'ListObjectsV2', 'ListObjects', 'ListObjectVersions',
  'PutBucketPolicy', 'GetBucketPolicy', 'DeleteBucketPolicy', 'GetBucketPolicyStatus', 'PutPublicAccessBlock',
  'GetPublicAccessBlock', 'DeletePublicAccessBlock', 'GetBucketAcl', 'PutBucketAcl', 'GetObjectAcl',
  'PutObjectAcl', 'GetBucketOwnershipControls', 'PutBucketOwnershipControls', 'DeleteBucketOwnershipControls', 'GetBucketEncryption',
  'PutBucketEncryption', 'DeleteBucketEncryption', 'GetBucketVersioning', 'PutBucketVersioning', 'GetBucketLogging',
  'PutBucketLogging', 'GetBucketTagging', 'PutBucketTagging', 'DeleteBucketTagging', 'GetObjectTagging',
  'PutObjectTagging', 'DeleteObjectTagging', 'GetBucketLifecycleConfiguration', 'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle',
];

export const s3 = defineService<S3State>({
  id: 's3',
  title: 'Amazon Simple Storage Service (S3)',
  signingName: 's3',
  protocol: 'restXml',
  restXml: { s3Addressing: true },
  wire: { apiVersion: '2006-03-01', xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/' },
  loadModel: () => import('@aws-sdk/client-s3') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createS3State },
  handlers: lazyHandlers(S3_OPERATIONS, async () => (await import('./handlers.ts')).S3_HANDLERS),
  limitations: S3_LIMITATIONS,
});
