/**
 * S3 SSE-KMS through the emulated KMS (src/emulator/services/s3/sse-kms.ts), with the real S3 and
 * KMS clients over HTTP: objects report the ARN of the key that encrypted them however it was named
 * (and the AWS managed key aws/s3 when none was), missing and disabled keys are refused with S3's
 * `KMS.*` errors, and an object whose key was disabled cannot be read until the key is enabled.
 */
import * as K from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '210987654321';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };

describe('S3 SSE-KMS with the emulated KMS', () => {
  let emu: RunningEmulator;
  let s3: S.S3Client;
  let kms: K.KMSClient;
  let key: K.KeyMetadata;
  beforeAll(async () => {
    emu = await emulator();
    s3 = new S.S3Client({ ...clientConfig(emu.url, KEYS), forcePathStyle: true });
    kms = new K.KMSClient(clientConfig(emu.url, KEYS));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'training-data' }));
    key = (await kms.send(new K.CreateKeyCommand({ Description: 'training data' }))).KeyMetadata!;
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/training-data', TargetKeyId: key.KeyId }));
  });
  afterAll(async () => emu.stop());

  const put = (Key: string, extra: Partial<S.PutObjectRequest> = {}) => s3.send(new S.PutObjectCommand({ Bucket: 'training-data', Key, Body: 'features', ...extra }));

  it('uses the AWS managed key aws/s3 for aws:kms without a key id, and reports its ARN', async () => {
    const out = await put('default.csv', { ServerSideEncryption: 'aws:kms' });
    const managed = (await kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    expect(managed).toMatchObject({ KeyManager: 'AWS', Arn: expect.stringMatching(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`)) });
    expect(out).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: managed.Arn });
    expect(await s3.send(new S.HeadObjectCommand({ Bucket: 'training-data', Key: 'default.csv' }))).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: managed.Arn });
    // The aws/s3 key is usable through S3 only: a direct Encrypt with it is refused, as on AWS.
    expect((await awsError(() => kms.send(new K.EncryptCommand({ KeyId: 'alias/aws/s3', Plaintext: Buffer.from('x') })))).name).toBe('AccessDeniedException');
  });

  it('reports the key ARN whether the key is named by id, ARN, alias or alias ARN', async () => {
    for (const ref of [key.KeyId!, key.Arn!, 'alias/training-data', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/training-data`]) {
      expect((await put('named.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ref })).SSEKMSKeyId).toBe(key.Arn);
    }
    const body = await (await s3.send(new S.GetObjectCommand({ Bucket: 'training-data', Key: 'named.csv' }))).Body!.transformToString();
    expect(body).toBe('features');
  });

  it('applies a bucket default given as an alias: GetBucketEncryption keeps it as written, objects report the key ARN', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'by-default' }));
    await s3.send(new S.PutBucketEncryptionCommand({ Bucket: 'by-default', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/training-data' } }] } }));
    expect((await s3.send(new S.GetBucketEncryptionCommand({ Bucket: 'by-default' }))).ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/training-data' });
    const out = await s3.send(new S.PutObjectCommand({ Bucket: 'by-default', Key: 'a.csv', Body: 'a' }));
    expect(out).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.Arn });
    // A copy is encrypted again with the destination's settings.
    const copied = await s3.send(new S.CopyObjectCommand({ Bucket: 'training-data', Key: 'copy.csv', CopySource: 'by-default/a.csv' }));
    expect(copied.ServerSideEncryption).toBe('AES256');
    // Multipart uploads get their key when they start.
    const upload = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: 'by-default', Key: 'big.csv' }));
    expect(upload.SSEKMSKeyId).toBe(key.Arn);
    const part = await s3.send(new S.UploadPartCommand({ Bucket: 'by-default', Key: 'big.csv', UploadId: upload.UploadId, PartNumber: 1, Body: 'part' }));
    const done = await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: 'by-default', Key: 'big.csv', UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    expect(done.SSEKMSKeyId).toBe(key.Arn);
  });

  it('refuses a key that does not exist with KMS.NotFoundException', async () => {
    const missingId = await awsError(() => put('x.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: '11111111-2222-3333-4444-555555555555' }));
    expect([missingId.name, missingId.$metadata.httpStatusCode, missingId.message]).toEqual(['KMS.NotFoundException', 400, `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555' does not exist`]);
    const missingAlias = await awsError(() => put('x.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/nope' }));
    expect([missingAlias.name, missingAlias.message]).toEqual(['KMS.NotFoundException', `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/nope is not found.`]);
    const garbage = await awsError(() => put('x.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'not-a-key' }));
    expect([garbage.name, garbage.message]).toEqual(['KMS.NotFoundException', "Invalid keyId 'not-a-key'"]);
    // A bucket default naming a key that does not exist fails the upload, not the configuration.
    await s3.send(new S.CreateBucketCommand({ Bucket: 'misconfigured' }));
    await s3.send(new S.PutBucketEncryptionCommand({ Bucket: 'misconfigured', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/typo' } }] } }));
    expect((await awsError(() => s3.send(new S.PutObjectCommand({ Bucket: 'misconfigured', Key: 'x', Body: 'x' })))).name).toBe('KMS.NotFoundException');
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: 'misconfigured' }))).KeyCount).toBe(0);
  });

  it('refuses writes and reads with a disabled key until it is enabled again', async () => {
    await put('locked.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/training-data' });
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    const write = await awsError(() => put('new.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.KeyId }));
    expect([write.name, write.$metadata.httpStatusCode, write.message]).toEqual(['KMS.DisabledException', 400, `${key.Arn} is disabled.`]);
    const read = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'training-data', Key: 'locked.csv' })));
    expect([read.name, read.message]).toEqual(['KMS.DisabledException', `${key.Arn} is disabled.`]);
    const copy = await awsError(() => s3.send(new S.CopyObjectCommand({ Bucket: 'training-data', Key: 'copy-of-locked.csv', CopySource: 'training-data/locked.csv' })));
    expect(copy.name).toBe('KMS.DisabledException');
    // Metadata stays readable: HeadObject needs no decryption.
    expect((await s3.send(new S.HeadObjectCommand({ Bucket: 'training-data', Key: 'locked.csv' }))).SSEKMSKeyId).toBe(key.Arn);
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'training-data', Key: 'locked.csv' }))).Body!.transformToString()).toBe('features');
  });

  it('refuses a key pending deletion with KMS.KMSInvalidStateException', async () => {
    const doomed = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!;
    await put('doomed.csv', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: doomed.KeyId });
    await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
    expect((await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'training-data', Key: 'doomed.csv' })))).name).toBe('KMS.KMSInvalidStateException');
  });
});
