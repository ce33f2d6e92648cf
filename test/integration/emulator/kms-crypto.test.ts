/** KMS cryptography with real AES-256-GCM (Encrypt, Decrypt, ReEncrypt, GenerateDataKey, GenerateRandom) and cross-account use. */
import * as K from '@aws-sdk/client-kms';
import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const OWNER = '123412341234';
const PARTNER = '567856785678';

describe('KMS cryptography', () => {
  let emu: RunningEmulator;
  let kms: K.KMSClient;
  let partner: K.KMSClient;
  let keyId: string;
  let keyArn: string;
  beforeAll(async () => {
    emu = await emulator();
    kms = new K.KMSClient(clientConfig(emu.url, { accessKeyId: OWNER, secretAccessKey: 'x' }));
    partner = new K.KMSClient(clientConfig(emu.url, { accessKeyId: PARTNER, secretAccessKey: 'x' }));
    const key = (await kms.send(new K.CreateKeyCommand({ Description: 'crypto' }))).KeyMetadata!;
    keyId = key.KeyId!;
    keyArn = key.Arn!;
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/crypto', TargetKeyId: keyId }));
  });
  afterAll(async () => emu.stop());

  it('encrypts and decrypts with any way of naming the key; Decrypt finds the key from the blob', async () => {
    for (const ref of [keyId, keyArn, 'alias/crypto', `arn:aws:kms:us-east-1:${OWNER}:alias/crypto`]) {
      const enc = await kms.send(new K.EncryptCommand({ KeyId: ref, Plaintext: Buffer.from(`secret via ${ref}`) }));
      expect(enc).toMatchObject({ KeyId: keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      expect(Buffer.from(enc.CiphertextBlob!).includes(Buffer.from(`secret via ${ref}`))).toBe(false);
      const dec = await kms.send(new K.DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
      expect(dec).toMatchObject({ KeyId: keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
      expect(Buffer.from(dec.Plaintext!).toString()).toBe(`secret via ${ref}`);
    }
    const a = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('same') }));
    const b = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('same') }));
    expect(Buffer.from(a.CiphertextBlob!).equals(Buffer.from(b.CiphertextBlob!))).toBe(false);
  });

  it('authenticates the encryption context: a different or missing context is InvalidCiphertextException', async () => {
    const context = { project: 'fraud', stage: 'train' };
    const enc = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('ctx'), EncryptionContext: context }));
    const reordered = await kms.send(new K.DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { stage: 'train', project: 'fraud' } }));
    expect(Buffer.from(reordered.Plaintext!).toString()).toBe('ctx');
    const wrongs: (Record<string, string> | undefined)[] = [undefined, { project: 'fraud' }, { project: 'fraud', stage: 'prod' }, { ...context, extra: '1' }];
    for (const wrong of wrongs) {
      const error = await awsError(() => kms.send(new K.DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: wrong })));
      expect(error.name).toBe('InvalidCiphertextException');
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('rejects tampered, foreign and garbage ciphertexts', async () => {
    const enc = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('integrity') }));
    const blob = Buffer.from(enc.CiphertextBlob!);
    for (const i of [0, 5, blob.length - 1, blob.length - 20]) {
      const tampered = Buffer.from(blob);
      tampered[i] = tampered[i]! ^ 0x01;
      const error = await awsError(() => kms.send(new K.DecryptCommand({ CiphertextBlob: tampered })));
      expect(['InvalidCiphertextException', 'NotFoundException']).toContain(error.name);
    }
    expect((await awsError(() => kms.send(new K.DecryptCommand({ CiphertextBlob: randomBytes(80) })))).name).toBe('InvalidCiphertextException');
    // A blob sealed with a key the emulator never issued, under this key's ARN, does not authenticate.
    const forged = Buffer.from(blob);
    const key = randomBytes(32);
    const headerLength = 2 + blob[1]! + 32;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(forged.subarray(0, headerLength));
    const body = Buffer.concat([cipher.update('forged'), cipher.final()]);
    const forgedBlob = Buffer.concat([forged.subarray(0, headerLength), nonce, cipher.getAuthTag(), body]);
    expect((await awsError(() => kms.send(new K.DecryptCommand({ CiphertextBlob: forgedBlob })))).name).toBe('InvalidCiphertextException');
  });

  it('checks a KeyId given to Decrypt against the key in the blob (IncorrectKeyException)', async () => {
    const other = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
    expect(Buffer.from((await kms.send(new K.DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: 'alias/crypto' }))).Plaintext!).toString()).toBe('x');
    const error = await awsError(() => kms.send(new K.DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: other.KeyId })));
    expect(error.name).toBe('IncorrectKeyException');
    expect(error.message).toBe('The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('validates plaintext size with AWS\'s wording (values of sensitive members are not echoed)', async () => {
    const big = await awsError(() => kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.alloc(4097) })));
    expect(big.name).toBe('ValidationException');
    expect(big.message).toBe("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
    await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.alloc(4096, 1) }));
    const empty = await awsError(() => kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array(0) })));
    expect(empty.name).toBe('ValidationException');
    const algorithm = await awsError(() => kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })));
    expect(algorithm.name).toBe('InvalidKeyUsageException');
  });

  it('re-encrypts under another key, checking the source context', async () => {
    const target = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!;
    const enc = await kms.send(new K.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('move me'), EncryptionContext: { a: '1' } }));
    const re = await kms.send(new K.ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { a: '1' }, DestinationKeyId: target.KeyId, DestinationEncryptionContext: { b: '2' } }));
    expect(re).toMatchObject({ SourceKeyId: keyArn, KeyId: target.Arn, SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(re.DestinationKeyMaterialId).toBe(target.CurrentKeyMaterialId);
    const dec = await kms.send(new K.DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { b: '2' } }));
    expect(dec.KeyId).toBe(target.Arn);
    expect(Buffer.from(dec.Plaintext!).toString()).toBe('move me');
    expect((await awsError(() => kms.send(new K.ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: target.KeyId })))).name).toBe('InvalidCiphertextException');
    expect((await awsError(() => kms.send(new K.ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { a: '1' }, SourceKeyId: target.KeyId, DestinationKeyId: target.KeyId })))).name).toBe('IncorrectKeyException');
  });

  it('generates data keys whose ciphertext decrypts to the plaintext data key', async () => {
    const dk = await kms.send(new K.GenerateDataKeyCommand({ KeyId: 'alias/crypto', KeySpec: 'AES_256', EncryptionContext: { purpose: 'sse' } }));
    expect(dk.KeyId).toBe(keyArn);
    expect(dk.Plaintext).toHaveLength(32);
    expect(dk.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const back = await kms.send(new K.DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { purpose: 'sse' } }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    expect((await kms.send(new K.GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_128' }))).Plaintext).toHaveLength(16);
    expect((await kms.send(new K.GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 64 }))).Plaintext).toHaveLength(64);
    const without = await kms.send(new K.GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    expect((without as { Plaintext?: unknown }).Plaintext).toBeUndefined();
    expect((await kms.send(new K.DecryptCommand({ CiphertextBlob: without.CiphertextBlob }))).Plaintext).toHaveLength(32);
    expect((await awsError(() => kms.send(new K.GenerateDataKeyCommand({ KeyId: keyId })))).message).toBe('Please specify either number of bytes or key spec.');
    expect((await awsError(() => kms.send(new K.GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 1025 })))).message).toBe("1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
    const dry = await awsError(() => kms.send(new K.GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', DryRun: true })));
    expect(dry.name).toBe('DryRunOperationException');
    expect(dry.$metadata.httpStatusCode).toBe(400);
  });

  it('generates random bytes (1–1024)', async () => {
    expect((await kms.send(new K.GenerateRandomCommand({ NumberOfBytes: 1024 }))).Plaintext).toHaveLength(1024);
    expect((await awsError(() => kms.send(new K.GenerateRandomCommand({})))).message).toBe('NumberOfBytes is required.');
    expect((await awsError(() => kms.send(new K.GenerateRandomCommand({ NumberOfBytes: 0 })))).message).toBe("1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });

  it('lets another account use a key only when the key policy names it', async () => {
    const privateKey = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!;
    const denied = await awsError(() => partner.send(new K.EncryptCommand({ KeyId: privateKey.Arn, Plaintext: Buffer.from('x') })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(`User: arn:aws:iam::${PARTNER}:root is not authorized to perform: kms:Encrypt on resource: ${privateKey.Arn} because no resource-based policy allows the kms:Encrypt action`);
    const shared = (await kms.send(new K.CreateKeyCommand({
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWNER}:root` }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
        ],
      }),
    }))).KeyMetadata!;
    const enc = await partner.send(new K.EncryptCommand({ KeyId: shared.Arn, Plaintext: Buffer.from('shared') }));
    expect(enc.KeyId).toBe(shared.Arn);
    expect(Buffer.from((await partner.send(new K.DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext!).toString()).toBe('shared');
    expect((await partner.send(new K.DescribeKeyCommand({ KeyId: shared.Arn }))).KeyMetadata?.AWSAccountId).toBe(OWNER);
    expect((await awsError(() => partner.send(new K.GenerateDataKeyCommand({ KeyId: shared.Arn, KeySpec: 'AES_256' })))).name).toBe('AccessDeniedException');
    // Management operations never reach into another account: the key is simply not found there.
    expect((await awsError(() => partner.send(new K.DisableKeyCommand({ KeyId: shared.Arn })))).name).toBe('NotFoundException');
  });
});
