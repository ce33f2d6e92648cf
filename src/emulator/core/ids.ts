/** Identifiers shaped like AWS's: request ids, IAM unique ids, access keys, secrets, tokens. */
import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
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
