/**
 * IAM enforcement, the resource side, through the real SDKs over HTTP: bucket policies within an
 * account and across accounts (both sides must allow), KMS key policies without root delegation,
 * role trust policies across accounts and SageMaker's confused-deputy conditions, KMS used on the
 * caller's behalf by Secrets Manager (kms:ViaService), S3 ACLs and Block Public Access — and that
 * denied calls are recorded by CloudTrail with their error code.
 */
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { IAMClient, ListRolesCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, DeletePublicAccessBlockCommand, GetObjectCommand, PutBucketOwnershipControlsCommand, PutBucketPolicyCommand, PutObjectCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ACCOUNT_A, ACCOUNT_B, as, assume, denied, doc, enforcing, roleWith, rootOf, userWith } from './enforcement-support.ts';

const BUCKET = 'shared-training-data';
const objectArn = `arn:aws:s3:::${BUCKET}/*`;

describe('IAM enforcement: resource-based policies', () => {
  let emu: RunningEmulator;
  let ownerS3: S3Client;

  beforeAll(async () => {
    emu = await enforcing({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    ownerS3 = new S3Client(as(emu, rootOf(ACCOUNT_A)));
    await ownerS3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await ownerS3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'train.csv', Body: 'a,b\n' }));
  });
  afterAll(() => emu.stop());

  it('lets a same-account bucket policy grant a role that has no identity policy', async () => {
    const roleArn = await roleWith(emu, ACCOUNT_A, 'bucket-granted');
    const session = await assume(emu, rootOf(ACCOUNT_A), roleArn);
    const s3 = new S3Client(as(emu, session));
    await denied(() => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    await ownerS3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: doc({ Sid: 'TrainingRoleReads', Effect: 'Allow', Principal: { AWS: roleArn }, Action: 's3:GetObject', Resource: objectArn }) }));
    expect((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
  });

  it('needs both sides across accounts: the caller’s identity policy and the bucket policy', async () => {
    const withIdentity = await userWith(emu, ACCOUNT_B, 'partner', { read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: objectArn }) });
    const withoutIdentity = await userWith(emu, ACCOUNT_B, 'partner-no-policy');
    const partnerS3 = new S3Client(as(emu, withIdentity));
    // Identity allows, the bucket policy does not name the caller.
    const noResourceGrant = await denied(() => partnerS3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    expect(noResourceGrant.message).toBe(`User: arn:aws:iam::${ACCOUNT_B}:user/partner is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/train.csv" because no resource-based policy allows the s3:GetObject action`);

    await ownerS3.send(new PutBucketPolicyCommand({
      Bucket: BUCKET,
      Policy: doc({ Sid: 'PartnerReads', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT_B}:user/partner`, `arn:aws:iam::${ACCOUNT_B}:user/partner-no-policy`] }, Action: 's3:GetObject', Resource: objectArn }),
    }));
    expect((await partnerS3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    // The bucket policy names the caller, but its own account grants nothing.
    const noIdentityGrant = await denied(() => new S3Client(as(emu, withoutIdentity)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    expect(noIdentityGrant.message).toContain('because no identity-based policy allows the s3:GetObject action');
  });

  it('needs a key policy that allows the caller, even in the key’s own account (no root delegation)', async () => {
    const roleArn = await roleWith(emu, ACCOUNT_A, 'key-user');
    const admin = await userWith(emu, ACCOUNT_A, 'kms-admin', { all: doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) });
    const kms = new KMSClient(as(emu, rootOf(ACCOUNT_A)));
    const key = await kms.send(new CreateKeyCommand({
      BypassPolicyLockoutSafetyCheck: true,
      Policy: doc({ Sid: 'OnlyTheKeyUserRole', Effect: 'Allow', Principal: { AWS: roleArn }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }),
    }));
    const keyArn = key.KeyMetadata!.Arn!;
    const plaintext = Buffer.from('secret');
    // kms:* in IAM is not enough: the key policy does not delegate to the account.
    const adminError = await denied(() => new KMSClient(as(emu, admin)).send(new EncryptCommand({ KeyId: keyArn, Plaintext: plaintext })));
    expect(adminError.name).toBe('AccessDeniedException');
    expect(adminError.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/kms-admin is not authorized to perform: kms:Encrypt on resource: ${keyArn} because no resource-based policy allows the kms:Encrypt action`);
    // Nor is being the account's root user.
    await denied(() => kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: plaintext })));
    // The role the key policy names needs no IAM policy at all.
    const session = await assume(emu, rootOf(ACCOUNT_A), roleArn);
    expect((await new KMSClient(as(emu, session)).send(new EncryptCommand({ KeyId: keyArn, Plaintext: plaintext }))).KeyId).toBe(keyArn);
  });

  it('checks KMS permissions on the caller’s behalf when Secrets Manager decrypts (kms:ViaService)', async () => {
    const kms = new KMSClient(as(emu, rootOf(ACCOUNT_A)));
    const key = (await kms.send(new CreateKeyCommand({ Description: 'secrets key' }))).KeyMetadata!.Arn!;
    const secret = await new SecretsManagerClient(as(emu, rootOf(ACCOUNT_A))).send(new CreateSecretCommand({ Name: 'db-password', SecretString: 'hunter2', KmsKeyId: key }));
    const reader = await userWith(emu, ACCOUNT_A, 'secret-reader', { read: doc({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret.ARN! }) });
    const sm = new SecretsManagerClient(as(emu, reader));
    const error = await denied(() => sm.send(new GetSecretValueCommand({ SecretId: 'db-password' })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe('Access to KMS is not allowed');
    await new IAMClient(as(emu, rootOf(ACCOUNT_A))).send(new PutUserPolicyCommand({
      UserName: 'secret-reader',
      PolicyName: 'decrypt-via-secrets-manager',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key, Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } }),
    }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'db-password' }))).SecretString).toBe('hunter2');
    // The same permission does not allow calling KMS directly.
    await denied(() => new KMSClient(as(emu, reader)).send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from('x') })));
  });

  it('evaluates role trust across accounts: the trust policy and the caller’s identity policy', async () => {
    const roleArn = await roleWith(emu, ACCOUNT_A, 'partner-access', {}, { AWS: `arn:aws:iam::${ACCOUNT_B}:root` });
    const allowed = await userWith(emu, ACCOUNT_B, 'assumer', { assume: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }) });
    const notAllowed = await userWith(emu, ACCOUNT_B, 'not-assumer');
    expect((await new STSClient(as(emu, allowed)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'partner' }))).AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT_A}:assumed-role/partner-access/partner`);
    const error = await denied(() => new STSClient(as(emu, notAllowed)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'partner' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toContain('is not authorized to perform: sts:AssumeRole on resource: ' + roleArn);
    // A user of a third account is not trusted whatever its own policies say.
    const stranger = await userWith(emu, '333333333333', 'stranger', { assume: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) });
    expect((await denied(() => new STSClient(as(emu, stranger)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'partner' })))).message).toContain('because no role trust policy allows');
  });

  it('stops SageMaker from assuming an execution role whose trust policy names another source account (confused deputy)', async () => {
    const guarded = await roleWith(emu, ACCOUNT_A, 'guarded-execution', {}, { Service: 'sagemaker.amazonaws.com' });
    const iam = new IAMClient(as(emu, rootOf(ACCOUNT_A)));
    const trust = (account: string) => doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:us-east-1:${account}:*` } } });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'guarded-execution', PolicyDocument: trust(ACCOUNT_B) }));
    const sm = new SageMakerClient(as(emu, rootOf(ACCOUNT_A)));
    const job = (name: string) => new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: guarded,
      AlgorithmSpecification: { TrainingImage: '382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1', TrainingInputMode: 'File' },
      OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/output/` },
      ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 600 },
    });
    const error = await denied(() => sm.send(job('deputy-1')));
    expect(error.message).toContain(`Could not assume role ${guarded}`);
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'guarded-execution', PolicyDocument: trust(ACCOUNT_A) }));
    expect((await sm.send(job('deputy-2'))).TrainingJobArn).toContain('deputy-2');
  });

  it('grants through S3 ACLs only while Object Ownership and IgnorePublicAcls allow them', async () => {
    const bucket = 'acl-granted-data';
    await ownerS3.send(new CreateBucketCommand({ Bucket: bucket, ObjectOwnership: 'ObjectWriter' }));
    await ownerS3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    await ownerS3.send(new PutObjectCommand({ Bucket: bucket, Key: 'public.csv', Body: 'open', ACL: 'public-read' }));
    const anonymous = () => fetch(`${emu.url}/${bucket}/public.csv`);
    expect((await anonymous()).status).toBe(200);
    await ownerS3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
    const refused = await anonymous();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
    await ownerS3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { IgnorePublicAcls: false } }));
    expect((await anonymous()).status).toBe(200);
    // Under BucketOwnerEnforced, ACLs no longer grant anything.
    await ownerS3.send(new PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    expect((await anonymous()).status).toBe(403);
  });

  it('lets RestrictPublicBuckets take a public bucket policy’s grant away from outsiders', async () => {
    const bucket = 'public-policy-data';
    await ownerS3.send(new CreateBucketCommand({ Bucket: bucket }));
    await ownerS3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
    await ownerS3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x.csv', Body: 'x' }));
    await ownerS3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }) }));
    expect((await fetch(`${emu.url}/${bucket}/x.csv`)).status).toBe(200);
    const outsider = await userWith(emu, ACCOUNT_B, 'outsider', { read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    expect((await new S3Client(as(emu, outsider)).send(new GetObjectCommand({ Bucket: bucket, Key: 'x.csv' }))).$metadata.httpStatusCode).toBe(200);
    await ownerS3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: true } }));
    expect((await fetch(`${emu.url}/${bucket}/x.csv`)).status).toBe(403);
    const error = await denied(() => new S3Client(as(emu, outsider)).send(new GetObjectCommand({ Bucket: bucket, Key: 'x.csv' })));
    expect(error.message).toContain('RestrictPublicBuckets');
    // The owner's account keeps its access.
    expect((await ownerS3.send(new GetObjectCommand({ Bucket: bucket, Key: 'x.csv' }))).$metadata.httpStatusCode).toBe(200);
  });

  it('records denied calls in CloudTrail with their error code (the record hook runs after authorization)', async () => {
    const nobody = await userWith(emu, ACCOUNT_A, 'audited');
    const iamError = await denied(() => new IAMClient(as(emu, nobody)).send(new ListRolesCommand({})));
    const smError = await denied(() => new SageMakerClient(as(emu, nobody)).send(new ListTrainingJobsCommand({})));
    const trail = new CloudTrailClient(as(emu, rootOf(ACCOUNT_A)));
    const lookup = async (name: string) => (await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }] }))).Events!.map((e) => JSON.parse(e.CloudTrailEvent!));
    const [iamRecord] = await lookup('ListRoles');
    expect(iamRecord).toMatchObject({ errorCode: 'AccessDenied', errorMessage: iamError.message, userIdentity: { type: 'IAMUser', userName: 'audited' }, requestID: iamError.$metadata.requestId });
    const [smRecord] = await lookup('ListTrainingJobs');
    expect(smRecord).toMatchObject({ errorCode: 'AccessDeniedException', errorMessage: smError.message });
  });
});
