/** Secrets Manager secrets: create/get/describe/update/delete/restore/list, tags, passwords. */
import * as S from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '135792468013';
const DAY = 86_400_000;
const TOKEN = '0c8d5b7e-1f0a-4a5e-9d3c-2b1a0f9e8d7c';

describe('Secrets Manager secrets', () => {
  let emu: RunningEmulator;
  let sm: S.SecretsManagerClient;
  let clock = Date.parse('2026-06-15T12:30:00Z');
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    sm = new S.SecretsManagerClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
  });
  afterAll(async () => emu.stop());

  it('creates a secret with an ARN carrying AWS\'s six random characters, and reads it back by name, ARN and partial ARN', async () => {
    const created = await sm.send(new S.CreateSecretCommand({ Name: 'prod/feature-store/db', SecretString: '{"user":"ml","password":"p@ss"}', Description: 'feature store credentials' }));
    expect(created.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/feature-store/db-[A-Za-z0-9]{6}$`));
    expect(created.Name).toBe('prod/feature-store/db');
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    for (const id of ['prod/feature-store/db', created.ARN!, `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/feature-store/db`]) {
      const value = await sm.send(new S.GetSecretValueCommand({ SecretId: id }));
      expect(value).toMatchObject({ ARN: created.ARN, Name: 'prod/feature-store/db', VersionId: created.VersionId, SecretString: '{"user":"ml","password":"p@ss"}', VersionStages: ['AWSCURRENT'] });
      expect(value.CreatedDate?.toISOString()).toBe('2026-06-15T12:30:00.000Z');
      expect(value.SecretBinary).toBeUndefined();
    }
  });

  it('describes a fresh secret with exactly the fields AWS returns', async () => {
    const { ARN, VersionId } = await sm.send(new S.CreateSecretCommand({ Name: 'describe-me', SecretString: 's' }));
    const { $metadata, ...described } = await sm.send(new S.DescribeSecretCommand({ SecretId: 'describe-me' }));
    expect($metadata.httpStatusCode).toBe(200);
    expect(described).toEqual({
      ARN,
      Name: 'describe-me',
      CreatedDate: new Date(clock),
      LastChangedDate: new Date(clock),
      VersionIdsToStages: { [VersionId!]: ['AWSCURRENT'] },
    });
    await sm.send(new S.GetSecretValueCommand({ SecretId: 'describe-me' }));
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'describe-me' }))).LastAccessedDate?.toISOString()).toBe('2026-06-15T00:00:00.000Z');
  });

  it('stores binary secrets and secrets without a value', async () => {
    await sm.send(new S.CreateSecretCommand({ Name: 'model-signing-key', SecretBinary: Buffer.from([0, 1, 2, 250]) }));
    const value = await sm.send(new S.GetSecretValueCommand({ SecretId: 'model-signing-key' }));
    expect(Buffer.from(value.SecretBinary!)).toEqual(Buffer.from([0, 1, 2, 250]));
    expect(value.SecretString).toBeUndefined();
    const empty = await sm.send(new S.CreateSecretCommand({ Name: 'placeholder' }));
    expect(empty.VersionId).toBeUndefined();
    const missing = await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'placeholder' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'placeholder' }))).VersionIdsToStages).toBeUndefined();
    const both = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'both', SecretString: 'a', SecretBinary: Buffer.from('b') })));
    expect(both.name).toBe('InvalidParameterException');
    expect(both.message).toBe("You can't specify both a binary secret value and a string secret value in the same secret.");
  });

  it('answers AWS\'s errors for names, duplicates, unknown secrets and oversized values', async () => {
    const badName = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'has space', SecretString: 'x' })));
    expect(badName.name).toBe('ValidationException');
    expect(badName.message).toBe('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
    await sm.send(new S.CreateSecretCommand({ Name: 'dup', SecretString: 'x' }));
    const dup = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'dup', SecretString: 'y' })));
    expect(dup.name).toBe('ResourceExistsException');
    expect(dup.message).toBe('The operation failed because the secret dup already exists.');
    expect(dup.$metadata.httpStatusCode).toBe(400);
    const unknown = await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'nope' })));
    expect(unknown.name).toBe('ResourceNotFoundException');
    expect(unknown.message).toBe("Secrets Manager can't find the specified secret.");
    expect(unknown.$metadata.httpStatusCode).toBe(400);
    expect((await awsError(() => sm.send(new S.DescribeSecretCommand({ SecretId: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:dup-zzzzzz` })))).name).toBe('ResourceNotFoundException');
    const huge = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'huge', SecretString: 'x'.repeat(65_537) })));
    expect(huge.message).toBe("1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536");
    const token = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'short-token', SecretString: 'x', ClientRequestToken: 'short' })));
    expect(token.name).toBe('InvalidParameterException');
  });

  it('makes CreateSecret idempotent with ClientRequestToken', async () => {
    const first = await sm.send(new S.CreateSecretCommand({ Name: 'idempotent', SecretString: 'v1', ClientRequestToken: TOKEN }));
    const retry = await sm.send(new S.CreateSecretCommand({ Name: 'idempotent', SecretString: 'v1', ClientRequestToken: TOKEN }));
    expect(retry).toMatchObject({ ARN: first.ARN, VersionId: TOKEN });
    const changed = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'idempotent', SecretString: 'v2', ClientRequestToken: TOKEN })));
    expect(changed.name).toBe('ResourceExistsException');
    expect(changed.message).toBe(`You can't use ClientRequestToken ${TOKEN} because that value is already in use for a version of secret ${first.ARN}.`);
  });

  it('updates description, value and key; UpdateSecret with a value creates a new AWSCURRENT version', async () => {
    const { VersionId: v1 } = await sm.send(new S.CreateSecretCommand({ Name: 'update-me', SecretString: 'one' }));
    const noValue = await sm.send(new S.UpdateSecretCommand({ SecretId: 'update-me', Description: 'now described' }));
    expect(noValue.VersionId).toBeUndefined();
    const withValue = await sm.send(new S.UpdateSecretCommand({ SecretId: 'update-me', SecretString: 'two' }));
    expect(withValue.VersionId).toBeDefined();
    const described = await sm.send(new S.DescribeSecretCommand({ SecretId: 'update-me' }));
    expect(described.Description).toBe('now described');
    expect(described.VersionIdsToStages).toEqual({ [v1!]: ['AWSPREVIOUS'], [withValue.VersionId!]: ['AWSCURRENT'] });
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'update-me', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('one');
  });

  it('schedules deletion (7–30 days or forced), refuses access meanwhile, restores, and deletes when the window ends', async () => {
    const { ARN } = await sm.send(new S.CreateSecretCommand({ Name: 'to-delete', SecretString: 'x' }));
    for (const days of [6, 31]) {
      const error = await awsError(() => sm.send(new S.DeleteSecretCommand({ SecretId: 'to-delete', RecoveryWindowInDays: days })));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toBe('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    expect((await awsError(() => sm.send(new S.DeleteSecretCommand({ SecretId: 'to-delete', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })))).message).toBe("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    const deleted = await sm.send(new S.DeleteSecretCommand({ SecretId: 'to-delete' }));
    expect(deleted).toMatchObject({ ARN, Name: 'to-delete' });
    expect(deleted.DeletionDate?.getTime()).toBe(clock + 30 * DAY);
    const get = await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'to-delete' })));
    expect(get.name).toBe('InvalidRequestException');
    expect(get.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");
    expect((await awsError(() => sm.send(new S.PutSecretValueCommand({ SecretId: 'to-delete', SecretString: 'y' })))).name).toBe('InvalidRequestException');
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'to-delete' }))).DeletedDate?.getTime()).toBe(clock + 30 * DAY);
    expect((await awsError(() => sm.send(new S.DeleteSecretCommand({ SecretId: 'to-delete' })))).message).toBe("You tried to perform the operation on a secret that's currently marked deleted.");
    const recreate = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'to-delete', SecretString: 'x' })));
    expect(recreate.name).toBe('InvalidRequestException');
    expect(recreate.message).toBe("You can't create this secret because a secret with this name is already scheduled for deletion.");
    expect((await sm.send(new S.ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['to-delete'] }] }))).SecretList).toEqual([]);
    expect((await sm.send(new S.ListSecretsCommand({ IncludePlannedDeletion: true, Filters: [{ Key: 'name', Values: ['to-delete'] }] }))).SecretList).toHaveLength(1);

    expect(await sm.send(new S.RestoreSecretCommand({ SecretId: 'to-delete' }))).toMatchObject({ ARN, Name: 'to-delete' });
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'to-delete' }))).SecretString).toBe('x');

    await sm.send(new S.DeleteSecretCommand({ SecretId: 'to-delete', RecoveryWindowInDays: 7 }));
    const saved = clock;
    clock += 7 * DAY + 1;
    try {
      expect((await awsError(() => sm.send(new S.DescribeSecretCommand({ SecretId: 'to-delete' })))).name).toBe('ResourceNotFoundException');
      const again = await sm.send(new S.CreateSecretCommand({ Name: 'to-delete', SecretString: 'new life' }));
      expect(again.ARN).not.toBe(ARN);
    } finally {
      clock = saved;
    }
    const forced = await sm.send(new S.DeleteSecretCommand({ SecretId: 'to-delete', ForceDeleteWithoutRecovery: true }));
    expect(forced.DeletionDate?.getTime()).toBe(clock);
    expect((await awsError(() => sm.send(new S.DescribeSecretCommand({ SecretId: 'to-delete' })))).name).toBe('ResourceNotFoundException');
  });

  it('lists secrets with filters (prefix, negation, all), sorting and pagination', async () => {
    const other = new S.SecretsManagerClient(clientConfig(emu.url, { accessKeyId: '246813579024', secretAccessKey: 'x' }));
    await other.send(new S.CreateSecretCommand({ Name: 'ml/train/db', Description: 'Training database', Tags: [{ Key: 'team', Value: 'ml-platform' }] }));
    clock += 1000;
    await other.send(new S.CreateSecretCommand({ Name: 'ml/serve/api-key', Description: 'Inference API key', Tags: [{ Key: 'team', Value: 'serving' }] }));
    clock += 1000;
    await other.send(new S.CreateSecretCommand({ Name: 'finance/ledger', Tags: [{ Key: 'owner', Value: 'finance' }] }));
    const names = async (input: S.ListSecretsRequest) => (await other.send(new S.ListSecretsCommand(input))).SecretList!.map((s) => s.Name);
    expect(await names({})).toEqual(['ml/train/db', 'ml/serve/api-key', 'finance/ledger']);
    expect(await names({ SortOrder: 'desc' })).toEqual(['finance/ledger', 'ml/serve/api-key', 'ml/train/db']);
    expect(await names({ SortBy: 'name' })).toEqual(['finance/ledger', 'ml/serve/api-key', 'ml/train/db']);
    expect(await names({ Filters: [{ Key: 'name', Values: ['ml/'] }] })).toEqual(['ml/train/db', 'ml/serve/api-key']);
    expect(await names({ Filters: [{ Key: 'name', Values: ['ML/'] }] })).toEqual([]);
    expect(await names({ Filters: [{ Key: 'description', Values: ['training'] }] })).toEqual(['ml/train/db']);
    expect(await names({ Filters: [{ Key: 'tag-key', Values: ['team'] }, { Key: 'tag-value', Values: ['!serv'] }] })).toEqual(['ml/train/db']);
    expect(await names({ Filters: [{ Key: 'all', Values: ['finance'] }] })).toEqual(['finance/ledger']);
    expect(await names({ Filters: [{ Key: 'name', Values: ['finance', 'ml/serve'] }] })).toEqual(['ml/serve/api-key', 'finance/ledger']);
    const page1 = await other.send(new S.ListSecretsCommand({ MaxResults: 2 }));
    expect(page1.SecretList?.map((s) => s.Name)).toEqual(['ml/train/db', 'ml/serve/api-key']);
    expect(page1.SecretList?.[0]?.Tags).toEqual([{ Key: 'team', Value: 'ml-platform' }]);
    const page2 = await other.send(new S.ListSecretsCommand({ MaxResults: 2, NextToken: page1.NextToken }));
    expect(page2.SecretList?.map((s) => s.Name)).toEqual(['finance/ledger']);
    expect(page2.NextToken).toBeUndefined();
    expect((await awsError(() => other.send(new S.ListSecretsCommand({ NextToken: 'bogus' })))).name).toBe('InvalidNextTokenException');
    const badKey = await awsError(() => other.send(new S.ListSecretsCommand({ Filters: [{ Key: 'colour' as S.FilterNameStringType, Values: ['x'] }] })));
    expect(badKey.name).toBe('ValidationException');
    expect(badKey.message).toContain("at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set");
  });

  it('tags secrets', async () => {
    await sm.send(new S.CreateSecretCommand({ Name: 'tagged', SecretString: 'x', Tags: [{ Key: 'Project', Value: 'fraud' }] }));
    await sm.send(new S.TagResourceCommand({ SecretId: 'tagged', Tags: [{ Key: 'CostCenter', Value: '7' }, { Key: 'Project', Value: 'churn' }] }));
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'tagged' }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }, { Key: 'CostCenter', Value: '7' }]);
    await sm.send(new S.UntagResourceCommand({ SecretId: 'tagged', TagKeys: ['Project'] }));
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'tagged' }))).Tags).toEqual([{ Key: 'CostCenter', Value: '7' }]);
    const long = await awsError(() => sm.send(new S.TagResourceCommand({ SecretId: 'tagged', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] })));
    expect(long.name).toBe('ValidationException');
    expect((await awsError(() => sm.send(new S.TagResourceCommand({ SecretId: 'tagged', Tags: [{ Key: 'aws:reserved', Value: 'v' }] })))).name).toBe('InvalidParameterException');
    expect((await awsError(() => sm.send(new S.TagResourceCommand({ SecretId: 'tagged', Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })))).name).toBe('ValidationException');
  });

  it('generates random passwords with the requested character classes', async () => {
    const { RandomPassword } = await sm.send(new S.GetRandomPasswordCommand({}));
    expect(RandomPassword).toHaveLength(32);
    expect(RandomPassword).toMatch(/[a-z]/);
    expect(RandomPassword).toMatch(/[A-Z]/);
    expect(RandomPassword).toMatch(/[0-9]/);
    const digits = await sm.send(new S.GetRandomPasswordCommand({ PasswordLength: 12, ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true, ExcludeCharacters: '01' }));
    expect(digits.RandomPassword).toMatch(/^[2-9]{12}$/);
    expect((await awsError(() => sm.send(new S.GetRandomPasswordCommand({ PasswordLength: 3 })))).message).toBe('Password length is too short based on the required types.');
    expect((await awsError(() => sm.send(new S.GetRandomPasswordCommand({ PasswordLength: 4097 })))).name).toBe('ValidationException');
  });
});
