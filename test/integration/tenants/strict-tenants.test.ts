/**
 * Strict tenant accounts on one emulator (global signature verification and IAM enforcement off, as
 * `npm start` runs it): tenants A and B each work fully in their own account; A — and a self-paced
 * caller of the relaxed default account — cannot read, write, list, decrypt, assume or describe
 * anything of B's unless B's resource policy allows it; calls into A with anything but A's issued
 * keys and a valid signature are refused with AWS's own errors; removing A removes everything of A
 * and nothing of B; the relaxed default account behaves as before.
 */
import { CreateRoleCommand, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateNotebookInstanceCommand,
  DescribeEndpointCommand,
  DescribeNotebookInstanceCommand,
  ListEndpointsCommand,
  ListNotebookInstancesCommand,
} from '@aws-sdk/client-sagemaker';
import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand, PutResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { admin, clientsAs, createTenant, keysOf, refusal, tenantEmulator, type TenantKeys } from './tenant-support.ts';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const sagemakerTrust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const RELAXED = { accessKeyId: 'test', secretAccessKey: 'test' };

interface Estate {
  bucket: string;
  keyArn: string;
  ciphertext: Uint8Array;
  secretArn: string;
  roleArn: string;
  notebook: string;
  endpoint: string;
}

/** What a learner's lab would create: a bucket with data, a KMS key, a secret, a role, a notebook and an endpoint. */
async function buildEstate(url: string, t: TenantKeys, name: string): Promise<Estate> {
  const c = clientsAs(url, keysOf(t));
  const bucket = `${name}-training-data-${t.accountId}`;
  await c.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await c.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'train.csv', Body: `${name},secret-data` }));
  const keyArn = (await c.kms.send(new CreateKeyCommand({ Description: `${name} data key` }))).KeyMetadata!.Arn!;
  const ciphertext = (await c.kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from(`${name} plaintext`) }))).CiphertextBlob!;
  const secretArn = (await c.secrets.send(new CreateSecretCommand({ Name: `${name}/db`, SecretString: `${name}-password` }))).ARN!;
  const role = (await c.iam.send(new CreateRoleCommand({ RoleName: `${name}-execution`, AssumeRolePolicyDocument: sagemakerTrust }))).Role!;
  await c.iam.send(new PutRolePolicyCommand({ RoleName: role.RoleName!, PolicyName: 'data', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }));
  const notebook = `${name}-notebook`;
  await c.sagemaker.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: notebook, InstanceType: 'ml.t3.medium', RoleArn: role.Arn! }));
  await c.sagemaker.send(new CreateModelCommand({ ModelName: `${name}-model`, ExecutionRoleArn: role.Arn!, PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://${bucket}/model.tar.gz` } }));
  await c.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: `${name}-config`, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: `${name}-model`, InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }));
  const endpoint = `${name}-endpoint`;
  await c.sagemaker.send(new CreateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: `${name}-config` }));
  return { bucket, keyArn, ciphertext, secretArn, roleArn: role.Arn!, notebook, endpoint };
}

