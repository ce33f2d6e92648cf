/**
 * Verified signatures plus IAM enforcement — the workshop setting: each learner holds issued keys
 * for one account, and one account's keys cannot act in another; cross-account access exists only
 * where a resource policy or a role's trust policy grants it.
 */
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootCredentials, RunningEmulator } from '../../../src/emulator/index.ts';
import { as, assume, denied, doc, enforcing, roleWith } from './enforcement-support.ts';

describe('IAM enforcement with verified signatures: accounts are isolated', () => {
  let emu: RunningEmulator;
  let learnerA: RootCredentials;
  let learnerB: RootCredentials;

  beforeAll(async () => {
    emu = await enforcing({ verifySignatures: true });
    learnerA = emu.createAccount();
    learnerB = emu.createAccount();
    const s3 = new S3Client(as(emu, learnerA));
    await s3.send(new CreateBucketCommand({ Bucket: 'learner-a-data' }));
    await s3.send(new PutObjectCommand({ Bucket: 'learner-a-data', Key: 'train.csv', Body: 'a' }));
  });
  afterAll(() => emu.stop());

  it('identifies each learner by its keys', async () => {
    expect((await new STSClient(as(emu, learnerB)).send(new GetCallerIdentityCommand({}))).Account).toBe(learnerB.accountId);
    // Using another account's id as the key id does not get you in.
    const forged = await denied(() => new STSClient(as(emu, { accessKeyId: learnerA.accountId, secretAccessKey: 'guess' })).send(new GetCallerIdentityCommand({})));
    expect(forged.name).toBe('InvalidClientTokenId');
  });

  it('keeps one account’s root keys out of another account’s bucket, secret and roles', async () => {
    const s3B = new S3Client(as(emu, learnerB));
    expect((await denied(() => s3B.send(new GetObjectCommand({ Bucket: 'learner-a-data', Key: 'train.csv' })))).message).toBe(`User: arn:aws:iam::${learnerB.accountId}:root is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::learner-a-data/train.csv" because no resource-based policy allows the s3:GetObject action`);
    await denied(() => s3B.send(new ListObjectsV2Command({ Bucket: 'learner-a-data' })));
    await denied(() => s3B.send(new PutObjectCommand({ Bucket: 'learner-a-data', Key: 'planted.csv', Body: 'x' })));

    const secret = await new SecretsManagerClient(as(emu, learnerA)).send(new CreateSecretCommand({ Name: 'a-password', SecretString: 'p' }));
    await denied(() => new SecretsManagerClient(as(emu, learnerB)).send(new GetSecretValueCommand({ SecretId: secret.ARN! })));

    const roleArn = await roleWith(emu, learnerA.accountId, 'a-admin', {}, { AWS: `arn:aws:iam::${learnerA.accountId}:root` }, learnerA);
    const assumed = await denied(() => new STSClient(as(emu, learnerB)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'intruder' })));
    expect(assumed.name).toBe('AccessDenied');
  });

  it('lets access across accounts happen only where a resource policy or a trust policy grants it', async () => {
    await new S3Client(as(emu, learnerA)).send(new PutBucketPolicyCommand({
      Bucket: 'learner-a-data',
      Policy: doc({ Sid: 'ShareWithB', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${learnerB.accountId}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::learner-a-data/*' }),
    }));
    expect((await new S3Client(as(emu, learnerB)).send(new GetObjectCommand({ Bucket: 'learner-a-data', Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    // Reading was shared, writing was not.
    await denied(() => new S3Client(as(emu, learnerB)).send(new PutObjectCommand({ Bucket: 'learner-a-data', Key: 'planted.csv', Body: 'x' })));

    const shared = await roleWith(emu, learnerA.accountId, 'shared-with-b', { read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }, { AWS: `arn:aws:iam::${learnerB.accountId}:root` }, learnerA);
    const session = await assume(emu, learnerB, shared);
    expect((await new STSClient(as(emu, session)).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${learnerA.accountId}:assumed-role/shared-with-b/test-session`);
  });
});
