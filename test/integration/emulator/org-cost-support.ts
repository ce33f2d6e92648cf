/**
 * Helpers for the Organizations, Application Auto Scaling, Budgets and Cost Explorer tests: an
 * emulator with a clock the test moves, and clients acting as a given account (a 12-digit access
 * key id is the account id).
 */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/index.ts';
import { clientConfig, emulator } from './support.ts';

export const MANAGEMENT = '111122223333';
export const OUTSIDER = '444455556666';

export interface Clocked {
  emu: RunningEmulator;
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  now(): Date;
}

export async function clockedEmulator(options: EmulatorOptions = {}): Promise<Clocked> {
  let t = Date.parse('2026-11-26T10:00:00Z');
  const emu = await emulator({ now: () => t, ...options });
  return { emu, advance: (ms) => (t += ms), now: () => new Date(t) };
}

/** Client config acting as an account's root (the access key id is the account id). */
export function asAccount(url: string, accountId: string, region = 'us-east-1') {
  return clientConfig(url, { accessKeyId: accountId, secretAccessKey: 'secret' }, region);
}

export function organizations(url: string, accountId = MANAGEMENT): OrganizationsClient {
  return new OrganizationsClient(asAccount(url, accountId));
}

/** A valid SCP document with one statement. */
export function scp(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}
