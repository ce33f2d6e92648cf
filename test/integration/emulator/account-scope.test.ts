/**
 * Where state lives (issue 3, item 3): per account and region, IAM global to its account, the S3
 * bucket namespace global across accounts; and the credentials GetSessionToken issues resolve to
 * the user who asked for them.
 */
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const keys = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'x' });
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('accounts, regions and credentials', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await emulator(); });
  afterAll(async () => emu.stop());

  it('keeps IAM global within an account: a role made through one region is the same role in every other', async () => {
    await new IAMClient(clientConfig(emu.url, keys(ACCOUNT), 'eu-west-1')).send(new CreateRoleCommand({ RoleName: 'scope-role', AssumeRolePolicyDocument: trust }));
    const seen = await new IAMClient(clientConfig(emu.url, keys(ACCOUNT), 'ap-south-1')).send(new GetRoleCommand({ RoleName: 'scope-role' }));
    expect(seen.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/scope-role`);
    const again = await awsError(() => new IAMClient(clientConfig(emu.url, keys(ACCOUNT), 'us-west-2')).send(new CreateRoleCommand({ RoleName: 'scope-role', AssumeRolePolicyDocument: trust })));
    expect(again.name).toBe('EntityAlreadyExistsException');
    expect(again.$metadata.httpStatusCode).toBe(409);
    const elsewhere = await awsError(() => new IAMClient(clientConfig(emu.url, keys(OTHER), 'eu-west-1')).send(new GetRoleCommand({ RoleName: 'scope-role' })));
    expect(elsewhere.name).toBe('NoSuchEntityException');
  });

  it('keeps regional services per account and region', async () => {
    await new SecretsManagerClient(clientConfig(emu.url, keys(ACCOUNT), 'eu-west-1')).send(new CreateSecretCommand({ Name: 'scope/secret', SecretString: 'v' }));
    const list = async (accessKeyId: string, region: string) =>
      (await new SecretsManagerClient(clientConfig(emu.url, keys(accessKeyId), region)).send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name);
    expect(await list(ACCOUNT, 'eu-west-1')).toEqual(['scope/secret']);
    expect(await list(ACCOUNT, 'us-east-1')).toEqual([]);
    expect(await list(OTHER, 'eu-west-1')).toEqual([]);
  });

  it('shares the bucket namespace across accounts, as AWS does', async () => {
    const s3 = (accessKeyId: string) => new S3Client({ ...clientConfig(emu.url, keys(accessKeyId), 'eu-west-1'), forcePathStyle: true });
    const create = { Bucket: 'scope-shared-name', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' as const } };
    await s3(ACCOUNT).send(new CreateBucketCommand(create));
    const mine = await awsError(() => s3(ACCOUNT).send(new CreateBucketCommand(create)));
    expect([mine.name, mine.$metadata.httpStatusCode]).toEqual(['BucketAlreadyOwnedByYou', 409]);
    const theirs = await awsError(() => s3(OTHER).send(new CreateBucketCommand(create)));
    expect([theirs.name, theirs.$metadata.httpStatusCode]).toEqual(['BucketAlreadyExists', 409]);
  });

  it('resolves GetSessionToken credentials to the user who asked for them', async () => {
    const iam = new IAMClient(clientConfig(emu.url, keys(ACCOUNT)));
    await iam.send(new CreateUserCommand({ UserName: 'scope-alice' }));
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: 'scope-alice' }));
    const asAlice = new STSClient(clientConfig(emu.url, { accessKeyId: key!.AccessKeyId!, secretAccessKey: key!.SecretAccessKey! }));
    const { Credentials: session } = await asAlice.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    expect(session?.AccessKeyId).toMatch(/^ASIA/);
    expect(session!.Expiration!.getTime() - Date.now()).toBeGreaterThan(800_000);
    const who = await new STSClient(clientConfig(emu.url, { accessKeyId: session!.AccessKeyId!, secretAccessKey: session!.SecretAccessKey!, sessionToken: session!.SessionToken! })).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/scope-alice` });
    const tooShort = await awsError(() => asAlice.send(new GetSessionTokenCommand({ DurationSeconds: 60 })));
    expect(tooShort.name).toBe('ValidationError');
  });
});
