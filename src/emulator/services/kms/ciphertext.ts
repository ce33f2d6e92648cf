/**
 * The emulator's ciphertext blobs: AES-256-GCM under a key's material, with the encryption context
 * authenticated (not encrypted) as additional data. AWS's blob format is private, so this one is
 * ours; like AWS's, it names the key it was made with, so Decrypt needs no KeyId.
 *
 *   byte 0        format version (1)
 *   byte 1        length n of the key ARN
 *   bytes 2..     key ARN (n bytes, ASCII)
 *   next 32       key material id (raw bytes of the 64-hex KeyMaterialId)
 *   next 12       GCM nonce
 *   next 16       GCM tag
 *   rest          ciphertext
 *
 * The header (everything before the nonce) is authenticated too, so a blob cannot be re-labelled
 * with another key or material id.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const MATERIAL_ID_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface CiphertextHeader {
  readonly keyArn: string;
  /** 64 hex characters. */
  readonly materialId: string;
}

export interface ParsedCiphertext extends CiphertextHeader {
  readonly header: Buffer;
  readonly nonce: Buffer;
  readonly tag: Buffer;
  readonly body: Buffer;
}

/**
 * The encryption context as authenticated data: pairs sorted by key, each length-prefixed, so no
 * two different contexts serialize alike and the order a caller lists them in does not matter.
 */
export function encodeEncryptionContext(context: Readonly<Record<string, string>> | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Buffer[] = [];
  for (const [k, v] of entries) {
    for (const text of [k, v]) {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  return Buffer.concat(parts);
}

function headerOf(keyArn: string, materialId: string): Buffer {
  const arn = Buffer.from(keyArn, 'ascii');
  if (arn.length > 255) throw new Error(`emulator: key ARN too long for a ciphertext header: ${keyArn}`);
  if (!/^[0-9a-f]{64}$/.test(materialId)) throw new Error(`emulator: malformed key material id ${materialId}`);
  return Buffer.concat([Buffer.from([VERSION, arn.length]), arn, Buffer.from(materialId, 'hex')]);
}

export function seal(secret: Buffer, header: CiphertextHeader, plaintext: Buffer, context: Readonly<Record<string, string>> | undefined): Buffer {
  const head = headerOf(header.keyArn, header.materialId);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secret, nonce);
  cipher.setAAD(Buffer.concat([head, encodeEncryptionContext(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, nonce, cipher.getAuthTag(), body]);
}

/** Reads a blob's structure; undefined when it is not one of ours. Nothing is authenticated yet. */
export function parseCiphertext(blob: Uint8Array): ParsedCiphertext | undefined {
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (bytes.length < 2 || bytes[0] !== VERSION) return undefined;
  const arnLength = bytes[1]!;
  const headerLength = 2 + arnLength + MATERIAL_ID_BYTES;
  if (arnLength === 0 || bytes.length < headerLength + NONCE_BYTES + TAG_BYTES) return undefined;
  const keyArn = bytes.subarray(2, 2 + arnLength).toString('latin1');
  if (!/^arn:[\x21-\x7e]+$/.test(keyArn)) return undefined;
  return {
    keyArn,
    materialId: bytes.subarray(2 + arnLength, headerLength).toString('hex'),
    header: bytes.subarray(0, headerLength),
    nonce: bytes.subarray(headerLength, headerLength + NONCE_BYTES),
    tag: bytes.subarray(headerLength + NONCE_BYTES, headerLength + NONCE_BYTES + TAG_BYTES),
    body: bytes.subarray(headerLength + NONCE_BYTES + TAG_BYTES),
  };
}

/** Decrypts and authenticates; undefined when the tag does not verify (wrong key, context or tampering). */
export function open(secret: Buffer, parsed: ParsedCiphertext, context: Readonly<Record<string, string>> | undefined): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, parsed.nonce);
    decipher.setAAD(Buffer.concat([parsed.header, encodeEncryptionContext(context)]));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    return undefined;
  }
}
