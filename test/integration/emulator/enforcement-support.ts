/**
 * Helpers for the IAM enforcement tests: an emulator with enforcement on, clients for an account's
 * root (a 12-digit access key id is the account id) or for issued credentials, and shortcuts that
 * create users and roles with policies and hand back their credentials.
 */
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/index.ts';
import { emulator } from './support.ts';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';

export function enforcing(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return emulator({ enforceIam: true, ...options });
}

export function rootOf(accountId: string): Credentials {
  return { accessKeyId: accountId, secretAccessKey: 'secret' };
}

/** SDK client options for a caller (path-style S3 so bucket names need no DNS). */
export function as(emu: RunningEmulator, credentials: Credentials, region = 'us-east-1') {
  return { endpoint: emu.url, region, credentials, maxAttempts: 1, forcePathStyle: true };
}

export const doc = (...Statement: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement });

/** A user with inline policies (name → document) and an access key. */
export async function userWith(emu: RunningEmulator, accountId: string, userName: string, policies: Record<string, string> = {}): Promise<Credentials> {
  const iam = new IAMClient(as(emu, rootOf(accountId)));
  await iam.send(new CreateUserCommand({ UserName: userName }));
  for (const [PolicyName, PolicyDocument] of Object.entries(policies)) await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName, PolicyDocument }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

/** A role trusting `trust` (by default its own account) with inline policies, created by `creator` (the account's root). */
export async function roleWith(emu: RunningEmulator, accountId: string, roleName: string, policies: Record<string, string> = {}, trust: object = { AWS: `arn:aws:iam::${accountId}:root` }, creator: Credentials = rootOf(accountId)): Promise<string> {
  const iam = new IAMClient(as(emu, creator));
  const role = await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }) }));
  for (const [PolicyName, PolicyDocument] of Object.entries(policies)) await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName, PolicyDocument }));
  return role.Role!.Arn!;
}

/** Assumes a role as `caller` (an account's root by default) and returns the session's credentials. */
export async function assume(emu: RunningEmulator, caller: Credentials, roleArn: string, extra: Partial<AssumeRoleCommandInput> = {}): Promise<Credentials> {
  const sts = new STSClient(as(emu, caller));
  const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test-session', ...extra }))).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** The AWS error a call fails with (the test fails if it succeeds). */
export async function denied(fn: () => Promise<unknown>): Promise<Error & { name: string; message: string; $metadata: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected AccessDenied, but the call succeeded');
}
