/** The policy types Organizations knows, and the ones the emulator implements. */
import { invalidInput } from './common.ts';
import type { PolicyType } from './state.ts';

export const EMULATED_POLICY_TYPES: readonly PolicyType[] = ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'];
const ALL_POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2', 'BACKUP_POLICY', 'TAG_POLICY', 'CHATBOT_POLICY',
  'AISERVICES_OPT_OUT_POLICY', 'SECURITYHUB_POLICY', 'INSPECTOR_POLICY', 'UPGRADE_ROLLOUT_POLICY', 'BEDROCK_POLICY', 'S3_POLICY', 'NETWORK_SECURITY_DIRECTOR_POLICY',
];

/** Accepts the policy types the emulator implements; says plainly when AWS has the type but the emulator does not. */
export function checkPolicyType(type: string | undefined): PolicyType {
  if ((EMULATED_POLICY_TYPES as readonly string[]).includes(type ?? '')) return type as PolicyType;
  if (ALL_POLICY_TYPES.includes(type ?? '')) {
    throw invalidInput('INVALID_ENUM_POLICY_TYPE', `The policy type ${type} is not emulated by mlsec-sim; it emulates ${EMULATED_POLICY_TYPES.join(' and ')}.`);
  }
  throw invalidInput('INVALID_ENUM_POLICY_TYPE', 'You specified an invalid policy type string.');
}

