/**
 * Output customisations the AWS CLI applies after a call: IAM's policy documents arrive URL-encoded
 * and the CLI prints them as JSON (botocore's json_decode_policies).
 */
import type { CliData } from '../output/normalize.ts';

const POLICY_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

export function customiseOutput(service: string, data: CliData): CliData {
  if (service !== 'iam') return data;
  return decodePolicies(data);
}

function decodePolicies(value: CliData): CliData {
  if (Array.isArray(value)) return value.map(decodePolicies);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: CliData } = {};
  for (const [key, v] of Object.entries(value)) {
    if (POLICY_MEMBERS.has(key) && typeof v === 'string') out[key] = decodePolicy(v);
    else out[key] = decodePolicies(v);
  }
  return out;
}

function decodePolicy(text: string): CliData {
  try {
    return JSON.parse(text.trimStart().startsWith('{') ? text : decodeURIComponent(text)) as CliData;
  } catch {
    return text;
  }
}
