/** Helpers for the CloudTrail tests: a log bucket whose policy lets CloudTrail write, parsed events. */
import { CreateBucketCommand, PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateAliasCommand, CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { Event } from '@aws-sdk/client-cloudtrail';

/** The bucket policy AWS documents for trail log buckets. */
export function trailBucketPolicy(bucket: string, accountId: string, prefix?: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}` },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/${prefix ? `${prefix}/` : ''}AWSLogs/${accountId}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ],
  });
}

export async function createTrailBucket(s3: S3Client, bucket: string, accountId: string, prefix?: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: trailBucketPolicy(bucket, accountId, prefix) }));
}

/** The CloudTrail record inside a LookupEvents event. */
export function record(event: Event | undefined): Record<string, any> {
  if (!event?.CloudTrailEvent) throw new Error('expected an event with a CloudTrailEvent');
  return JSON.parse(event.CloudTrailEvent) as Record<string, any>;
}

export function s3Client<T>(Client: new (config: any) => T, config: Record<string, unknown>): T {
  return new Client({ ...config, forcePathStyle: true });
}

/** The key policy AWS documents for a trail's KMS key: the account administers it, CloudTrail may generate data keys for the account's trails. */
export function cloudTrailKeyPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${accountId}:trail/*` } } },
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*' },
    ],
  });
}

/** Creates a KMS key (in the emulated KMS) that CloudTrail may encrypt trails with; optionally an alias for it. */
export async function createTrailKey(kms: KMSClient, accountId: string, aliasName?: string): Promise<{ KeyId: string; Arn: string }> {
  const key = (await kms.send(new CreateKeyCommand({ Description: 'CloudTrail log files', Policy: cloudTrailKeyPolicy(accountId) }))).KeyMetadata!;
  if (aliasName) await kms.send(new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: key.KeyId! }));
  return { KeyId: key.KeyId!, Arn: key.Arn! };
}
