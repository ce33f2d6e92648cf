/**
 * The awsQuery layer through STS and IAM: form parameters in, `<OpResponse><OpResult>` out,
 * `<ErrorResponse>` errors with the query error codes (NoSuchEntity, not NoSuchEntityException).
 */
import { CreateRoleCommand, GetRoleCommand, IAMClient, ListRolesCommand, CreateSAMLProviderCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const trust = (principal: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });

describe('awsQuery protocol (STS, IAM)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => { emu = await emulator(); });
  afterAll(async () => emu.stop());

  it('derives the account from the access key as LocalStack does', async () => {
    const anyKey = await new STSClient(clientConfig(emu.url)).send(new GetCallerIdentityCommand({}));
    expect(anyKey).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000' });
    const twelve = await new STSClient(clientConfig(emu.url, { accessKeyId: '111122223333', secretAccessKey: 'x' })).send(new GetCallerIdentityCommand({}));
    expect(twelve).toMatchObject({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:root' });
  });

  it('keeps IAM per account and round-trips structures, timestamps and URL-encoded documents', async () => {
    const a = new IAMClient(clientConfig(emu.url, { accessKeyId: '111122223333', secretAccessKey: 'x' }));
    const b = new IAMClient(clientConfig(emu.url, { accessKeyId: '444455556666', secretAccessKey: 'x' }));
    const doc = trust({ Service: 'sagemaker.amazonaws.com' });
    const created = await a.send(new CreateRoleCommand({ RoleName: 'Exec', Path: '/ml/', AssumeRolePolicyDocument: doc, Tags: [{ Key: 'team', Value: 'ml' }] }));
    expect(created.Role).toMatchObject({ RoleName: 'Exec', Path: '/ml/', Arn: 'arn:aws:iam::111122223333:role/ml/Exec', MaxSessionDuration: 3600, Tags: [{ Key: 'team', Value: 'ml' }] });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    const got = await a.send(new GetRoleCommand({ RoleName: 'Exec' }));
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toBe(doc);
    expect((await b.send(new ListRolesCommand({}))).Roles).toEqual([]);
  });

  it('answers modelled errors with their query code and status', async () => {
    const iam = new IAMClient(clientConfig(emu.url));
    const missing = await awsError(() => iam.send(new GetRoleCommand({ RoleName: 'nope' })));
    expect(missing.name).toBe('NoSuchEntityException');
    expect((missing as unknown as { Code: string }).Code ?? (missing as unknown as { Error: { Code: string } }).Error?.Code).toBe('NoSuchEntity');
    expect(missing.message).toBe('The role with name nope cannot be found.');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    await iam.send(new CreateRoleCommand({ RoleName: 'Dup', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    const dup = await awsError(() => iam.send(new CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) })));
    expect(dup.name).toBe('EntityAlreadyExistsException');
    expect(dup.$metadata.httpStatusCode).toBe(409);
  });

  it('answers ValidationError with AWS wording for constraint violations', async () => {
    const iam = new IAMClient(clientConfig(emu.url));
    const error = await awsError(() => iam.send(new CreateRoleCommand({ RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: '{}', MaxSessionDuration: 60 })));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe(
      `2 validation errors detected: Value '${'x'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600`,
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers MalformedPolicyDocument with AWS messages', async () => {
    const iam = new IAMClient(clientConfig(emu.url));
    const cases: [string, string][] = [
      ['not json', 'Syntax errors in policy.'],
      [JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }), 'Policy document must be version 2012-10-17 or greater.'],
      [trust({ Service: 'ec2.amazonaws.com' }, { Resource: '*' }), 'Has prohibited field Resource.'],
      [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }), 'Missing required field Principal'],
    ];
    for (const [doc, message] of cases) {
      const error = await awsError(() => iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: doc })));
      expect(error.name).toBe('MalformedPolicyDocumentException');
      expect(error.message).toBe(message);
    }
  });

  it('answers InvalidAction, naming the operation, for an operation not emulated', async () => {
    const error = await awsError(() => new IAMClient(clientConfig(emu.url)).send(new CreateSAMLProviderCommand({ Name: 'x', SAMLMetadataDocument: 'x'.repeat(1000) })));
    expect(error.name).toBe('InvalidAction');
    expect(error.message).toBe('Could not find operation CreateSAMLProvider for version 2010-05-08');
  });

  it('assumes a role whose trust policy allows the caller, and the session credentials work', async () => {
    const keys = { accessKeyId: '777788889999', secretAccessKey: 'x' };
    const iam = new IAMClient(clientConfig(emu.url, keys));
    await iam.send(new CreateRoleCommand({ RoleName: 'Auditor', AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::777788889999:root' }, { Condition: { StringEquals: { 'sts:ExternalId': 'lab-42' } } }) }));
    const sts = new STSClient(clientConfig(emu.url, keys));
    const denied = await awsError(() => sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::777788889999:role/Auditor', RoleSessionName: 's1' })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toBe('User: arn:aws:iam::777788889999:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::777788889999:role/Auditor');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::777788889999:role/Auditor', RoleSessionName: 's1', ExternalId: 'lab-42', DurationSeconds: 900 }));
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::777788889999:assumed-role/Auditor/s1');
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(assumed.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(800_000);
    const session = new STSClient(clientConfig(emu.url, { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! }));
    const who = await session.send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: '777788889999', Arn: 'arn:aws:sts::777788889999:assumed-role/Auditor/s1' });
    expect(who.UserId).toMatch(/^AROA[A-Z2-7]{17}:s1$/);
    const noChain = await awsError(() => session.send(new GetSessionTokenCommand({})));
    expect(noChain.name).toBe('AccessDenied');
  });

  it('refuses to assume a role that does not exist, as AWS does', async () => {
    const error = await awsError(() => new STSClient(clientConfig(emu.url)).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/ghost', RoleSessionName: 'x1' })));
    expect(error.name).toBe('AccessDenied');
  });
});
