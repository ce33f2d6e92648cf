/**
 * Differential test: the same KMS and Secrets Manager calls against the emulator and moto_server,
 * comparing response shapes (member names and types) and error codes. Where they differ, the
 * difference must be one listed below with the reason; anything else fails the test.
 */
import * as K from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { MOTO_AVAILABLE, startMoto } from '../../support/moto.ts';
import { clientConfig, emulator } from './support.ts';

/** moto's default account: ARNs compare equal when the emulator is called with this access key id. */
const MOTO_ACCOUNT = '123456789012';
if (!MOTO_AVAILABLE) console.warn('moto-differential-kms-secrets.test.ts: SKIPPED — moto_server is not installed on this machine.');

/** The structure of a value: member names and leaf types, lists by their first element. */
type Shape = string | Shape[] | { [member: string]: Shape };

function shapeOf(value: unknown): Shape {
  if (value === null || value === undefined) return 'absent';
  if (value instanceof Date) return 'timestamp';
  if (value instanceof Uint8Array) return 'blob';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value !== 'object') return typeof value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Maps keyed by ids (VersionIdsToStages …) compare by their values' shape, not by their keys.
  if (keys.length && keys.every((k) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(k))) return { '<id>': shapeOf(record[keys[0]!]) };
  const out: { [member: string]: Shape } = {};
  for (const key of keys.sort()) {
    const member = record[key];
    // An empty list and an absent member mean the same to clients.
    if (key === '$metadata' || member === undefined || (Array.isArray(member) && member.length === 0)) continue;
    out[key] = shapeOf(member);
  }
  return out;
}

