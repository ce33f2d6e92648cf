/** S3 bucket settings: default encryption, logging, tags and lifecycle rules. */
import { createHash } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

describe('S3 bucket settings', () => {
  let emu: RunningEmulator;
  let s3: S.S3Client;
  beforeAll(async () => {
    emu = await emulator();
    s3 = new S.S3Client({ ...clientConfig(emu.url), forcePathStyle: true });
    await s3.send(new S.CreateBucketCommand({ Bucket: 'features' }));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'access-logs' }));
  });
  afterAll(async () => emu.stop());

  it('sets default encryption (SSE-KMS with a bucket key) and applies it to new objects', async () => {
    const keyArn = (await new KMSClient(clientConfig(emu.url)).send(new CreateKeyCommand({ Description: 'features' }))).KeyMetadata!.Arn!;
    await s3.send(new S.PutBucketEncryptionCommand({ Bucket: 'features', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] } }));
    const rules = (await s3.send(new S.GetBucketEncryptionCommand({ Bucket: 'features' }))).ServerSideEncryptionConfiguration?.Rules;
    expect(rules).toEqual([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }]);
    const put = await s3.send(new S.PutObjectCommand({ Bucket: 'features', Key: 'f.parquet', Body: 'x' }));
    expect(put).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true });
    expect(put.ETag).toBe(`"${createHash('md5').update('x').digest('hex')}"`);
    expect((await s3.send(new S.HeadObjectCommand({ Bucket: 'features', Key: 'f.parquet' }))).ServerSideEncryption).toBe('aws:kms');
    const bad = await awsError(() => s3.send(new S.PutBucketEncryptionCommand({ Bucket: 'features', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'k' } }] } })));
    expect(bad.name).toBe('InvalidArgument');
    await s3.send(new S.DeleteBucketEncryptionCommand({ Bucket: 'features' }));
    expect((await s3.send(new S.GetBucketEncryptionCommand({ Bucket: 'features' }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
  });

  it('configures server access logging to an existing bucket of the same owner and region', async () => {
    expect((await s3.send(new S.GetBucketLoggingCommand({ Bucket: 'features' }))).LoggingEnabled).toBeUndefined();
    await s3.send(new S.PutBucketLoggingCommand({ Bucket: 'features', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'features/' } } }));
    expect((await s3.send(new S.GetBucketLoggingCommand({ Bucket: 'features' }))).LoggingEnabled).toEqual({ TargetBucket: 'access-logs', TargetPrefix: 'features/' });
    const missing = await awsError(() => s3.send(new S.PutBucketLoggingCommand({ Bucket: 'features', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'no-such-logs', TargetPrefix: '' } } })));
    expect(missing.name).toBe('InvalidTargetBucketForLogging');
    await s3.send(new S.PutBucketLoggingCommand({ Bucket: 'features', BucketLoggingStatus: {} }));
    expect((await s3.send(new S.GetBucketLoggingCommand({ Bucket: 'features' }))).LoggingEnabled).toBeUndefined();
  });

  it('tags buckets', async () => {
    expect((await awsError(() => s3.send(new S.GetBucketTaggingCommand({ Bucket: 'features' })))).name).toBe('NoSuchTagSet');
    await s3.send(new S.PutBucketTaggingCommand({ Bucket: 'features', Tagging: { TagSet: [{ Key: 'cost-center', Value: 'ml' }] } }));
    expect((await s3.send(new S.GetBucketTaggingCommand({ Bucket: 'features' }))).TagSet).toEqual([{ Key: 'cost-center', Value: 'ml' }]);
    const dup = await awsError(() => s3.send(new S.PutBucketTaggingCommand({ Bucket: 'features', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })));
    expect(dup.name).toBe('InvalidTag');
    expect((await awsError(() => s3.send(new S.PutBucketTaggingCommand({ Bucket: 'features', Tagging: { TagSet: [{ Key: 'aws:x', Value: '1' }] } })))).message).toBe('System tags cannot be added/updated by requester');
    await s3.send(new S.DeleteBucketTaggingCommand({ Bucket: 'features' }));
    expect((await awsError(() => s3.send(new S.GetBucketTaggingCommand({ Bucket: 'features' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('stores lifecycle rules, validating them', async () => {
    expect((await awsError(() => s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: 'features' })))).name).toBe('NoSuchLifecycleConfiguration');
    const rules: S.LifecycleRule[] = [
      { ID: 'expire-tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } },
      { ID: 'archive', Status: 'Enabled', Filter: { Prefix: 'raw/' }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }], NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
    ];
    await s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: 'features', LifecycleConfiguration: { Rules: rules } }));
    expect((await s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: 'features' }))).Rules).toEqual(rules);
    const dup = await awsError(() => s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: 'features', LifecycleConfiguration: { Rules: [rules[0]!, rules[0]!] } })));
    expect(dup.message).toBe('Rule ID must be unique. Found same ID for more than one rule');
    const zero = await awsError(() => s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: 'features', LifecycleConfiguration: { Rules: [{ ID: 'z', Status: 'Enabled', Filter: {}, Expiration: { Days: 0 } }] } })));
    expect(zero.message).toBe("'Days' for Expiration action must be a positive integer");
    await s3.send(new S.DeleteBucketLifecycleCommand({ Bucket: 'features' }));
    expect((await awsError(() => s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: 'features' })))).$metadata.httpStatusCode).toBe(404);
  });
});
