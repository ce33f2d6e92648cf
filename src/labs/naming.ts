/**
 * How a lab run names and tags what it creates. Every resource carries the tags `mlsec:lab` and
 * `mlsec:run` where the service supports tags, and every name starts with the run prefix
 * `mlsec-<run-id>-`, so teardown finds exactly this run's resources — and nothing else.
 */
import { randomBytes } from 'node:crypto';

export const labTagKey = 'mlsec:lab';
export const runTagKey = 'mlsec:run';

/** 8 lowercase letters and digits: short enough for bucket names, unique enough for a machine or an account. */
export function newRunId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(8);
  // First character a letter: some AWS names must not start with a digit.
  return [...bytes].map((b, i) => (i === 0 ? alphabet[b % 26] : alphabet[b % alphabet.length])).join('');
}

export function isRunId(value: string): boolean {
  return /^[a-z][a-z0-9]{7}$/.test(value);
}

export function runPrefix(runId: string): string {
  return `mlsec-${runId}`;
}

export function runTags(labId: string, runId: string): Record<string, string> {
  return { [labTagKey]: labId, [runTagKey]: runId };
}
