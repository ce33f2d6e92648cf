/**
 * KMS's cryptographic operations with real cryptography: Encrypt, Decrypt, ReEncrypt,
 * GenerateDataKey, GenerateDataKeyWithoutPlaintext, GenerateRandom. See ciphertext.ts for the
 * blob format and key-access.ts for key resolution and the key-state rules.
 */
import type * as KMS from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { InputValidationError, missing, ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { kmsError, sensitiveValidation } from './common.ts';
import { decryptBlob, encryptUnderKey, keyForUse } from './key-access.ts';
import type { KmsState } from './state.ts';

const ALGORITHMS = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE', 'SYMMETRIC_DEFAULT'];

function checkAlgorithm(member: string, algorithm: string | undefined): void {
  new ProblemList().oneOf(member, algorithm, ALGORITHMS).check();
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
    throw kmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec SYMMETRIC_DEFAULT.`);
  }
}

/** Checks a blob's length; `required` blobs (the model leaves CiphertextBlob optional, KMS does not) must be present. */
function checkLength(member: string, bytes: Uint8Array | undefined, max: number, required = false): void {
  if (bytes === undefined) {
    if (required) throw new InputValidationError([missing(member)]);
    return;
  }
  if (bytes.byteLength < 1) throw sensitiveValidation(member, 'Member must have length greater than or equal to 1');
  if (bytes.byteLength > max) throw sensitiveValidation(member, `Member must have length less than or equal to ${max}`);
}

function dryRun(flag: boolean | undefined): void {
  if (flag) throw kmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
}

function noRecipient(recipient: unknown): void {
  if (recipient !== undefined) throw kmsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not emulated.');
}

export function encrypt(input: KMS.EncryptRequest, ctx: RequestContext<KmsState>): Output<KMS.EncryptResponse> {
  checkLength('plaintext', input.Plaintext, 4096);
  checkAlgorithm('encryptionAlgorithm', input.EncryptionAlgorithm);
  const key = keyForUse(ctx, input.KeyId!, 'Encrypt');
  dryRun(input.DryRun);
  const { blob } = encryptUnderKey(key, input.Plaintext!, input.EncryptionContext);
  return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

export function decrypt(input: KMS.DecryptRequest, ctx: RequestContext<KmsState>): Output<KMS.DecryptResponse> {
  checkLength('ciphertextBlob', input.CiphertextBlob, 6144, true);
  checkAlgorithm('encryptionAlgorithm', input.EncryptionAlgorithm);
  noRecipient(input.Recipient);
  const { key, plaintext, materialId } = decryptBlob(ctx, input.CiphertextBlob!, input.EncryptionContext, { keyRef: input.KeyId, operation: 'Decrypt' });
  dryRun(input.DryRun);
  return { KeyId: key.arn, Plaintext: plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT', KeyMaterialId: materialId };
}

export function reEncrypt(input: KMS.ReEncryptRequest, ctx: RequestContext<KmsState>): Output<KMS.ReEncryptResponse> {
  checkLength('ciphertextBlob', input.CiphertextBlob, 6144, true);
  checkAlgorithm('sourceEncryptionAlgorithm', input.SourceEncryptionAlgorithm);
  checkAlgorithm('destinationEncryptionAlgorithm', input.DestinationEncryptionAlgorithm);
  const source = decryptBlob(ctx, input.CiphertextBlob!, input.SourceEncryptionContext, { keyRef: input.SourceKeyId, operation: 'ReEncryptFrom' });
  const destination = keyForUse(ctx, input.DestinationKeyId!, 'ReEncryptTo');
  dryRun(input.DryRun);
  const { blob, materialId } = encryptUnderKey(destination, source.plaintext, input.DestinationEncryptionContext);
  return {
    CiphertextBlob: blob,
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    SourceKeyMaterialId: source.materialId,
    DestinationKeyMaterialId: materialId,
  };
}

function dataKeyLength(input: { NumberOfBytes?: number; KeySpec?: string }): number {
  new ProblemList().range('numberOfBytes', input.NumberOfBytes, 1, 1024).oneOf('keySpec', input.KeySpec, ['AES_128', 'AES_256']).check();
  if ((input.NumberOfBytes === undefined) === (input.KeySpec === undefined)) throw kmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  return input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32);
}

export function generateDataKey(input: KMS.GenerateDataKeyRequest, ctx: RequestContext<KmsState>): Output<KMS.GenerateDataKeyResponse> {
  const length = dataKeyLength(input);
  noRecipient(input.Recipient);
  const key = keyForUse(ctx, input.KeyId!, 'GenerateDataKey');
  dryRun(input.DryRun);
  const plaintext = randomBytes(length);
  const { blob, materialId } = encryptUnderKey(key, plaintext, input.EncryptionContext);
  return { CiphertextBlob: blob, Plaintext: plaintext, KeyId: key.arn, KeyMaterialId: materialId };
}

export function generateDataKeyWithoutPlaintext(input: KMS.GenerateDataKeyWithoutPlaintextRequest, ctx: RequestContext<KmsState>): Output<KMS.GenerateDataKeyWithoutPlaintextResponse> {
  const length = dataKeyLength(input);
  const key = keyForUse(ctx, input.KeyId!, 'GenerateDataKeyWithoutPlaintext');
  dryRun(input.DryRun);
  const { blob, materialId } = encryptUnderKey(key, randomBytes(length), input.EncryptionContext);
  return { CiphertextBlob: blob, KeyId: key.arn, KeyMaterialId: materialId };
}

export function generateRandom(input: KMS.GenerateRandomRequest, _ctx: RequestContext<KmsState>): Output<KMS.GenerateRandomResponse> {
  if (input.NumberOfBytes === undefined) throw kmsError('ValidationException', 'NumberOfBytes is required.');
  new ProblemList().range('numberOfBytes', input.NumberOfBytes, 1, 1024).check();
  noRecipient(input.Recipient);
  if (input.CustomKeyStoreId !== undefined) throw kmsError('UnsupportedOperationException', 'Custom key stores are not emulated.');
  return { Plaintext: randomBytes(input.NumberOfBytes) };
}
