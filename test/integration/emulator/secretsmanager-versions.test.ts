/** Secrets Manager versions and staging labels, rotation, resource policies, KMS keys and cross-account access. */
import * as K from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '314159265358';
const PARTNER = '271828182845';
const DAY = 86_400_000;
const LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate-db-password`;
const token = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('Secrets Manager versions, rotation and policies', () => {
  let emu: RunningEmulator;
  let sm: S.SecretsManagerClient;
  let kms: K.KMSClient;
  let clock = Date.parse('2026-07-01T09:00:00Z');
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    const creds = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
    sm = new S.SecretsManagerClient(clientConfig(emu.url, creds));
    kms = new K.KMSClient(clientConfig(emu.url, creds));
  });
  afterAll(async () => emu.stop());

  const stages = async (id: string) => (await sm.send(new S.DescribeSecretCommand({ SecretId: id }))).VersionIdsToStages;

  it('moves AWSCURRENT and AWSPREVIOUS as PutSecretValue adds versions, and keeps deprecated versions listable', async () => {
    await sm.send(new S.CreateSecretCommand({ Name: 'staged', SecretString: 'v1', ClientRequestToken: token(1) }));
    const put = await sm.send(new S.PutSecretValueCommand({ SecretId: 'staged', SecretString: 'v2', ClientRequestToken: token(2) }));
    expect(put).toMatchObject({ Name: 'staged', VersionId: token(2), VersionStages: ['AWSCURRENT'] });
    await sm.send(new S.PutSecretValueCommand({ SecretId: 'staged', SecretString: 'v3', ClientRequestToken: token(3) }));
    expect(await stages('staged')).toEqual({ [token(2)]: ['AWSPREVIOUS'], [token(3)]: ['AWSCURRENT'] });
    const pending = await sm.send(new S.PutSecretValueCommand({ SecretId: 'staged', SecretString: 'v4', ClientRequestToken: token(4), VersionStages: ['AWSPENDING', 'blue'] }));
    expect(pending.VersionStages).toEqual(['AWSPENDING', 'blue']);
    expect(await stages('staged')).toEqual({ [token(2)]: ['AWSPREVIOUS'], [token(3)]: ['AWSCURRENT'], [token(4)]: ['AWSPENDING', 'blue'] });
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'staged', VersionStage: 'blue' }))).SecretString).toBe('v4');
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'staged', VersionId: token(1) }))).SecretString).toBe('v1');

    const listed = await sm.send(new S.ListSecretVersionIdsCommand({ SecretId: 'staged' }));
    expect(listed.Versions?.map((v) => v.VersionId)).toEqual([token(4), token(3), token(2)]);
    expect(listed.Versions?.[0]?.KmsKeyIds).toEqual(['DefaultEncryptionKey']);
    const all = await sm.send(new S.ListSecretVersionIdsCommand({ SecretId: 'staged', IncludeDeprecated: true }));
    expect(all.Versions?.map((v) => v.VersionId)).toEqual([token(4), token(3), token(2), token(1)]);
    expect(all.Versions?.[3]?.VersionStages).toBeUndefined();
    const paged = await sm.send(new S.ListSecretVersionIdsCommand({ SecretId: 'staged', MaxResults: 2 }));
    expect(paged.Versions).toHaveLength(2);
    expect((await sm.send(new S.ListSecretVersionIdsCommand({ SecretId: 'staged', NextToken: paged.NextToken }))).Versions?.map((v) => v.VersionId)).toEqual([token(2)]);

    const mismatch = await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'staged', VersionId: token(3), VersionStage: 'AWSPREVIOUS' })));
    expect(mismatch.name).toBe('InvalidRequestException');
    expect(mismatch.message).toBe('You provided a VersionStage that is not associated to the provided VersionId.');
    expect((await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'staged', VersionId: token(9) })))).message).toBe(`Secrets Manager can't find the specified secret value for VersionId: ${token(9)}`);
    expect((await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'staged', VersionStage: 'green' })))).message).toBe("Secrets Manager can't find the specified secret value for staging label: green");
    expect((await awsError(() => sm.send(new S.PutSecretValueCommand({ SecretId: 'staged' })))).message).toBe('You must provide either SecretString or SecretBinary.');
  });

  it('makes PutSecretValue idempotent per ClientRequestToken', async () => {
    await sm.send(new S.CreateSecretCommand({ Name: 'retry', SecretString: 'a' }));
    await sm.send(new S.PutSecretValueCommand({ SecretId: 'retry', SecretString: 'b', ClientRequestToken: token(20) }));
    const again = await sm.send(new S.PutSecretValueCommand({ SecretId: 'retry', SecretString: 'b', ClientRequestToken: token(20) }));
    expect(again.VersionId).toBe(token(20));
    expect(Object.keys((await stages('retry'))!)).toHaveLength(2);
    expect((await awsError(() => sm.send(new S.PutSecretValueCommand({ SecretId: 'retry', SecretString: 'c', ClientRequestToken: token(20) })))).name).toBe('ResourceExistsException');
  });

  it('moves labels with UpdateSecretVersionStage as AWS does', async () => {
    await sm.send(new S.CreateSecretCommand({ Name: 'labels', SecretString: 'one', ClientRequestToken: token(31) }));
    await sm.send(new S.PutSecretValueCommand({ SecretId: 'labels', SecretString: 'two', ClientRequestToken: token(32) }));
    const needsFrom = await awsError(() => sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'labels', VersionStage: 'AWSCURRENT', MoveToVersionId: token(31) })));
    expect(needsFrom.name).toBe('InvalidParameterException');
    expect(needsFrom.message).toBe(`The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${token(32)}, so you must explicitly reference that version in RemoveFromVersionId.`);
    // Roll back: AWSCURRENT returns to the first version, AWSPREVIOUS follows to the version it left.
    await sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'labels', VersionStage: 'AWSCURRENT', MoveToVersionId: token(31), RemoveFromVersionId: token(32) }));
    expect(await stages('labels')).toEqual({ [token(31)]: ['AWSCURRENT'], [token(32)]: ['AWSPREVIOUS'] });
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'labels' }))).SecretString).toBe('one');
    await sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'labels', VersionStage: 'canary', MoveToVersionId: token(32) }));
    await sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'labels', VersionStage: 'canary', RemoveFromVersionId: token(32) }));
    expect(await stages('labels')).toEqual({ [token(31)]: ['AWSCURRENT'], [token(32)]: ['AWSPREVIOUS'] });
    expect((await awsError(() => sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'labels', VersionStage: 'AWSCURRENT', RemoveFromVersionId: token(32), MoveToVersionId: token(31) })))).name).toBe('InvalidParameterException');
    expect((await awsError(() => sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'labels', VersionStage: 'x', MoveToVersionId: token(39) })))).message).toBe(`Not a valid version: ${token(39)}`);
  });

  it('records rotation configuration and simulates the rotation (new AWSCURRENT, same value)', async () => {
    const { VersionId: first } = await sm.send(new S.CreateSecretCommand({ Name: 'rotated', SecretString: 'pw' }));
    const before = await sm.send(new S.DescribeSecretCommand({ SecretId: 'rotated' }));
    expect(before.RotationEnabled).toBeUndefined();
    expect((await awsError(() => sm.send(new S.RotateSecretCommand({ SecretId: 'rotated' })))).message).toBe('No Lambda rotation function ARN is associated with this secret.');
    expect((await awsError(() => sm.send(new S.RotateSecretCommand({ SecretId: 'rotated', RotationLambdaARN: 'rotate-me' })))).name).toBe('InvalidParameterException');
    expect((await awsError(() => sm.send(new S.RotateSecretCommand({ SecretId: 'rotated', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 1001 } })))).message).toBe('RotationRules.AutomaticallyAfterDays must be within 1-1000.');

    const rotated = await sm.send(new S.RotateSecretCommand({ SecretId: 'rotated', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: token(40) }));
    expect(rotated).toMatchObject({ Name: 'rotated', VersionId: token(40) });
    const after = await sm.send(new S.DescribeSecretCommand({ SecretId: 'rotated' }));
    expect(after).toMatchObject({ RotationEnabled: true, RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect(after.LastRotatedDate?.getTime()).toBe(clock);
    expect(after.NextRotationDate?.toISOString()).toBe('2026-07-31T23:59:59.000Z');
    expect(after.VersionIdsToStages).toEqual({ [first!]: ['AWSPREVIOUS'], [token(40)]: ['AWSCURRENT'] });
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'rotated' }))).SecretString).toBe('pw');

    // The schedule runs when the clock passes NextRotationDate.
    const saved = clock;
    clock = Date.parse('2026-08-01T01:00:00Z');
    try {
      const later = await sm.send(new S.DescribeSecretCommand({ SecretId: 'rotated' }));
      expect(later.LastRotatedDate?.toISOString()).toBe('2026-07-31T23:59:59.000Z');
      expect(later.NextRotationDate?.toISOString()).toBe('2026-08-30T23:59:59.000Z');
      expect(Object.values(later.VersionIdsToStages!).flat().sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
      expect(later.VersionIdsToStages![token(40)]).toEqual(['AWSPREVIOUS']);
    } finally {
      clock = saved;
    }

    await sm.send(new S.RotateSecretCommand({ SecretId: 'rotated', RotationRules: { ScheduleExpression: 'rate(10 days)', Duration: '3h' }, RotateImmediately: false }));
    const scheduled = await sm.send(new S.DescribeSecretCommand({ SecretId: 'rotated' }));
    expect(scheduled.RotationRules).toEqual({ ScheduleExpression: 'rate(10 days)', Duration: '3h' });
    expect(scheduled.RotationLambdaARN).toBe(LAMBDA);
    expect((await awsError(() => sm.send(new S.RotateSecretCommand({ SecretId: 'rotated', RotationRules: { ScheduleExpression: 'every tuesday' } })))).name).toBe('InvalidParameterException');
    expect((await awsError(() => sm.send(new S.RotateSecretCommand({ SecretId: 'rotated', RotationRules: { AutomaticallyAfterDays: 5, ScheduleExpression: 'rate(5 days)' } })))).name).toBe('InvalidParameterException');

    expect(await sm.send(new S.CancelRotateSecretCommand({ SecretId: 'rotated' }))).toMatchObject({ Name: 'rotated' });
    const cancelled = await sm.send(new S.DescribeSecretCommand({ SecretId: 'rotated' }));
    expect(cancelled.RotationEnabled).toBe(false);
    expect(cancelled.NextRotationDate).toBeUndefined();
    await sm.send(new S.CreateSecretCommand({ Name: 'never-rotated', SecretString: 'x' }));
    expect((await awsError(() => sm.send(new S.CancelRotateSecretCommand({ SecretId: 'never-rotated' })))).name).toBe('InvalidRequestException');
  });

  it('refuses a rotation while a previous one is incomplete (AWSPENDING on another version)', async () => {
    await sm.send(new S.CreateSecretCommand({ Name: 'half-rotated', SecretString: 'a' }));
    await sm.send(new S.PutSecretValueCommand({ SecretId: 'half-rotated', SecretString: 'b', VersionStages: ['AWSPENDING'] }));
    const error = await awsError(() => sm.send(new S.RotateSecretCommand({ SecretId: 'half-rotated', RotationLambdaARN: LAMBDA })));
    expect(error.name).toBe('InvalidRequestException');
    expect(error.message).toBe("A previous rotation isn't complete. That rotation will be reattempted.");
  });

  it('stores, returns, blocks public and validates resource policies', async () => {
    const { ARN } = await sm.send(new S.CreateSecretCommand({ Name: 'shared', SecretString: 's' }));
    expect((await sm.send(new S.GetResourcePolicyCommand({ SecretId: 'shared' })))).toMatchObject({ ARN, Name: 'shared' });
    expect((await sm.send(new S.GetResourcePolicyCommand({ SecretId: 'shared' }))).ResourcePolicy).toBeUndefined();
    const partnerOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${PARTNER}:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`;
    expect(await sm.send(new S.PutResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: partnerOnly, BlockPublicPolicy: true }))).toMatchObject({ ARN, Name: 'shared' });
    expect((await sm.send(new S.GetResourcePolicyCommand({ SecretId: 'shared' }))).ResourcePolicy).toBe(partnerOnly);
    const publicPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const blocked = await awsError(() => sm.send(new S.PutResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: publicPolicy, BlockPublicPolicy: true })));
    expect(blocked.name).toBe('PublicPolicyException');
    expect(blocked.message).toBe('The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.');
    const pinned = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': PARTNER } } }] });
    await sm.send(new S.PutResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: pinned, BlockPublicPolicy: true }));
    const malformed = await awsError(() => sm.send(new S.PutResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: '{"Statement": [' })));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    expect(malformed.message).toMatch(/^This policy has invalid syntax\./);

    const verdict = await sm.send(new S.ValidateResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: publicPolicy }));
    expect(verdict.PolicyValidationPassed).toBe(false);
    expect(verdict.ValidationErrors?.map((e) => e.CheckName)).toEqual(['BROAD_ACCESS']);
    expect(await sm.send(new S.ValidateResourcePolicyCommand({ ResourcePolicy: partnerOnly }))).toMatchObject({ PolicyValidationPassed: true, ValidationErrors: [] });

    await sm.send(new S.PutResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: partnerOnly }));
    expect(await sm.send(new S.DeleteResourcePolicyCommand({ SecretId: 'shared' }))).toMatchObject({ ARN, Name: 'shared' });
    expect((await sm.send(new S.GetResourcePolicyCommand({ SecretId: 'shared' }))).ResourcePolicy).toBeUndefined();
  });

  it('encrypts values under the secret\'s KMS key: a disabled key blocks reads and writes, a re-enabled one restores them', async () => {
    const key = (await kms.send(new K.CreateKeyCommand({ Description: 'secrets key' }))).KeyMetadata!;
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/secrets', TargetKeyId: key.KeyId }));
    await sm.send(new S.CreateSecretCommand({ Name: 'cmk-protected', SecretString: 'guarded', KmsKeyId: 'alias/secrets' }));
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'cmk-protected' }))).KmsKeyId).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/secrets`);
    expect((await sm.send(new S.ListSecretVersionIdsCommand({ SecretId: 'cmk-protected' }))).Versions?.[0]?.KmsKeyIds).toEqual([key.Arn]);
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    const read = await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'cmk-protected' })));
    expect(read.name).toBe('DecryptionFailure');
    expect(read.message).toMatch(/^Secrets Manager can't decrypt the protected secret text using the provided KMS key\./);
    expect(read.message).toContain(`${key.Arn} is disabled.`);
    const write = await awsError(() => sm.send(new S.PutSecretValueCommand({ SecretId: 'cmk-protected', SecretString: 'new' })));
    expect(write.name).toBe('EncryptionFailure');
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'cmk-protected' }))).SecretString).toBe('guarded');

    // Moving a secret to another key re-encrypts its labelled versions under that key.
    await sm.send(new S.UpdateSecretCommand({ SecretId: 'cmk-protected', KmsKeyId: 'alias/aws/secretsmanager' }));
    expect((await sm.send(new S.DescribeSecretCommand({ SecretId: 'cmk-protected' }))).KmsKeyId).toBeUndefined();
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    expect((await sm.send(new S.GetSecretValueCommand({ SecretId: 'cmk-protected' }))).SecretString).toBe('guarded');
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));

    const ghost = await awsError(() => sm.send(new S.CreateSecretCommand({ Name: 'ghost-key', SecretString: 'x', KmsKeyId: '0b1a9b7c-0000-4000-8000-000000000000' })));
    expect(ghost.name).toBe('EncryptionFailure');
    expect((await awsError(() => sm.send(new S.DescribeSecretCommand({ SecretId: 'ghost-key' })))).name).toBe('ResourceNotFoundException');
    // The default key exists once Secrets Manager has used it, as on AWS.
    expect((await kms.send(new K.ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === 'alias/aws/secretsmanager')?.TargetKeyId).toBeDefined();
  });

  it('lets another account read a secret by ARN only with a resource policy and a customer managed key', async () => {
    const partner = new S.SecretsManagerClient(clientConfig(emu.url, { accessKeyId: PARTNER, secretAccessKey: 'x' }));
    const key = (await kms.send(new K.CreateKeyCommand({
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'kms:Decrypt', Resource: '*' },
      ] }),
    }))).KeyMetadata!;
    const { ARN } = await sm.send(new S.CreateSecretCommand({ Name: 'cross-account', SecretString: 'for partners', KmsKeyId: key.Arn }));
    const noPolicy = await awsError(() => partner.send(new S.GetSecretValueCommand({ SecretId: ARN })));
    expect(noPolicy.name).toBe('AccessDeniedException');
    expect(noPolicy.message).toBe(`User: arn:aws:iam::${PARTNER}:root is not authorized to perform: secretsmanager:GetSecretValue on resource: ${ARN} because no resource-based policy allows the secretsmanager:GetSecretValue action`);
    await sm.send(new S.PutResourcePolicyCommand({ SecretId: 'cross-account', ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) }));
    expect((await partner.send(new S.GetSecretValueCommand({ SecretId: ARN }))).SecretString).toBe('for partners');
    expect((await awsError(() => partner.send(new S.GetSecretValueCommand({ SecretId: 'cross-account' })))).name).toBe('ResourceNotFoundException');

    const { ARN: defaultKeyed } = await sm.send(new S.CreateSecretCommand({ Name: 'default-keyed', SecretString: 'x' }));
    await sm.send(new S.PutResourcePolicyCommand({ SecretId: 'default-keyed', ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: PARTNER }, Action: 'secretsmanager:*', Resource: '*' }] }) }));
    const defaultKey = await awsError(() => partner.send(new S.GetSecretValueCommand({ SecretId: defaultKeyed })));
    expect(defaultKey.name).toBe('InvalidRequestException');
    expect(defaultKey.message).toBe("You can't access a secret from a different AWS account if you encrypt the secret with the default KMS service key.");
  });

  it('deletes the secret\'s data with the key: after the key is gone, values are unreadable', async () => {
    const key = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!;
    await sm.send(new S.CreateSecretCommand({ Name: 'orphaned', SecretString: 'lost', KmsKeyId: key.KeyId }));
    await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect((await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'orphaned' })))).message).toContain('is pending deletion.');
    const saved = clock;
    clock += 8 * DAY;
    try {
      expect((await awsError(() => sm.send(new S.GetSecretValueCommand({ SecretId: 'orphaned' })))).name).toBe('DecryptionFailure');
    } finally {
      clock = saved;
    }
  });
});
