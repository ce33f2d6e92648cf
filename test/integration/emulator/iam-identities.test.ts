/** IAM users, groups, login profiles, access keys and account views through the real IAM client. */
import * as I from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

describe('IAM identities', () => {
  let emu: RunningEmulator;
  let iam: I.IAMClient;
  beforeAll(async () => {
    emu = await emulator();
    iam = new I.IAMClient(clientConfig(emu.url, { accessKeyId: '111111111111', secretAccessKey: 'x' }));
  });
  afterAll(async () => emu.stop());

  it('creates, reads, renames, tags and deletes users', async () => {
    const { User } = await iam.send(new I.CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'ml' }] }));
    expect(User).toMatchObject({ UserName: 'alice', Path: '/eng/', Arn: 'arn:aws:iam::111111111111:user/eng/alice', Tags: [{ Key: 'team', Value: 'ml' }] });
    expect(User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect((await iam.send(new I.GetUserCommand({ UserName: 'alice' }))).User?.UserId).toBe(User?.UserId);
    expect((await awsError(() => iam.send(new I.CreateUserCommand({ UserName: 'ALICE' })))).name).toBe('EntityAlreadyExistsException');
    await iam.send(new I.TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'cost', Value: 'a' }, { Key: 'team', Value: 'data' }] }));
    expect((await iam.send(new I.ListUserTagsCommand({ UserName: 'alice' }))).Tags).toEqual([{ Key: 'team', Value: 'data' }, { Key: 'cost', Value: 'a' }]);
    await iam.send(new I.UntagUserCommand({ UserName: 'alice', TagKeys: ['cost'] }));
    await iam.send(new I.UpdateUserCommand({ UserName: 'alice', NewUserName: 'alice2', NewPath: '/' }));
    expect((await iam.send(new I.GetUserCommand({ UserName: 'alice2' }))).User?.Arn).toBe('arn:aws:iam::111111111111:user/alice2');
    const missing = await awsError(() => iam.send(new I.GetUserCommand({ UserName: 'alice' })));
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.message).toBe('The user with name alice cannot be found.');
    await iam.send(new I.PutUserPermissionsBoundaryCommand({ UserName: 'alice2', PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    expect((await iam.send(new I.GetUserCommand({ UserName: 'alice2' }))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    await iam.send(new I.DeleteUserPermissionsBoundaryCommand({ UserName: 'alice2' }));
    await iam.send(new I.CreateLoginProfileCommand({ UserName: 'alice2', Password: 'Passw0rd!x', PasswordResetRequired: true }));
    expect((await iam.send(new I.GetLoginProfileCommand({ UserName: 'alice2' }))).LoginProfile?.PasswordResetRequired).toBe(true);
    await iam.send(new I.UpdateLoginProfileCommand({ UserName: 'alice2', PasswordResetRequired: false }));
    const conflict = await awsError(() => iam.send(new I.DeleteUserCommand({ UserName: 'alice2' })));
    expect(conflict.name).toBe('DeleteConflictException');
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    await iam.send(new I.DeleteLoginProfileCommand({ UserName: 'alice2' }));
    await iam.send(new I.DeleteUserCommand({ UserName: 'alice2' }));
    expect((await iam.send(new I.ListUsersCommand({}))).Users).toEqual([]);
  });

  it('pages List* results with Marker and IsTruncated', async () => {
    for (let i = 0; i < 5; i++) await iam.send(new I.CreateUserCommand({ UserName: `page-${i}` }));
    const first = await iam.send(new I.ListUsersCommand({ MaxItems: 2 }));
    expect(first.Users?.map((u) => u.UserName)).toEqual(['page-0', 'page-1']);
    expect(first.IsTruncated).toBe(true);
    const rest: string[] = [];
    let marker = first.Marker;
    while (marker) {
      const page = await iam.send(new I.ListUsersCommand({ MaxItems: 2, Marker: marker }));
      rest.push(...page.Users!.map((u) => u.UserName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    }
    expect(rest).toEqual(['page-2', 'page-3', 'page-4']);
    const bad = await awsError(() => iam.send(new I.ListUsersCommand({ MaxItems: 0 })));
    expect(bad.name).toBe('ValidationError');
  });

  it('manages groups and membership', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'bob' }));
    const { Group } = await iam.send(new I.CreateGroupCommand({ GroupName: 'scientists' }));
    expect(Group?.GroupId).toMatch(/^AGPA/);
    await iam.send(new I.AddUserToGroupCommand({ GroupName: 'scientists', UserName: 'bob' }));
    const got = await iam.send(new I.GetGroupCommand({ GroupName: 'scientists' }));
    expect(got.Users?.map((u) => u.UserName)).toEqual(['bob']);
    expect((await iam.send(new I.ListGroupsForUserCommand({ UserName: 'bob' }))).Groups?.map((g) => g.GroupName)).toEqual(['scientists']);
    expect((await awsError(() => iam.send(new I.DeleteGroupCommand({ GroupName: 'scientists' })))).name).toBe('DeleteConflictException');
    await iam.send(new I.UpdateGroupCommand({ GroupName: 'scientists', NewGroupName: 'ds' }));
    expect((await iam.send(new I.ListGroupsForUserCommand({ UserName: 'bob' }))).Groups?.map((g) => g.GroupName)).toEqual(['ds']);
    await iam.send(new I.RemoveUserFromGroupCommand({ GroupName: 'ds', UserName: 'bob' }));
    expect((await iam.send(new I.ListGroupsCommand({}))).Groups?.map((g) => g.GroupName)).toEqual(['ds']);
    await iam.send(new I.DeleteGroupCommand({ GroupName: 'ds' }));
  });

  it('issues access keys that authenticate as the user, two at most', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'carol' }));
    const { AccessKey } = await iam.send(new I.CreateAccessKeyCommand({ UserName: 'carol' }));
    expect(AccessKey).toMatchObject({ UserName: 'carol', Status: 'Active' });
    expect(AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const sts = new STSClient(clientConfig(emu.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: '111111111111', Arn: 'arn:aws:iam::111111111111:user/carol' });
    const asCarol = new I.IAMClient(clientConfig(emu.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
    expect((await asCarol.send(new I.GetUserCommand({}))).User?.UserName).toBe('carol');
    const last = await iam.send(new I.GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey!.AccessKeyId! }));
    expect(last).toMatchObject({ UserName: 'carol', AccessKeyLastUsed: { ServiceName: 'iam', Region: 'us-east-1' } });
    await iam.send(new I.CreateAccessKeyCommand({ UserName: 'carol' }));
    const third = await awsError(() => iam.send(new I.CreateAccessKeyCommand({ UserName: 'carol' })));
    expect(third.name).toBe('LimitExceededException');
    expect(third.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2');
    await iam.send(new I.UpdateAccessKeyCommand({ UserName: 'carol', AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Inactive' }));
    expect((await awsError(() => sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    const listed = await iam.send(new I.ListAccessKeysCommand({ UserName: 'carol' }));
    expect(listed.AccessKeyMetadata?.map((k) => k.Status).sort()).toEqual(['Active', 'Inactive']);
    expect((await awsError(() => iam.send(new I.DeleteUserCommand({ UserName: 'carol' })))).message).toBe('Cannot delete entity, must delete access keys first.');
    for (const k of listed.AccessKeyMetadata!) await iam.send(new I.DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: k.AccessKeyId! }));
    expect((await awsError(() => iam.send(new I.DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: AccessKey!.AccessKeyId! })))).name).toBe('NoSuchEntityException');
    await iam.send(new I.DeleteUserCommand({ UserName: 'carol' }));
  });

  it('manages account aliases and summarises the account', async () => {
    await iam.send(new I.CreateAccountAliasCommand({ AccountAlias: 'ml-lab' }));
    expect((await iam.send(new I.ListAccountAliasesCommand({}))).AccountAliases).toEqual(['ml-lab']);
    const other = new I.IAMClient(clientConfig(emu.url, { accessKeyId: '222222222222', secretAccessKey: 'x' }));
    expect((await awsError(() => other.send(new I.CreateAccountAliasCommand({ AccountAlias: 'ml-lab' })))).name).toBe('EntityAlreadyExistsException');
    await iam.send(new I.DeleteAccountAliasCommand({ AccountAlias: 'ml-lab' }));
    const summary = await iam.send(new I.GetAccountSummaryCommand({}));
    expect(summary.SummaryMap?.Users).toBeGreaterThan(0);
    expect(summary.SummaryMap?.AccessKeysPerUserQuota).toBe(2);
  });
});
