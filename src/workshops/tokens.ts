/**
 * Random identifiers and secrets: session ids (32 bytes), CSRF tokens, record ids, and join codes
 * (8 characters of Crockford's base-32 alphabet — no I, L, O or U to misread — so 40 bits, shown
 * as XXXX-XXXX; typed codes are normalised: case, spaces, dashes, O→0, I/L→1).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const joinCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const joinCodeLength = 8;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < joinCodeLength; i++) code += joinCodeAlphabet[randomInt(joinCodeAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The stored form of a typed code, or undefined when it cannot be one. */
export function normaliseJoinCode(input: string): string | undefined {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== joinCodeLength || [...plain].some((c) => !joinCodeAlphabet.includes(c))) return undefined;
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}
