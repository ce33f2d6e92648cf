/**
 * The AWS CLI (v1 on this machine) against the emulator, with no user configuration: the commands
 * labs and learners use, including `aws s3` high-level commands and error messages.
 * Skips — visibly — when the `aws` command is not installed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI, AWS_CLI_AVAILABLE as available, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { emulator } from './support.ts';

const cliVersion = available ? spawnSync(AWS_CLI!, ['--version'], { encoding: 'utf8' }) : undefined;
if (!available) console.warn(awsCliSkipMessage('aws-cli.test.ts'));

describe.skipIf(!available)(available ? `AWS CLI (${(cliVersion!.stdout || cliVersion!.stderr || '').trim().split(' ')[0]})` : awsCliSkipMessage('AWS CLI'), { timeout: 120_000 }, () => {
  let emu: RunningEmulator;
  let cli: AwsCli;
  let dir: string;
  const ACCOUNT = '246813579024';

  beforeAll(async () => {
    emu = await emulator();
    cli = new AwsCli(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'secret' });
    dir = cli.dir;
  });
  afterAll(async () => {
    await emu.stop();
    cli.dispose();
  });

  /** Runs `aws --endpoint-url … <args>` with keys in the environment and no user config. */
  async function aws(args: string[], keys: Record<string, string> = { AWS_ACCESS_KEY_ID: ACCOUNT, AWS_SECRET_ACCESS_KEY: 'secret' }) {
    const result = await cli.run(args, { env: keys });
    return { ...result, json: result.stdout.trim().startsWith('{') ? result.json : undefined };
  }

  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return `file://${join(dir, name)}`;
  };

  it('sts get-caller-identity derives the account from the key', async () => {
    expect((await aws(['sts', 'get-caller-identity'])).json).toEqual({ UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it('iam: roles, policies, users and access keys, with decoded policy documents', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
    const created = await aws(['iam', 'create-role', '--role-name', 'MLExecution', '--assume-role-policy-document', file('trust.json', JSON.stringify(trust))]);
    expect(created.json.Role.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/MLExecution`);
    expect((await aws(['iam', 'get-role', '--role-name', 'MLExecution'])).json.Role.AssumeRolePolicyDocument).toEqual(trust);
    expect((await aws(['iam', 'attach-role-policy', '--role-name', 'MLExecution', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'])).code).toBe(0);
    expect((await aws(['iam', 'list-attached-role-policies', '--role-name', 'MLExecution'])).json.AttachedPolicies).toEqual([{ PolicyName: 'AmazonSageMakerFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' }]);
    const inline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::training/*' }] };
    await aws(['iam', 'put-role-policy', '--role-name', 'MLExecution', '--policy-name', 'read-training', '--policy-document', file('inline.json', JSON.stringify(inline))]);
    expect((await aws(['iam', 'get-role-policy', '--role-name', 'MLExecution', '--policy-name', 'read-training'])).json.PolicyDocument).toEqual(inline);
    const policy = await aws(['iam', 'create-policy', '--policy-name', 'ReadTraining', '--policy-document', file('managed.json', JSON.stringify(inline))]);
    expect(policy.json.Policy.DefaultVersionId).toBe('v1');
    await aws(['iam', 'create-user', '--user-name', 'analyst']);
    const key = (await aws(['iam', 'create-access-key', '--user-name', 'analyst'])).json.AccessKey;
    const asUser = await aws(['sts', 'get-caller-identity'], { AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey });
    expect(asUser.json.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/analyst`);
    const details = (await aws(['iam', 'get-account-authorization-details'])).json;
    expect(details.RoleDetailList[0].RolePolicyList[0].PolicyDocument).toEqual(inline);
    const missing = await aws(['iam', 'get-role', '--role-name', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name nope cannot be found.');
  });

  it('sts assume-role returns credentials the CLI can use', async () => {
    const assumed = (await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/MLExecution`, '--role-session-name', 'cli'])).json;
    const c = assumed.Credentials;
    const who = await aws(['sts', 'get-caller-identity'], { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken });
    expect(who.json.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/MLExecution/cli`);
  });

  it('s3: mb, cp, ls, rm and rb with the high-level commands', async () => {
    expect((await aws(['s3', 'mb', 's3://cli-training-data'])).stdout).toContain('make_bucket: cli-training-data');
    writeFileSync(join(dir, 'data.csv'), 'x,y\n1,2\n');
    expect((await aws(['s3', 'cp', join(dir, 'data.csv'), 's3://cli-training-data/raw/data file.csv'])).code).toBe(0);
    const ls = await aws(['s3', 'ls', 's3://cli-training-data', '--recursive']);
    expect(ls.stdout).toMatch(/\s8 raw\/data file\.csv/);
    expect((await aws(['s3', 'cp', 's3://cli-training-data/raw/data file.csv', '-'])).stdout).toBe('x,y\n1,2\n');
    expect((await aws(['s3api', 'head-object', '--bucket', 'cli-training-data', '--key', 'raw/data file.csv'])).json.ContentLength).toBe(8);
    // Above 8 MB the CLI switches to a multipart upload.
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(9 * 1024 * 1024, 3));
    expect((await aws(['s3', 'cp', join(dir, 'big.bin'), 's3://cli-training-data/big.bin'])).code).toBe(0);
    const big = (await aws(['s3api', 'head-object', '--bucket', 'cli-training-data', '--key', 'big.bin'])).json;
    expect(big.ContentLength).toBe(9 * 1024 * 1024);
    expect(big.ETag).toMatch(/-2"$/);
    expect((await aws(['s3', 'rb', 's3://cli-training-data', '--force'])).code).toBe(0);
    expect((await aws(['s3api', 'head-bucket', '--bucket', 'cli-training-data'])).code).not.toBe(0);
  });

  it('s3api: bucket policy and its status, Block Public Access, encryption, versioning, errors', async () => {
    await aws(['s3api', 'create-bucket', '--bucket', 'cli-secure']);
    const publicPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cli-secure/*' }] };
    const blocked = await aws(['s3api', 'put-bucket-policy', '--bucket', 'cli-secure', '--policy', file('public.json', JSON.stringify(publicPolicy))]);
    expect(blocked.stderr).toContain('An error occurred (AccessDenied) when calling the PutBucketPolicy operation');
    await aws(['s3api', 'put-public-access-block', '--bucket', 'cli-secure', '--public-access-block-configuration', 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false']);
    expect((await aws(['s3api', 'get-public-access-block', '--bucket', 'cli-secure'])).json.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(false);
    expect((await aws(['s3api', 'put-bucket-policy', '--bucket', 'cli-secure', '--policy', file('public.json', JSON.stringify(publicPolicy))])).code).toBe(0);
    expect((await aws(['s3api', 'get-bucket-policy-status', '--bucket', 'cli-secure'])).json).toEqual({ PolicyStatus: { IsPublic: true } });
    expect(JSON.parse((await aws(['s3api', 'get-bucket-policy', '--bucket', 'cli-secure'])).json.Policy)).toEqual(publicPolicy);
    await aws(['s3api', 'delete-bucket-policy', '--bucket', 'cli-secure']);
    const none = await aws(['s3api', 'get-bucket-policy', '--bucket', 'cli-secure']);
    expect(none.stderr).toContain('An error occurred (NoSuchBucketPolicy) when calling the GetBucketPolicy operation: The bucket policy does not exist');
    // The default key must exist in the emulated KMS: uploads are encrypted with it.
    const keyId = (await aws(['kms', 'create-key', '--description', 'ml bucket'])).json.KeyMetadata.KeyId;
    expect((await aws(['kms', 'create-alias', '--alias-name', 'alias/ml', '--target-key-id', keyId])).code).toBe(0);
    await aws(['s3api', 'put-bucket-encryption', '--bucket', 'cli-secure', '--server-side-encryption-configuration', '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/ml"},"BucketKeyEnabled":true}]}']);
    expect((await aws(['s3api', 'get-bucket-encryption', '--bucket', 'cli-secure'])).json.ServerSideEncryptionConfiguration.Rules[0]).toEqual({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/ml' }, BucketKeyEnabled: true });
    await aws(['s3api', 'put-bucket-versioning', '--bucket', 'cli-secure', '--versioning-configuration', 'Status=Enabled']);
    const put = await aws(['s3api', 'put-object', '--bucket', 'cli-secure', '--key', 'm.bin', '--body', join(dir, 'data.csv')]);
    expect(put.json).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`, BucketKeyEnabled: true });
    await aws(['s3api', 'put-object', '--bucket', 'cli-secure', '--key', 'm.bin', '--body', join(dir, 'data.csv')]);
    expect((await aws(['s3api', 'list-object-versions', '--bucket', 'cli-secure'])).json.Versions).toHaveLength(2);
    expect((await aws(['s3api', 'get-bucket-location', '--bucket', 'cli-secure'])).json).toEqual({ LocationConstraint: null });
    const eu = await aws(['s3api', 'create-bucket', '--bucket', 'cli-eu', '--region', 'eu-west-1', '--create-bucket-configuration', 'LocationConstraint=eu-west-1']);
    expect(eu.code).toBe(0);
    expect((await aws(['s3api', 'get-bucket-location', '--bucket', 'cli-eu'])).json).toEqual({ LocationConstraint: 'eu-west-1' });
    const taken = await aws(['s3api', 'create-bucket', '--bucket', 'cli-eu'], { AWS_ACCESS_KEY_ID: '999999999999', AWS_SECRET_ACCESS_KEY: 'x' });
    expect(taken.stderr).toContain('BucketAlreadyExists');
  });
});
