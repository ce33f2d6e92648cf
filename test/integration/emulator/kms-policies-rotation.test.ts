/** KMS key policies (default policy, validation, lockout safety check), rotation, AWS managed keys. */
import * as I from '@aws-sdk/client-iam';
import * as K from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '210987654321';
const DAY = 86_400_000;

/** AWS's documented default key policy, exactly as GetKeyPolicy returns it. */
const DEFAULT_POLICY = `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${ACCOUNT}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rootAdmin = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

describe('KMS key policies and rotation', () => {
  let emu: RunningEmulator;
  let kms: K.KMSClient;
  let iam: I.IAMClient;
  let clock = Date.parse('2026-05-01T08:00:00Z');
  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    const root = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
    kms = new K.KMSClient(clientConfig(emu.url, root));
    iam = new I.IAMClient(clientConfig(emu.url, root));
  });
  afterAll(async () => emu.stop());

  const create = async (input: K.CreateKeyRequest = {}) => (await kms.send(new K.CreateKeyCommand(input))).KeyMetadata!;

  it('attaches AWS\'s default key policy byte for byte, and lists the one policy name', async () => {
    const key = await create();
    const got = await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
    expect(got.Policy).toBe(DEFAULT_POLICY);
    expect(got.PolicyName).toBe('default');
    expect((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.Arn }))).Policy).toBe(DEFAULT_POLICY);
    expect(await kms.send(new K.ListKeyPoliciesCommand({ KeyId: key.KeyId }))).toMatchObject({ PolicyNames: ['default'], Truncated: false });
    const name = await awsError(() => kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'custom' })));
    expect(name.name).toBe('NotFoundException');
    expect(name.message).toBe('No such policy exists');
  });

  it('stores a key policy exactly as written', async () => {
    const key = await create();
    const text = `{\n  "Version": "2012-10-17",\n  "Statement": [ ${JSON.stringify(rootAdmin)},\n  {"Sid":"Public","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"} ]\n}`;
    await kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: text }));
    expect((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(text);
    const created = await create({ Policy: text });
    expect((await kms.send(new K.GetKeyPolicyCommand({ KeyId: created.KeyId }))).Policy).toBe(text);
  });

  it('refuses malformed policies with MalformedPolicyDocumentException', async () => {
    const key = await create();
    const put = (text: string) => awsError(() => kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: text })));
    for (const text of ['{"Version": "2012-10-17", "Statement": [', policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }), policy({ ...rootAdmin, Effect: 'Maybe' }), 'caf\u00e9 \u2603']) {
      const error = await put(text);
      expect(error.name, text).toBe('MalformedPolicyDocumentException');
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    const ghost = await put(policy(rootAdmin, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/nobody` }, Action: 'kms:Decrypt', Resource: '*' }));
    expect(ghost.message).toBe('Policy contains a statement with one or more invalid principals.');
    const garbled = await put(policy(rootAdmin, { Effect: 'Allow', Principal: { AWS: 'not-an-arn' }, Action: 'kms:Decrypt', Resource: '*' }));
    expect(garbled.message).toBe('Policy contains a statement with one or more invalid principals.');
    const big = await put(policy(rootAdmin, { Sid: 'x'.repeat(33_000), Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'kms:Decrypt', Resource: '*' }));
    expect(big.name).toBe('LimitExceededException');
    expect((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(DEFAULT_POLICY);
  });

  it('runs the lockout safety check against the caller, unless bypassed', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'key-admin' }));
    await iam.send(new I.CreateUserCommand({ UserName: 'analyst' }));
    const { AccessKey } = await iam.send(new I.CreateAccessKeyCommand({ UserName: 'key-admin' }));
    const admin = new K.KMSClient(clientConfig(emu.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
    const analystOnly = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/analyst` }, Action: 'kms:*', Resource: '*' });
    const lockout = await awsError(() => admin.send(new K.CreateKeyCommand({ Policy: analystOnly })));
    expect(lockout.name).toBe('MalformedPolicyDocumentException');
    expect(lockout.message).toBe('The new key policy will not allow you to update the key policy in the future.');
    const mine = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/key-admin` }, Action: ['kms:PutKeyPolicy', 'kms:Describe*'], Resource: '*' });
    const key = (await admin.send(new K.CreateKeyCommand({ Policy: mine }))).KeyMetadata!;
    const denied = policy(JSON.parse(mine).Statement[0], { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Put*', Resource: '*' });
    expect((await awsError(() => admin.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: denied })))).message).toBe('The new key policy will not allow you to update the key policy in the future.');
    await admin.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: analystOnly, BypassPolicyLockoutSafetyCheck: true }));
    expect((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(analystOnly);
  });

  it('enables rotation with RotationPeriodInDays 90–2560 (default 365) and reports it', async () => {
    const key = await create();
    expect(await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: false, KeyId: key.Arn });
    await kms.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const on = await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(on).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(on.NextRotationDate?.getTime()).toBe(clock + 365 * DAY);
    await kms.send(new K.EnableKeyRotationCommand({ KeyId: key.Arn, RotationPeriodInDays: 90 }));
    expect((await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).RotationPeriodInDays).toBe(90);
    for (const days of [89, 2561]) {
      const error = await awsError(() => kms.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: days })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(`1 validation error detected: Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value ${days < 90 ? 'greater than or equal to 90' : 'less than or equal to 2560'}`);
    }
    await kms.send(new K.DisableKeyRotationCommand({ KeyId: key.KeyId }));
    const off = await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(off.KeyRotationEnabled).toBe(false);
    expect(off.RotationPeriodInDays).toBeUndefined();
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    expect((await awsError(() => kms.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId })))).name).toBe('DisabledException');
  });

  it('rotates on demand and automatically; old ciphertexts still decrypt, new ones use the new material', async () => {
    const key = await create();
    const old = await kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('before rotation') }));
    expect((await kms.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations).toEqual([]);
    expect((await kms.send(new K.RotateKeyOnDemandCommand({ KeyId: key.Arn }))).KeyId).toBe(key.KeyId);
    await kms.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    const saved = clock;
    clock += 91 * DAY;
    try {
      const rotations = (await kms.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!;
      expect(rotations.map((r) => [r.RotationType, r.KeyMaterialState])).toEqual([['ON_DEMAND', 'NON_CURRENT'], ['AUTOMATIC', 'CURRENT']]);
      expect(rotations[1]?.RotationDate?.getTime()).toBe(saved + 90 * DAY);
      const all = (await kms.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }))).Rotations!;
      expect(all).toHaveLength(3);
      expect(all[0]).toMatchObject({ KeyId: key.KeyId, KeyMaterialId: key.CurrentKeyMaterialId, KeyMaterialState: 'NON_CURRENT' });
      expect(all[0]?.RotationDate).toBeUndefined();
      const described = (await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
      expect(described.CurrentKeyMaterialId).toBe(all[2]?.KeyMaterialId);
      const decrypted = await kms.send(new K.DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
      expect(Buffer.from(decrypted.Plaintext!).toString()).toBe('before rotation');
      expect(decrypted.KeyMaterialId).toBe(key.CurrentKeyMaterialId);
      const fresh = await kms.send(new K.DecryptCommand({ CiphertextBlob: (await kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('after') }))).CiphertextBlob }));
      expect(fresh.KeyMaterialId).toBe(all[2]?.KeyMaterialId);
      const status = await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      expect(status.NextRotationDate?.getTime()).toBe(saved + 180 * DAY);
    } finally {
      clock = saved;
    }
  });

  it('limits on-demand rotations to 25 per key', async () => {
    const key = await create();
    for (let i = 0; i < 25; i++) await kms.send(new K.RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const error = await awsError(() => kms.send(new K.RotateKeyOnDemandCommand({ KeyId: key.KeyId })));
    expect(error.name).toBe('LimitExceededException');
    const page1 = await kms.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 20 }));
    expect(page1).toMatchObject({ Truncated: true });
    const page2 = await kms.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId, Marker: page1.NextMarker }));
    expect(page1.Rotations!.length + page2.Rotations!.length).toBe(25);
  });

  it('gives AWS managed keys the key policy AWS attaches, yearly rotation, and no direct management or use', async () => {
    const key = (await kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }))).KeyMetadata!;
    expect(key.KeyManager).toBe('AWS');
    const text = (await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy!;
    const doc = JSON.parse(text);
    expect(doc.Id).toBe('auto-secretsmanager-2');
    expect(doc.Statement[0].Condition.StringEquals).toEqual({ 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT });
    expect(doc.Statement[2]).toMatchObject({ Sid: 'Allow direct access to key metadata to the account', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } });
    expect(text).toContain('"Statement" : [ {\n    "Sid" : "Allow access through AWS Secrets Manager');
    expect(await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    const encrypt = await awsError(() => kms.send(new K.EncryptCommand({ KeyId: 'alias/aws/secretsmanager', Plaintext: Buffer.from('x') })));
    expect(encrypt.name).toBe('AccessDeniedException');
    expect(encrypt.message).toBe(`User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:Encrypt on resource: ${key.Arn} because no resource-based policy allows the kms:Encrypt action`);
    for (const call of [
      () => kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: policy(rootAdmin) })),
      () => kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId })),
      () => kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId })),
      () => kms.send(new K.CreateAliasCommand({ AliasName: 'alias/points-at-managed', TargetKeyId: key.KeyId })),
    ]) {
      expect((await awsError(call)).name).toBe('AccessDeniedException');
    }
    const deleteReserved = await awsError(() => kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/aws/secretsmanager' })));
    expect(deleteReserved.name).toBe('NotAuthorizedException');
  });
});
