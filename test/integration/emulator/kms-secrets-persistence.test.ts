/** KMS keys (with their key material) and secrets survive an emulator restart on the same data directory. */
import * as K from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-secrets-manager';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '112233445566';
const creds = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };

describe('KMS and Secrets Manager persistence', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-kms-secrets-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('decrypts old ciphertexts and reads secrets after a restart', async () => {
    const first = await emulator({ dataDir });
    const kms = new K.KMSClient(clientConfig(first.url, creds));
    const sm = new S.SecretsManagerClient(clientConfig(first.url, creds));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] });
    const key = (await kms.send(new K.CreateKeyCommand({ Description: 'persisted', Policy: policy, Tags: [{ TagKey: 'lab', TagValue: 'kms-key-hygiene' }] }))).KeyMetadata!;
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/persisted', TargetKeyId: key.KeyId }));
    await kms.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }));
    const before = await kms.send(new K.EncryptCommand({ KeyId: 'alias/persisted', Plaintext: Buffer.from('survives restarts'), EncryptionContext: { run: '1' } }));
    await kms.send(new K.RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const after = await kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('after rotation') }));
    const secret = await sm.send(new S.CreateSecretCommand({ Name: 'db/creds', SecretString: 'plaintext-that-must-not-be-on-disk', KmsKeyId: 'alias/persisted', Tags: [{ Key: 'lab', Value: 'secrets-out-of-code' }] }));
    await sm.send(new S.PutSecretValueCommand({ SecretId: 'db/creds', SecretString: 'second-plaintext-value' }));
    await sm.send(new S.PutResourcePolicyCommand({ SecretId: 'db/creds', ResourcePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"secretsmanager:DeleteSecret","Resource":"*"}]}' }));
    await sm.send(new S.CreateSecretCommand({ Name: 'default-keyed', SecretString: 'under aws/secretsmanager' }));
    await first.stop();

    const files = readdirSync(join(dataDir, 'accounts'));
    expect(files).toContain(`${ACCOUNT}.json`);
    const onDisk = readFileSync(join(dataDir, 'accounts', `${ACCOUNT}.json`), 'utf8');
    expect(onDisk).not.toContain('plaintext-that-must-not-be-on-disk');
    expect(onDisk).not.toContain('second-plaintext-value');

    const second = await emulator({ dataDir });
    try {
      const kms2 = new K.KMSClient(clientConfig(second.url, creds));
      const sm2 = new S.SecretsManagerClient(clientConfig(second.url, creds));
      const described = (await kms2.send(new K.DescribeKeyCommand({ KeyId: 'alias/persisted' }))).KeyMetadata!;
      expect(described).toMatchObject({ KeyId: key.KeyId, Description: 'persisted', KeyState: 'Enabled' });
      expect(described.CreationDate?.getTime()).toBe(key.CreationDate?.getTime());
      expect((await kms2.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(policy);
      expect((await kms2.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([{ TagKey: 'lab', TagValue: 'kms-key-hygiene' }]);
      expect(await kms2.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180 });
      expect((await kms2.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations).toHaveLength(1);
      const old = await kms2.send(new K.DecryptCommand({ CiphertextBlob: before.CiphertextBlob, EncryptionContext: { run: '1' } }));
      expect(Buffer.from(old.Plaintext!).toString()).toBe('survives restarts');
      expect(Buffer.from((await kms2.send(new K.DecryptCommand({ CiphertextBlob: after.CiphertextBlob }))).Plaintext!).toString()).toBe('after rotation');

      const value = await sm2.send(new S.GetSecretValueCommand({ SecretId: secret.ARN }));
      expect(value.SecretString).toBe('second-plaintext-value');
      expect((await sm2.send(new S.GetSecretValueCommand({ SecretId: 'db/creds', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('plaintext-that-must-not-be-on-disk');
      const info = await sm2.send(new S.DescribeSecretCommand({ SecretId: 'db/creds' }));
      expect(info.Tags).toEqual([{ Key: 'lab', Value: 'secrets-out-of-code' }]);
      expect(info.KmsKeyId).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/persisted`);
      expect((await sm2.send(new S.GetResourcePolicyCommand({ SecretId: 'db/creds' }))).ResourcePolicy).toContain('secretsmanager:DeleteSecret');
      expect((await sm2.send(new S.GetSecretValueCommand({ SecretId: 'default-keyed' }))).SecretString).toBe('under aws/secretsmanager');
    } finally {
      await second.stop();
    }
  });

  it('keeps what a read-only call changed: lazily deleted keys and secrets, AWS managed keys, LastAccessedDate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-kms-secrets-reads-'));
    const DAY = 86_400_000;
    let clock = Date.parse('2026-03-01T12:00:00Z');
    try {
      const first = await emulator({ dataDir: dir, now: () => clock });
      const kms = new K.KMSClient(clientConfig(first.url, creds));
      const sm = new S.SecretsManagerClient(clientConfig(first.url, creds));
      const doomed = (await kms.send(new K.CreateKeyCommand({ Description: 'doomed' }))).KeyMetadata!;
      await kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
      await sm.send(new S.CreateSecretCommand({ Name: 'doomed-secret', SecretString: 'x' }));
      await sm.send(new S.DeleteSecretCommand({ SecretId: 'doomed-secret', RecoveryWindowInDays: 7 }));
      await sm.send(new S.CreateSecretCommand({ Name: 'read-me', SecretString: 'y' }));
      await first.flush();
      // Only reads from here on: each one changes state that must survive a restart.
      clock += 8 * DAY;
      expect((await awsError(() => kms.send(new K.DescribeKeyCommand({ KeyId: doomed.KeyId })))).name).toBe('NotFoundException');
      expect((await sm.send(new S.ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList!.map((x) => x.Name)).toEqual(['read-me']);
      await sm.send(new S.GetSecretValueCommand({ SecretId: 'read-me' }));
      const managed = (await kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }))).KeyMetadata!;
      await first.stop();

      // Back to the time before the deletion dates: had the reads not been saved, the key and the secret would be back.
      clock -= 8 * DAY;
      const second = await emulator({ dataDir: dir, now: () => clock });
      try {
        const kms2 = new K.KMSClient(clientConfig(second.url, creds));
        const sm2 = new S.SecretsManagerClient(clientConfig(second.url, creds));
        const keys = (await kms2.send(new K.ListKeysCommand({}))).Keys!.map((k) => k.KeyId);
        expect(keys).not.toContain(doomed.KeyId);
        expect(keys).toContain(managed.KeyId);
        expect((await sm2.send(new S.ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList!.map((x) => x.Name)).toEqual(['read-me']);
        expect((await sm2.send(new S.DescribeSecretCommand({ SecretId: 'read-me' }))).LastAccessedDate).toEqual(new Date('2026-03-09T00:00:00Z'));
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
