/** The Amazon Simple Storage Service (S3) operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as access from './bucket-access.ts';
import * as settings from './bucket-settings.ts';
import * as buckets from './buckets.ts';
import * as listing from './listing.ts';
import * as multipart from './multipart.ts';
import * as objects from './objects.ts';
import * as policy from './policy.ts';
import type { S3State } from './state.ts';

export const S3_HANDLERS: Readonly<Record<string, Handler<any, any, S3State>>> = {
  CreateBucket: buckets.createBucket,
  DeleteBucket: buckets.deleteBucket,
  HeadBucket: buckets.headBucket,
  ListBuckets: buckets.listBuckets,
  GetBucketLocation: buckets.getBucketLocation,
  PutObject: objects.putObject,
  GetObject: objects.getObject,
  HeadObject: objects.headObject,
  DeleteObject: objects.deleteObject,
  DeleteObjects: objects.deleteObjects,
  CopyObject: objects.copyObject,
  CreateMultipartUpload: multipart.createMultipartUpload,
  UploadPart: multipart.uploadPart,
  CompleteMultipartUpload: multipart.completeMultipartUpload,
  AbortMultipartUpload: multipart.abortMultipartUpload,
  ListParts: multipart.listParts,
  ListMultipartUploads: multipart.listMultipartUploads,
  ListObjectsV2: listing.listObjectsV2,
  ListObjects: listing.listObjects,
  ListObjectVersions: listing.listObjectVersions,
  PutBucketPolicy: policy.putBucketPolicy,
  GetBucketPolicy: policy.getBucketPolicy,
  DeleteBucketPolicy: policy.deleteBucketPolicy,
  GetBucketPolicyStatus: policy.getBucketPolicyStatus,
  PutPublicAccessBlock: access.putPublicAccessBlock,
  GetPublicAccessBlock: access.getPublicAccessBlock,
  DeletePublicAccessBlock: access.deletePublicAccessBlock,
  GetBucketAcl: access.getBucketAcl,
  PutBucketAcl: access.putBucketAcl,
  GetObjectAcl: access.getObjectAcl,
  PutObjectAcl: access.putObjectAcl,
  GetBucketOwnershipControls: access.getBucketOwnershipControls,
  PutBucketOwnershipControls: access.putBucketOwnershipControls,
  DeleteBucketOwnershipControls: access.deleteBucketOwnershipControls,
  GetBucketEncryption: settings.getBucketEncryption,
  PutBucketEncryption: settings.putBucketEncryption,
  DeleteBucketEncryption: settings.deleteBucketEncryption,
  GetBucketVersioning: settings.getBucketVersioning,
  PutBucketVersioning: settings.putBucketVersioning,
  GetBucketLogging: settings.getBucketLogging,
  PutBucketLogging: settings.putBucketLogging,
  GetBucketTagging: settings.getBucketTagging,
  PutBucketTagging: settings.putBucketTagging,
  DeleteBucketTagging: settings.deleteBucketTagging,
  GetObjectTagging: settings.getObjectTagging,
  PutObjectTagging: settings.putObjectTagging,
  DeleteObjectTagging: settings.deleteObjectTagging,
  GetBucketLifecycleConfiguration: settings.getBucketLifecycleConfiguration,
  PutBucketLifecycleConfiguration: settings.putBucketLifecycleConfiguration,
  DeleteBucketLifecycle: settings.deleteBucketLifecycle,
};