/** Where moto's shape `a` and the emulator's `b` differ: a member on one side only, or another type. */
function shapeDifferences(a: Shape, b: Shape, path = ''): string[] {
  if (typeof a === 'string' || typeof b === 'string') return a === b ? [] : [`${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return [`${path}: list vs structure`];
    return a.length && b.length ? shapeDifferences(a[0]!, b[0]!, `${path}[]`) : [];
  }
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const p = path ? `${path}.${key}` : key;
    if (!(key in a)) out.push(`${p}: only emulator`);
    else if (!(key in b)) out.push(`${p}: only moto`);
    else out.push(...shapeDifferences(a[key]!, b[key]!, p));
  }
  return out;
}

const MATERIAL = 'key material ids (KMS API, 2025): AWS returns them, moto predates them';
const ALGORITHM = 'AWS returns the encryption algorithm used; moto omits it';
const METADATA = {
  'KeyMetadata.CurrentKeyMaterialId: only emulator': MATERIAL,
  'KeyMetadata.KeyUsage: only emulator': 'AWS returns KeyUsage ENCRYPT_DECRYPT for a key created without one; moto returns null',
  'KeyMetadata.MultiRegion: only emulator': 'AWS returns MultiRegion false; moto returns null',
};

/** Known differences, each with its reason: step → difference → why. Every entry must still occur. */
const EXPECTED_DIFFERENCES: Record<string, Record<string, string>> = {
  'kms CreateKey': METADATA,
  'kms DescribeKey': METADATA,
  'kms DescribeKey alias': METADATA,
  'kms DescribeKey pending deletion': METADATA,
  'kms Encrypt': { 'EncryptionAlgorithm: only emulator': ALGORITHM },
  'kms Decrypt': { 'EncryptionAlgorithm: only emulator': ALGORITHM, 'KeyMaterialId: only emulator': MATERIAL },
  'kms GenerateDataKey': { 'KeyMaterialId: only emulator': MATERIAL },
  'kms GenerateDataKeyWithoutPlaintext': { 'KeyMaterialId: only emulator': MATERIAL },
  'kms ReEncrypt': {
    'SourceEncryptionAlgorithm: only emulator': ALGORITHM,
    'DestinationEncryptionAlgorithm: only emulator': ALGORITHM,
    'SourceKeyMaterialId: only emulator': MATERIAL,
    'DestinationKeyMaterialId: only emulator': MATERIAL,
  },
  'kms GetKeyPolicy': { 'PolicyName: only emulator': 'the current API returns PolicyName; moto does not' },
  'kms GetKeyRotationStatus': {
    'KeyId: only emulator': 'the current API returns KeyId, RotationPeriodInDays and NextRotationDate; moto only KeyRotationEnabled',
    'RotationPeriodInDays: only emulator': 'as above',
    'NextRotationDate: only emulator': 'as above',
  },
  'kms ListAliases': {
    'Aliases[].CreationDate: only emulator': 'AWS returns when an alias was created and last updated; moto does not',
    'Aliases[].LastUpdatedDate: only emulator': 'as above',
  },
  'kms ScheduleKeyDeletion': {
    'KeyState: only emulator': 'AWS returns KeyState and PendingWindowInDays; moto omits them',
    'PendingWindowInDays: only emulator': 'as above',
  },
  'sm DescribeSecret': { 'LastAccessedDate: only emulator': 'AWS reports the day of the last GetSecretValue; moto does not record it' },
  'sm ListSecrets': { 'SecretList[].LastAccessedDate: only emulator': 'as for DescribeSecret' },
  'sm ListSecretVersionIds': {
    'Versions[].KmsKeyIds: only emulator': 'AWS lists each version\'s key (DefaultEncryptionKey for the default key); moto does not',
    'Versions[].LastAccessedDate: only moto': 'moto reports every version as accessed now; AWS only versions GetSecretValue read',
    'NextToken: only moto': 'moto sends an empty NextToken on the last page; AWS omits it',
  },
};

/** Steps where success or the error code differs, and why. */
const EXPECTED_ERROR_DIFFERENCES: Record<string, string> = {
  'kms Encrypt disabled': 'moto encrypts with a disabled key; AWS refuses with DisabledException, as the emulator does',
  'sm RotateSecret': 'moto invokes a real Lambda function and fails (ResourceNotFoundException) when none exists; the emulator records the configuration and simulates the rotation (documented)',
};

interface Outcome {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

async function attempt(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: (error as Error).name };
  }
}

/** One scenario run against a target, step by step. */
async function scenario(endpoint: string): Promise<Map<string, Outcome>> {
  const config = clientConfig(endpoint, { accessKeyId: MOTO_ACCOUNT, secretAccessKey: 'x' });
  const kms = new K.KMSClient(config);
  const sm = new S.SecretsManagerClient(config);
  const steps = new Map<string, Outcome>();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    const outcome = await attempt(fn);
    steps.set(name, outcome);
    return outcome.value as T | undefined;
  };

  const created = await step('kms CreateKey', () => kms.send(new K.CreateKeyCommand({ Description: 'differential', Tags: [{ TagKey: 'a', TagValue: 'b' }] })));
  const keyId = created!.KeyMetadata!.KeyId!;
  await step('kms DescribeKey', () => kms.send(new K.DescribeKeyCommand({ KeyId: keyId })));
  await step('kms CreateAlias', () => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/differential', TargetKeyId: keyId })));
  await step('kms DescribeKey alias', () => kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/differential' })));
  await step('kms ListAliases', () => kms.send(new K.ListAliasesCommand({ KeyId: keyId })));
  const encrypted = await step('kms Encrypt', () => kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('hello'), EncryptionContext: { k: 'v' } })));
  await step('kms Decrypt', () => kms.send(new K.DecryptCommand({ CiphertextBlob: encrypted!.CiphertextBlob, EncryptionContext: { k: 'v' } })));
  await step('kms Decrypt wrong context', () => kms.send(new K.DecryptCommand({ CiphertextBlob: encrypted!.CiphertextBlob, EncryptionContext: { k: 'other' } })));
  await step('kms GenerateDataKey', () => kms.send(new K.GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })));
  await step('kms GenerateDataKeyWithoutPlaintext', () => kms.send(new K.GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 16 })));
  await step('kms ReEncrypt', () => kms.send(new K.ReEncryptCommand({ CiphertextBlob: encrypted!.CiphertextBlob, SourceEncryptionContext: { k: 'v' }, DestinationKeyId: keyId })));
  await step('kms GenerateRandom', () => kms.send(new K.GenerateRandomCommand({ NumberOfBytes: 32 })));
  await step('kms EnableKeyRotation', () => kms.send(new K.EnableKeyRotationCommand({ KeyId: keyId })));
  await step('kms GetKeyRotationStatus', () => kms.send(new K.GetKeyRotationStatusCommand({ KeyId: keyId })));
  await step('kms GetKeyPolicy', () => kms.send(new K.GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })));
  await step('kms ListKeyPolicies', () => kms.send(new K.ListKeyPoliciesCommand({ KeyId: keyId })));
  await step('kms TagResource', () => kms.send(new K.TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'c', TagValue: 'd' }] })));
  await step('kms ListResourceTags', () => kms.send(new K.ListResourceTagsCommand({ KeyId: keyId })));
  await step('kms UntagResource', () => kms.send(new K.UntagResourceCommand({ KeyId: keyId, TagKeys: ['c'] })));
  await step('kms DisableKey', () => kms.send(new K.DisableKeyCommand({ KeyId: keyId })));
  await step('kms Encrypt disabled', () => kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') })));
  await step('kms EnableKey', () => kms.send(new K.EnableKeyCommand({ KeyId: keyId })));
  await step('kms DescribeKey missing', () => kms.send(new K.DescribeKeyCommand({ KeyId: '0b1a9b7c-0000-4000-8000-000000000000' })));
  await step('kms DescribeKey missing alias', () => kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/missing' })));
  await step('kms CreateAlias exists', () => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/differential', TargetKeyId: keyId })));
  await step('kms ListKeys', () => kms.send(new K.ListKeysCommand({})));
  const doomed = await kms.send(new K.CreateKeyCommand({}));
  await step('kms ScheduleKeyDeletion', () => kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: doomed.KeyMetadata!.KeyId, PendingWindowInDays: 7 })));
  await step('kms DescribeKey pending deletion', () => kms.send(new K.DescribeKeyCommand({ KeyId: doomed.KeyMetadata!.KeyId })));
  await step('kms CancelKeyDeletion', () => kms.send(new K.CancelKeyDeletionCommand({ KeyId: doomed.KeyMetadata!.KeyId })));

  const secret = await step('sm CreateSecret', () => sm.send(new S.CreateSecretCommand({ Name: 'differential/db', SecretString: 'v1', Description: 'd', Tags: [{ Key: 'a', Value: 'b' }] })));
  await step('sm GetSecretValue', () => sm.send(new S.GetSecretValueCommand({ SecretId: 'differential/db' })));
  const put = await step('sm PutSecretValue', () => sm.send(new S.PutSecretValueCommand({ SecretId: 'differential/db', SecretString: 'v2' })));
  await step('sm DescribeSecret', () => sm.send(new S.DescribeSecretCommand({ SecretId: secret!.ARN })));
  await step('sm ListSecretVersionIds', () => sm.send(new S.ListSecretVersionIdsCommand({ SecretId: 'differential/db' })));
  await step('sm UpdateSecret', () => sm.send(new S.UpdateSecretCommand({ SecretId: 'differential/db', Description: 'changed' })));
  await step('sm UpdateSecretVersionStage', () => sm.send(new S.UpdateSecretVersionStageCommand({ SecretId: 'differential/db', VersionStage: 'AWSCURRENT', MoveToVersionId: secret!.VersionId, RemoveFromVersionId: put!.VersionId })));
  await step('sm ListSecrets', () => sm.send(new S.ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['differential/'] }] })));
  await step('sm TagResource', () => sm.send(new S.TagResourceCommand({ SecretId: 'differential/db', Tags: [{ Key: 'c', Value: 'd' }] })));
  await step('sm UntagResource', () => sm.send(new S.UntagResourceCommand({ SecretId: 'differential/db', TagKeys: ['c'] })));
  await step('sm PutResourcePolicy', () => sm.send(new S.PutResourcePolicyCommand({ SecretId: 'differential/db', ResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) })));
  await step('sm GetResourcePolicy', () => sm.send(new S.GetResourcePolicyCommand({ SecretId: 'differential/db' })));
  await step('sm DeleteResourcePolicy', () => sm.send(new S.DeleteResourcePolicyCommand({ SecretId: 'differential/db' })));
  await step('sm RotateSecret', () => sm.send(new S.RotateSecretCommand({ SecretId: 'differential/db', RotationLambdaARN: `arn:aws:lambda:us-east-1:${MOTO_ACCOUNT}:function:rotate`, RotationRules: { AutomaticallyAfterDays: 30 } })));
  await step('sm GetRandomPassword', () => sm.send(new S.GetRandomPasswordCommand({ PasswordLength: 16 })));
  await step('sm CreateSecret exists', () => sm.send(new S.CreateSecretCommand({ Name: 'differential/db', SecretString: 'x' })));
  await step('sm DescribeSecret missing', () => sm.send(new S.DescribeSecretCommand({ SecretId: 'differential/none' })));
  await step('sm DeleteSecret', () => sm.send(new S.DeleteSecretCommand({ SecretId: 'differential/db', RecoveryWindowInDays: 7 })));
  await step('sm GetSecretValue deleted', () => sm.send(new S.GetSecretValueCommand({ SecretId: 'differential/db' })));
  await step('sm RestoreSecret', () => sm.send(new S.RestoreSecretCommand({ SecretId: 'differential/db' })));
  await step('sm DeleteSecret force', () => sm.send(new S.DeleteSecretCommand({ SecretId: 'differential/db', ForceDeleteWithoutRecovery: true })));
  return steps;
}

describe.skipIf(!MOTO_AVAILABLE)(`moto differential: KMS and Secrets Manager${MOTO_AVAILABLE ? '' : ' — SKIPPED: moto_server is not installed'}`, () => {
  let emu: RunningEmulator;
  let moto: { url: string; stop(): Promise<void> };
  let ours: Map<string, Outcome>;
  let theirs: Map<string, Outcome>;
  beforeAll(async () => {
    [emu, moto] = await Promise.all([emulator(), startMoto()]);
    [ours, theirs] = await Promise.all([scenario(emu.url), scenario(moto.url)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([emu?.stop(), moto?.stop()]);
  });

  it('agrees with moto on success or failure and on error codes, except where documented', () => {
    const mismatches: string[] = [];
    for (const [name, outcome] of ours) {
      const other = theirs.get(name)!;
      const same = outcome.ok === other.ok && outcome.error === other.error;
      if (!same && !EXPECTED_ERROR_DIFFERENCES[name]) mismatches.push(`${name}: emulator ${outcome.ok ? 'ok' : outcome.error} / moto ${other.ok ? 'ok' : other.error}`);
    }
    expect(mismatches).toEqual([]);
    const stale = Object.keys(EXPECTED_ERROR_DIFFERENCES).filter((name) => ours.get(name)?.ok === theirs.get(name)?.ok && ours.get(name)?.error === theirs.get(name)?.error);
    expect(stale, 'documented error differences that no longer occur').toEqual([]);
    expect(ours.size).toBeGreaterThan(40);
  });

  it('returns the same response shapes as moto, except where documented', () => {
    const unexplained: string[] = [];
    const seen = new Set<string>();
    for (const [name, outcome] of ours) {
      const other = theirs.get(name)!;
      if (!outcome.ok || !other.ok) continue;
      const expected = EXPECTED_DIFFERENCES[name] ?? {};
      for (const difference of shapeDifferences(shapeOf(other.value), shapeOf(outcome.value))) {
        if (difference in expected) seen.add(`${name}: ${difference}`);
        else unexplained.push(`${name}: ${difference}`);
      }
    }
    expect(unexplained).toEqual([]);
    const stale = Object.entries(EXPECTED_DIFFERENCES).flatMap(([name, diffs]) => Object.keys(diffs).map((d) => `${name}: ${d}`)).filter((d) => !seen.has(d));
    expect(stale, 'documented differences that no longer occur (remove them from the table)').toEqual([]);
  });
});
