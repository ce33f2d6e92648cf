/**
 * `GET /_localstack/health` in LocalStack's format, so tools that wait for LocalStack wait for us:
 * `{"services": {"s3": "running", "iam": "available", …}, "edition": "…", "version": "…"}`.
 * `available` means ready and loaded on first use; `running` means already loaded.
 */
import type { ServiceRuntime } from '../services/service-runtime.ts';

export const EMULATOR_EDITION = 'mlsec-sim';
export const EMULATOR_VERSION = '0.1.0';

export function healthReport(services: readonly ServiceRuntime[]): string {
  const states: Record<string, string> = {};
  for (const s of [...services].sort((a, b) => a.id.localeCompare(b.id))) states[s.id] = s.status;
  return JSON.stringify({ services: states, edition: EMULATOR_EDITION, version: EMULATOR_VERSION });
}
