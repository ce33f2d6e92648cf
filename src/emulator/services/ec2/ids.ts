/**
 * EC2 resource ids: a prefix and 17 lower-case hex digits (`vpc-0a1b2c3d4e5f67890`), as AWS issues
 * them since 2018 (the first digit is always 0). Ids of the resources AWS creates for an account (the default VPC and its
 * companions) are derived from the account and region, so they stay the same across restarts even
 * when the region was only ever read.
 */
import { randomBytes } from 'node:crypto';
import { randomHex } from '../../core/ids.ts';
import { stableHex } from './regions.ts';

export function newId(prefix: string): string {
  return `${prefix}-0${randomHex(16)}`;
}

export function stableId(prefix: string, seed: string): string {
  return `${prefix}-0${stableHex(`${prefix}/${seed}`, 16)}`;
}

/** A locally administered MAC address for a network interface (`0e:…`). */
export function macAddress(): string {
  const bytes = randomBytes(5);
  return ['0e', ...[...bytes].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}