describe('strict tenant accounts', { timeout: 60_000 }, () => {
  let emu: RunningEmulator;
  let a: TenantKeys;
  let b: TenantKeys;
  let estateA: Estate;
  let estateB: Estate;
  let asA: ReturnType<typeof clientsAs>;
  let asB: ReturnType<typeof clientsAs>;
  let relaxed: ReturnType<typeof clientsAs>;

  beforeAll(async () => {
    emu = await tenantEmulator();
    a = await createTenant(emu.url, 'workshop w1, learner a');
    b = await createTenant(emu.url, 'workshop w1, learner b');
    asA = clientsAs(emu.url, keysOf(a));
    asB = clientsAs(emu.url, keysOf(b));
    relaxed = clientsAs(emu.url, RELAXED);
    estateA = await buildEstate(emu.url, a, 'alpha');
    estateB = await buildEstate(emu.url, b, 'beta');
  });
  afterAll(async () => emu.stop());

  it('gives each tenant its own account, as root, working fully there', async () => {
    expect(a.accountId).not.toBe(b.accountId);
    expect(await asA.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: a.accountId, Arn: `arn:aws:iam::${a.accountId}:root` });
    expect(a.principalArn).toBe(`arn:aws:iam::${a.accountId}:root`);
    const object = await asB.s3.send(new GetObjectCommand({ Bucket: estateB.bucket, Key: 'train.csv' }));
    expect(await object.Body!.transformToString()).toBe('beta,secret-data');
    expect(Buffer.from((await asB.kms.send(new DecryptCommand({ CiphertextBlob: estateB.ciphertext }))).Plaintext!).toString()).toBe('beta plaintext');
    expect((await asB.secrets.send(new GetSecretValueCommand({ SecretId: estateB.secretArn }))).SecretString).toBe('beta-password');
    expect((await asB.sagemaker.send(new DescribeEndpointCommand({ EndpointName: estateB.endpoint }))).EndpointName).toBe(estateB.endpoint);
    const listed = await admin(emu.url, 'GET', '/_mlsec/tenants');
    expect(listed.body.tenants.map((t: { accountId: string }) => t.accountId).sort()).toEqual([a.accountId, b.accountId].sort());
    expect(JSON.stringify(listed.body)).not.toContain(a.secretAccessKey);
    expect(listed.body.tenants.find((t: { accountId: string }) => t.accountId === a.accountId).label).toBe('workshop w1, learner a');
  });

  it("refuses A every access to B's bucket (get, put, list, policy)", async () => {
    const calls = [
      () => asA.s3.send(new GetObjectCommand({ Bucket: estateB.bucket, Key: 'train.csv' })),
      () => asA.s3.send(new PutObjectCommand({ Bucket: estateB.bucket, Key: 'planted.csv', Body: 'x' })),
      () => asA.s3.send(new ListObjectsV2Command({ Bucket: estateB.bucket })),
      () => asA.s3.send(new GetBucketPolicyCommand({ Bucket: estateB.bucket })),
      () => asA.s3.send(new PutBucketPolicyCommand({ Bucket: estateB.bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${estateB.bucket}/*` }] }) })),
    ];
    for (const call of calls) expect(await refusal(call)).toMatchObject({ name: 'AccessDenied', status: 403 });
    // Nothing was planted.
    expect((await asB.s3.send(new ListObjectsV2Command({ Bucket: estateB.bucket }))).Contents?.map((o) => o.Key)).toEqual(['train.csv']);
  });

  it("refuses A B's KMS key (describe, encrypt, decrypt) and B's secret", async () => {
    for (const call of [
      () => asA.kms.send(new DescribeKeyCommand({ KeyId: estateB.keyArn })),
      () => asA.kms.send(new EncryptCommand({ KeyId: estateB.keyArn, Plaintext: Buffer.from('x') })),
      () => asA.kms.send(new DecryptCommand({ CiphertextBlob: estateB.ciphertext })),
    ]) {
      const denied = await refusal(call);
      expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 400 });
      expect(denied.message).toContain(`arn:aws:iam::${a.accountId}:root is not authorized`);
    }
    expect(await refusal(() => asA.secrets.send(new GetSecretValueCommand({ SecretId: estateB.secretArn })))).toMatchObject({ name: 'AccessDeniedException', status: 400 });
  });

  it("refuses A AssumeRole into B's role, and B's SageMaker resources are not found from A", async () => {
    const assume = await refusal(() => asA.sts.send(new AssumeRoleCommand({ RoleArn: estateB.roleArn, RoleSessionName: 'intruder' })));
    expect(assume).toMatchObject({ name: 'AccessDenied', status: 403 });
    // SageMaker names resolve in the caller's own account, as on AWS.
    expect(await refusal(() => asA.sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: estateB.notebook })))).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(await refusal(() => asA.sagemaker.send(new DescribeEndpointCommand({ EndpointName: estateB.endpoint })))).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it("shows A nothing of B's in its listings", async () => {
    const everything = JSON.stringify([
      await asA.s3.send(new ListBucketsCommand({})),
      await asA.kms.send(new ListKeysCommand({})),
      await asA.secrets.send(new ListSecretsCommand({})),
      await asA.iam.send(new ListRolesCommand({})),
      await asA.sagemaker.send(new ListNotebookInstancesCommand({})),
      await asA.sagemaker.send(new ListEndpointsCommand({})),
    ]);
    expect(everything).not.toContain(b.accountId);
    expect(everything).not.toContain('beta');
    expect(everything).toContain(estateA.bucket);
    expect(everything).toContain(estateA.notebook);
  });

  it("refuses the self-paced (relaxed) caller B's resources, even naming B's account as its key", async () => {
    expect(await refusal(() => relaxed.s3.send(new GetObjectCommand({ Bucket: estateB.bucket, Key: 'train.csv' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await refusal(() => relaxed.kms.send(new DescribeKeyCommand({ KeyId: estateB.keyArn })))).toMatchObject({ name: 'AccessDeniedException' });
    expect(await refusal(() => relaxed.secrets.send(new GetSecretValueCommand({ SecretId: estateB.secretArn })))).toMatchObject({ name: 'AccessDeniedException' });
    expect(await refusal(() => relaxed.sts.send(new AssumeRoleCommand({ RoleArn: estateB.roleArn, RoleSessionName: 'intruder' })))).toMatchObject({ name: 'AccessDenied' });
    // An unsigned (anonymous) request for B's object.
    const anonymous = await fetch(`${emu.url}/${estateB.bucket}/train.csv`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('lets A in where B’s resource policy allows it, as a cross-account grant on AWS would', async () => {
    const shared = `beta-shared-${b.accountId}`;
    await asB.s3.send(new CreateBucketCommand({ Bucket: shared }));
    await asB.s3.send(new PutObjectCommand({ Bucket: shared, Key: 'public-sample.csv', Body: 'shared' }));
    await asB.s3.send(new PutBucketPolicyCommand({ Bucket: shared, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a.accountId}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${shared}/*` }] }) }));
    expect(await (await asA.s3.send(new GetObjectCommand({ Bucket: shared, Key: 'public-sample.csv' }))).Body!.transformToString()).toBe('shared');
    expect(await refusal(() => asA.s3.send(new PutObjectCommand({ Bucket: shared, Key: 'x', Body: 'x' })))).toMatchObject({ name: 'AccessDenied' });
    // The relaxed caller is not named, so it stays out.
    expect(await refusal(() => relaxed.s3.send(new GetObjectCommand({ Bucket: shared, Key: 'public-sample.csv' })))).toMatchObject({ name: 'AccessDenied' });
    // A secret policy naming A lets the call past IAM; then Secrets Manager's own rule applies, as on
    // AWS: a secret under the default aws/secretsmanager key cannot be read from another account.
    await asB.secrets.send(new PutResourcePolicyCommand({ SecretId: estateB.secretArn, ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: a.accountId }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) }));
    expect(await refusal(() => asA.secrets.send(new GetSecretValueCommand({ SecretId: estateB.secretArn })))).toMatchObject({ name: 'InvalidRequestException', status: 400 });
  });

  it('never locks the bucket owner’s root out of its bucket policy (S3’s rule), and gives nobody else that', async () => {
    const locked = `beta-locked-${b.accountId}`;
    await asB.s3.send(new CreateBucketCommand({ Bucket: locked }));
    await asB.s3.send(new PutBucketPolicyCommand({ Bucket: locked, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${locked}`, `arn:aws:s3:::${locked}/*`] }] }) }));
    expect(await refusal(() => asB.s3.send(new ListObjectsV2Command({ Bucket: locked })))).toMatchObject({ name: 'AccessDenied' });
    expect((await asB.s3.send(new GetBucketPolicyCommand({ Bucket: locked }))).Policy).toContain('DenyAll');
    expect(await refusal(() => asA.s3.send(new DeleteBucketPolicyCommand({ Bucket: locked })))).toMatchObject({ name: 'AccessDenied' });
    await asB.s3.send(new DeleteBucketPolicyCommand({ Bucket: locked }));
    expect((await asB.s3.send(new ListObjectsV2Command({ Bucket: locked }))).KeyCount).toBe(0);
  });

  describe('calls into A with anything but its issued keys and a valid signature', () => {
    it('refuses its 12-digit account id as an access key, in each protocol family', async () => {
      const byId = clientsAs(emu.url, { accessKeyId: a.accountId, secretAccessKey: 'test' });
      expect(await refusal(() => byId.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
      expect(await refusal(() => byId.iam.send(new ListRolesCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
      expect(await refusal(() => byId.kms.send(new ListKeysCommand({})))).toMatchObject({ name: 'UnrecognizedClientException', status: 400 });
      expect(await refusal(() => byId.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'InvalidAccessKeyId', status: 403 });
    });

    it('refuses a wrong secret, a forged signature and an old signing date', async () => {
      const wrongSecret = clientsAs(emu.url, { accessKeyId: a.accessKeyId, secretAccessKey: b.secretAccessKey });
      expect(await refusal(() => wrongSecret.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(await refusal(() => wrongSecret.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(await refusal(() => wrongSecret.kms.send(new ListKeysCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      const forged = await fetch(`${emu.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-amz-date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
          authorization: `AWS4-HMAC-SHA256 Credential=${a.accessKeyId}/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
      const late = clientsAs(emu.url, keysOf(a), { systemClockOffset: -20 * 60 * 1000 });
      const expired = await refusal(() => late.sts.send(new GetCallerIdentityCommand({})));
      expect(expired).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(expired.message).toMatch(/Signature expired/);
      expect(await refusal(() => late.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'RequestTimeTooSkewed', status: 403 });
    });

    it("refuses an unsigned request for A's object, and temporary keys of A without their session token", async () => {
      const anonymous = await fetch(`${emu.url}/${estateA.bucket}/train.csv`);
      expect(anonymous.status).toBe(403);
      // A may assume its own role when the trust policy lets it; the session's keys need their token.
      await asA.iam.send(new CreateRoleCommand({ RoleName: 'alpha-admin', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a.accountId}:root` }, Action: 'sts:AssumeRole' }] }) }));
      const session = (await asA.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${a.accountId}:role/alpha-admin`, RoleSessionName: 'me' }))).Credentials!;
      const withToken = clientsAs(emu.url, { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! });
      expect((await withToken.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${a.accountId}:assumed-role/alpha-admin/me`);
      const withoutToken = clientsAs(emu.url, { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey! });
      expect(await refusal(() => withoutToken.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
      // The role has no policy: IAM is enforced inside the tenant too.
      expect(await refusal(() => withToken.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 });
    });
  });

  it('leaves the relaxed default account as it was: any key, no signature checks, no enforcement', async () => {
    await relaxed.s3.send(new CreateBucketCommand({ Bucket: 'self-paced-bucket' }));
    const wrong = clientsAs(emu.url, { accessKeyId: 'test', secretAccessKey: 'anything' });
    expect((await wrong.s3.send(new ListBucketsCommand({}))).Buckets?.map((x) => x.Name)).toEqual(['self-paced-bucket']);
    expect((await fetch(`${emu.url}/self-paced-bucket`)).status).toBe(200);
    // A 12-digit key of an account that is not a tenant still becomes that account (LocalStack's rule).
    const other = clientsAs(emu.url, { accessKeyId: '444455556666', secretAccessKey: 'x' });
    expect((await other.sts.send(new GetCallerIdentityCommand({}))).Account).toBe('444455556666');
  });

  it('removes everything of A (reporting it) and leaves B intact', async () => {
    const removed = await admin(emu.url, 'DELETE', `/_mlsec/tenants/${a.accountId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.accountId).toBe(a.accountId);
    const report: string[] = removed.body.removed;
    expect(report).toContain(`s3 buckets (1): ${estateA.bucket}`);
    expect(report).toEqual(expect.arrayContaining([
      expect.stringMatching(/^iam roles \(2\): alpha-execution, alpha-admin$/),
      // The key the learner made, and the AWS managed key Secrets Manager made for the secret.
      expect.stringMatching(/^kms keys in us-east-1 \(2\)/),
      expect.stringMatching(/^secretsmanager secrets in us-east-1 \(1\)/),
      expect.stringMatching(/^sagemaker notebookInstances in us-east-1 \(1\): alpha-notebook$/),
      expect.stringMatching(/^sagemaker endpoints in us-east-1 \(1\): alpha-endpoint$/),
      expect.stringMatching(/^issued access keys \(\d+\)$/),
    ]));
    expect(await refusal(() => asA.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
    expect(await refusal(() => asB.s3.send(new GetObjectCommand({ Bucket: estateA.bucket, Key: 'train.csv' })))).toMatchObject({ name: 'NoSuchBucket' });
    // B is intact.
    expect(await (await asB.s3.send(new GetObjectCommand({ Bucket: estateB.bucket, Key: 'train.csv' }))).Body!.transformToString()).toBe('beta,secret-data');
    expect((await asB.sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: estateB.notebook }))).NotebookInstanceName).toBe(estateB.notebook);
    expect((await admin(emu.url, 'GET', '/_mlsec/tenants')).body.tenants.map((t: { accountId: string }) => t.accountId)).toEqual([b.accountId]);
    expect((await admin(emu.url, 'DELETE', `/_mlsec/tenants/${a.accountId}`)).status).toBe(404);
  });
});
