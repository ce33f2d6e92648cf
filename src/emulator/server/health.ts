/**
 * `GET /_localstack/health` in LocalStack's format, so tools that wait for LocalStack wait for us:
 * `{"services": {"s3": "running", "iam": "available", …}, "edition": "…", "version": "…"}`.
 * `available` means ready and loaded on first use; `running` means already loaded.
 *
 * `features` (LocalStack reports `initScripts` and `persistence` there) says what this emulator
 * does beyond answering: `iamEnforcement` and `scpEnforcement` (`enabled` when policies decide, so
 * clients such as the lab engine can tell whether a guardrail lab can be graded here),
 * `persistence` and `https`.
 */
import type { ServiceRuntime } from '../services/service-runtime.ts';

export const EMULATOR_EDITION = 'mlsec-sim';
export const EMULATOR_VERSION = '0.1.0';

export interface HealthFeatures {
  readonly iamEnforcement: boolean;
  readonly persistence: boolean;
  readonly https: boolean;
}

const state = (on: boolean) => (on ? 'enabled' : 'disabled');

export function healthReport(services: readonly ServiceRuntime[], features: HealthFeatures = { iamEnforcement: false, persistence: false, https: false }): string {
  const states: Record<string, string> = {};
  for (const s of [...services].sort((a, b) => a.id.localeCompare(b.id))) states[s.id] = s.status;
  const scps = features.iamEnforcement && services.some((s) => s.id === 'organizations');
  return JSON.stringify({
    services: states,
    features: { iamEnforcement: state(features.iamEnforcement), scpEnforcement: state(scps), persistence: state(features.persistence), https: state(features.https) },
    edition: EMULATOR_EDITION,
    version: EMULATOR_VERSION,
  });
}
