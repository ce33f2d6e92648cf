/** Property tests of the ciphertext blob codec: round trips, authentication of context and header, robust parsing. */
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeEncryptionContext, open, parseCiphertext, seal } from './ciphertext.ts';

const secret = randomBytes(32);
const header = { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/0b1a9b7c-1234-4abc-8def-0123456789ab', materialId: 'ab'.repeat(32) };
const context = fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), { maxKeys: 4 });
const plaintext = fc.uint8Array({ minLength: 1, maxLength: 4096 });

function canonical(c: Record<string, string>): string {
  return JSON.stringify(Object.entries(c).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

describe('KMS ciphertext blobs', () => {
  it('round-trip any plaintext under any encryption context', () => {
    fc.assert(fc.property(plaintext, context, (data, ctx) => {
      const blob = seal(secret, header, Buffer.from(data), ctx);
      const parsed = parseCiphertext(blob);
      expect(parsed?.keyArn).toBe(header.keyArn);
      expect(parsed?.materialId).toBe(header.materialId);
      expect(open(secret, parsed!, ctx)?.equals(Buffer.from(data))).toBe(true);
    }), { numRuns: 200 });
  });

  it('refuse any other encryption context', () => {
    fc.assert(fc.property(plaintext, context, context, (data, a, b) => {
      fc.pre(canonical(a) !== canonical(b));
      const parsed = parseCiphertext(seal(secret, header, Buffer.from(data), a))!;
      expect(open(secret, parsed, b)).toBeUndefined();
    }), { numRuns: 200 });
  });

  it('detect any single flipped bit, in the header or the body', () => {
    const blob = seal(secret, header, Buffer.from('model weights key'), { job: 'train' });
    fc.assert(fc.property(fc.nat({ max: blob.length * 8 - 1 }), (bit) => {
      const tampered = Buffer.from(blob);
      tampered[bit >> 3] = tampered[bit >> 3]! ^ (1 << (bit & 7));
      const parsed = parseCiphertext(tampered);
      if (parsed) expect(open(secret, parsed, { job: 'train' })).toBeUndefined();
    }), { numRuns: 400 });
  });

  it('parse arbitrary bytes without throwing', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const parsed = parseCiphertext(bytes);
      if (parsed) expect(open(secret, parsed, {})).toBeUndefined();
    }), { numRuns: 500 });
  });

  it('encode encryption contexts injectively and independently of key order', () => {
    fc.assert(fc.property(context, context, (a, b) => {
      expect(encodeEncryptionContext(a).equals(encodeEncryptionContext(b))).toBe(canonical(a) === canonical(b));
      const reversed = Object.fromEntries(Object.entries(a).reverse());
      expect(encodeEncryptionContext(reversed).equals(encodeEncryptionContext(a))).toBe(true);
    }), { numRuns: 300 });
  });
});
