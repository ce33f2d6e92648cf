/** KMS keys, key states, aliases and tags through the real SDK client over HTTP. */
import * as K from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '111122223333';
const DAY = 86_400_000;

describe('KMS keys', () => {
  let emu: RunningEmulator;
  let kms: K.KMSClient;
  let clock = Date.parse('2026-03-01T10:00:00Z');
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    kms = new K.KMSClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
  });
  afterAll(async () => emu.stop());

  const create = async (input: K.CreateKeyRequest = {}) => (await kms.send(new K.CreateKeyCommand(input))).KeyMetadata!;

  it('creates symmetric keys with the metadata AWS returns for a fresh key', async () => {
    const key = await create({ Description: 'training data key' });
    expect(key.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(key).toMatchObject({
      AWSAccountId: ACCOUNT,
      Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${key.KeyId}`,
      Description: 'training data key',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      MultiRegion: false,
    });
    expect(key.CreationDate?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(key.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(key.DeletionDate).toBeUndefined();
    expect((await create()).Description).toBe('');
  });

  it('refuses what it does not emulate and what AWS refuses, with AWS codes', async () => {
    const rsa = await awsError(() => kms.send(new K.CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })));
    expect(rsa.name).toBe('UnsupportedOperationException');
    expect(rsa.message).toContain('KeySpec RSA_2048 is not emulated');
    const hmac = await awsError(() => kms.send(new K.CreateKeyCommand({ KeySpec: 'HMAC_256' })));
    expect(hmac.message).toBe('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
    const usage = await awsError(() => kms.send(new K.CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY' })));
    expect(usage.name).toBe('ValidationException');
    expect(usage.message).toBe('KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT');
    const badSpec = await awsError(() => kms.send(new K.CreateKeyCommand({ KeySpec: 'AES_999' as K.KeySpec })));
    expect(badSpec.name).toBe('ValidationException');
    expect(badSpec.message).toMatch(/^1 validation error detected: Value 'AES_999' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[/);
    expect((await awsError(() => kms.send(new K.CreateKeyCommand({ MultiRegion: true })))).name).toBe('UnsupportedOperationException');
    expect((await awsError(() => kms.send(new K.CreateKeyCommand({ Origin: 'EXTERNAL' })))).name).toBe('UnsupportedOperationException');
  });

  it('describes a key by key id, key ARN, alias name and alias ARN, and words NotFoundException as AWS does', async () => {
    const key = await create();
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/describe-me', TargetKeyId: key.KeyId }));
    for (const ref of [key.KeyId!, key.Arn!, 'alias/describe-me', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/describe-me`]) {
      expect((await kms.send(new K.DescribeKeyCommand({ KeyId: ref }))).KeyMetadata?.KeyId).toBe(key.KeyId);
    }
    const cases: [string, string][] = [
      ['fake-key-id', "Invalid keyId 'fake-key-id'"],
      ['0b1a9b7c-0000-4000-8000-000000000000', `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1a9b7c-0000-4000-8000-000000000000' does not exist`],
      [`arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1a9b7c-0000-4000-8000-000000000000`, `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/0b1a9b7c-0000-4000-8000-000000000000' does not exist`],
      ['alias/nothing-here', `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/nothing-here is not found.`],
      [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/nothing-here`, `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/nothing-here is not found.`],
      [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${key.KeyId}`, 'Invalid arn eu-west-1'],
    ];
    for (const [ref, message] of cases) {
      const error = await awsError(() => kms.send(new K.DescribeKeyCommand({ KeyId: ref })));
      expect(error.name, ref).toBe('NotFoundException');
      expect(error.message, ref).toBe(message);
      expect(error.$metadata.httpStatusCode, ref).toBe(400);
    }
  });

  it('keeps keys per region', async () => {
    const key = await create();
    const west = new K.KMSClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, 'eu-west-1'));
    expect((await awsError(() => west.send(new K.DescribeKeyCommand({ KeyId: key.KeyId })))).message).toBe(`Key 'arn:aws:kms:eu-west-1:${ACCOUNT}:key/${key.KeyId}' does not exist`);
    const { Keys } = await west.send(new K.ListKeysCommand({}));
    expect(Keys?.some((k) => k.KeyId === key.KeyId)).toBe(false);
  });

  it('lists keys with Limit, NextMarker and Truncated', async () => {
    const other = new K.KMSClient(clientConfig(emu.url, { accessKeyId: '444455556666', secretAccessKey: 'x' }));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await other.send(new K.CreateKeyCommand({}))).KeyMetadata!.KeyId!);
    const first = await other.send(new K.ListKeysCommand({ Limit: 2 }));
    expect(first.Keys?.map((k) => k.KeyId)).toEqual(ids.slice(0, 2));
    expect(first.Truncated).toBe(true);
    expect(first.Keys?.[0]?.KeyArn).toBe(`arn:aws:kms:us-east-1:444455556666:key/${ids[0]}`);
    const rest = await other.send(new K.ListKeysCommand({ Limit: 10, Marker: first.NextMarker }));
    expect(rest.Keys?.map((k) => k.KeyId)).toEqual(ids.slice(2));
    expect(rest.Truncated).toBe(false);
    expect(rest.NextMarker).toBeUndefined();
    expect((await awsError(() => other.send(new K.ListKeysCommand({ Marker: 'not-a-marker' })))).name).toBe('InvalidMarkerException');
    const limit = await awsError(() => other.send(new K.ListKeysCommand({ Limit: 0 })));
    expect(limit.message).toBe("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });

  it('enables, disables and describes; a disabled key refuses cryptography with DisabledException', async () => {
    const key = await create();
    await kms.send(new K.UpdateKeyDescriptionCommand({ KeyId: key.Arn, Description: 'renamed' }));
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    const disabled = (await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(disabled).toMatchObject({ Enabled: false, KeyState: 'Disabled', Description: 'renamed' });
    const error = await awsError(() => kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })));
    expect(error.name).toBe('DisabledException');
    expect(error.message).toBe(`${key.Arn} is disabled.`);
    expect(error.$metadata.httpStatusCode).toBe(400);
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ Enabled: true, KeyState: 'Enabled' });
  });

  it('schedules deletion (7–30 days, default 30), refuses use while pending, cancels back to Disabled', async () => {
    const key = await create();
    for (const days of [6, 31]) {
      const error = await awsError(() => kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: days })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(`PendingWindowInDays should be between 7 and 30, but it is ${days}`);
    }
    const scheduled = await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 30 });
    expect(scheduled.DeletionDate?.getTime()).toBe(clock + 30 * DAY);
    const described = (await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(described).toMatchObject({ Enabled: false, KeyState: 'PendingDeletion' });
    expect(described.DeletionDate?.getTime()).toBe(clock + 30 * DAY);
    for (const call of [
      () => kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })),
      () => kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId })),
      () => kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId })),
      () => kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
    ]) {
      const error = await awsError(call);
      expect(error.name).toBe('KMSInvalidStateException');
      expect(error.message).toBe(`${key.Arn} is pending deletion.`);
    }
    expect((await kms.send(new K.CancelKeyDeletionCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn);
    const cancelled = (await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(cancelled).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    expect(cancelled.DeletionDate).toBeUndefined();
    const again = await awsError(() => kms.send(new K.CancelKeyDeletionCommand({ KeyId: key.KeyId })));
    expect(again.name).toBe('KMSInvalidStateException');
    expect(again.message).toBe(`${key.Arn} is not pending deletion.`);
  });

  it('deletes a key (and its aliases) once its waiting period has passed', async () => {
    const key = await create();
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/short-lived', TargetKeyId: key.KeyId }));
    await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    const saved = clock;
    clock += 7 * DAY + 1000;
    try {
      expect((await awsError(() => kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId })))).message).toBe(`Key '${key.Arn}' does not exist`);
      const { Aliases } = await kms.send(new K.ListAliasesCommand({}));
      expect(Aliases?.some((a) => a.AliasName === 'alias/short-lived')).toBe(false);
    } finally {
      clock = saved;
    }
  });

  it('creates, updates, lists and deletes aliases with AWS errors', async () => {
    const a = await create();
    const b = await create();
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/model-artifacts', TargetKeyId: a.Arn }));
    const exists = await awsError(() => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/model-artifacts', TargetKeyId: b.KeyId })));
    expect(exists.name).toBe('AlreadyExistsException');
    expect(exists.message).toBe(`An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:alias/model-artifacts already exists`);
    expect(exists.$metadata.httpStatusCode).toBe(400);
    const prefix = await awsError(() => kms.send(new K.CreateAliasCommand({ AliasName: 'model', TargetKeyId: a.KeyId })));
    expect(prefix.name).toBe('ValidationException');
    expect(prefix.message).toBe('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
    const reserved = await awsError(() => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: a.KeyId })));
    expect(reserved.name).toBe('NotAuthorizedException');
    const chars = await awsError(() => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/has space', TargetKeyId: a.KeyId })));
    expect(chars.message).toBe("1 validation error detected: Value 'alias/has space' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
    expect((await awsError(() => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: 'alias/model-artifacts' })))).message).toBe('Aliases must refer to keys. Not aliases');

    await kms.send(new K.UpdateAliasCommand({ AliasName: 'alias/model-artifacts', TargetKeyId: b.KeyId }));
    const forB = await kms.send(new K.ListAliasesCommand({ KeyId: b.KeyId }));
    expect(forB.Aliases).toEqual([
      expect.objectContaining({ AliasName: 'alias/model-artifacts', AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/model-artifacts`, TargetKeyId: b.KeyId }),
    ]);
    expect(forB.Aliases?.[0]?.CreationDate).toBeInstanceOf(Date);
    expect((await kms.send(new K.ListAliasesCommand({ KeyId: a.KeyId }))).Aliases).toEqual([]);
    expect((await awsError(() => kms.send(new K.UpdateAliasCommand({ AliasName: 'alias/missing', TargetKeyId: b.KeyId })))).message).toBe(`Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/missing is not found.`);

    await kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/model-artifacts' }));
    const gone = await awsError(() => kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/model-artifacts' })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.message).toBe(`Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/model-artifacts is not found.`);
  });

  it('lists the predefined AWS managed aliases, creating their keys lazily as AWS does', async () => {
    const fresh = new K.KMSClient(clientConfig(emu.url, { accessKeyId: '777788889999', secretAccessKey: 'x' }));
    const before = await fresh.send(new K.ListAliasesCommand({}));
    const s3 = before.Aliases?.find((a) => a.AliasName === 'alias/aws/s3');
    expect(s3).toEqual({ AliasName: 'alias/aws/s3', AliasArn: 'arn:aws:kms:us-east-1:777788889999:alias/aws/s3' });
    expect((await fresh.send(new K.ListKeysCommand({}))).Keys).toEqual([]);
    const key = (await fresh.send(new K.DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    expect(key).toMatchObject({ KeyManager: 'AWS', KeyState: 'Enabled', Description: 'Default key that protects my S3 objects when no other key is defined' });
    const again = (await fresh.send(new K.DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
    expect(again.KeyId).toBe(key.KeyId);
    const after = await fresh.send(new K.ListAliasesCommand({}));
    expect(after.Aliases?.find((a) => a.AliasName === 'alias/aws/s3')?.TargetKeyId).toBe(key.KeyId);
    expect((await fresh.send(new K.ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toEqual([key.KeyId]);
    const names = after.Aliases!.map((a) => a.AliasName!);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['alias/aws/ebs', 'alias/aws/secretsmanager', 'alias/aws/s3']));
  });

  it('tags keys within AWS limits', async () => {
    const key = await create({ Tags: [{ TagKey: 'Project', TagValue: 'fraud-model' }] });
    await kms.send(new K.TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: 'CostCenter', TagValue: '42' }, { TagKey: 'Project', TagValue: 'churn' }] }));
    expect((await kms.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([
      { TagKey: 'Project', TagValue: 'churn' },
      { TagKey: 'CostCenter', TagValue: '42' },
    ]);
    await kms.send(new K.UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['Project', 'absent'] }));
    const listed = await kms.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 1 }));
    expect(listed).toMatchObject({ Tags: [{ TagKey: 'CostCenter', TagValue: '42' }], Truncated: false });
    expect((await awsError(() => kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })))).message).toBe('Tags beginning with aws: are reserved');
    expect((await awsError(() => kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'd', TagValue: '1' }, { TagKey: 'd', TagValue: '2' }] })))).name).toBe('TagException');
    const long = await awsError(() => kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'k'.repeat(129), TagValue: 'v' }] })));
    expect(long.message).toBe(`1 validation error detected: Value '${'k'.repeat(129)}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`);
    const many = Array.from({ length: 50 }, (_, i) => ({ TagKey: `t${i}`, TagValue: 'v' }));
    const tooMany = await awsError(() => kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: many })));
    expect(tooMany.name).toBe('TagException');
    expect((await kms.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toHaveLength(1);
    expect((await awsError(() => kms.send(new K.TagResourceCommand({ KeyId: 'alias/x', Tags: [] })))).message).toBe("Invalid keyId 'alias/x'");
  });
});
