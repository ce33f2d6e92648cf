/**
 * Identifiers shaped like AWS's: request ids, IAM unique ids, access keys, secrets, tokens, account
 * ids, and the random hex and alphanumeric parts of resource ids (EC2's `vpc-0…`, SageMaker's
 * `d-…`, Organizations' `ou-…`, Secrets Manager's ARN suffix). Every service takes its random ids
 * from here.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const MIXED_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** `length` random characters of `alphabet` (lower-case letters and digits unless given). */
export function randomChars(length: number, alphabet: string = LOWER_ALPHANUMERIC): string {
  return pick(alphabet, length);
}

/** `length` random lower-case hex digits. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** A fresh 12-digit account id that `taken` does not already use. */
export function randomAccountId(taken: (id: string) => boolean = () => false): string {
  for (;;) {
    const id = String(100_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 900_000_000_000));
    if (!taken(id)) return id;
  }
}

export function requestId(): string {
  return randomUUID();
}

/** IAM unique ids: AIDA (user), AROA (role), AGPA (group), ANPA (policy), AIPA (instance profile). */
export function iamUniqueId(prefix: 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AIPA'): string {
  return prefix + pick(UPPER_ALNUM, 17);
}

export function accessKeyId(temporary: boolean): string {
  return (temporary ? 'ASIA' : 'AKIA') + pick(UPPER_ALNUM, 16);
}

export function secretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/[+/]/g, (c) => (c === '+' ? 'x' : 'y'));
}

export function sessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(96).toString('base64')}`;
}
