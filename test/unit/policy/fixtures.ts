/**
 * Small builders for the policy-engine tables: principals in two accounts, policy documents from
 * statements, and the full-access SCP that AWS attaches by default.
 */
import type { PolicyInput, RequestPrincipal } from '../../../src/emulator/policy/index.ts';

export const ACCOUNT = '111111111111';
export const OTHER = '222222222222';

export const alice: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/alice` };
export const bob: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${OTHER}:user/bob` };
export const roleArn = `arn:aws:iam::${ACCOUNT}:role/ml-training`;
export const session: RequestPrincipal = { type: 'assumed-role', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml-training/job-42`, sessionName: 'job-42' };
export const otherSession: RequestPrincipal = { type: 'assumed-role', arn: `arn:aws:sts::${OTHER}:assumed-role/auditor/audit-1`, sessionName: 'audit-1' };
export const root: RequestPrincipal = { type: 'root', arn: `arn:aws:iam::${ACCOUNT}:root` };
export const otherRoot: RequestPrincipal = { type: 'root', arn: `arn:aws:iam::${OTHER}:root` };
export const sagemaker: RequestPrincipal = { type: 'service', arn: 'sagemaker.amazonaws.com' };
export const anonymous: RequestPrincipal = { type: 'anonymous' };

export type Statement = Record<string, unknown>;

export function doc(...statements: Statement[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

export function policy(name: string, ...statements: Statement[]): PolicyInput {
  return { name, document: doc(...statements) };
}

export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action, Resource, ...extra });

export const fullAccess = policy('FullAWSAccess', allow('*'));
export const rcpFullAccess = policy('RCPFullAWSAccess', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });

export const bucket = 'arn:aws:s3:::training-data';
export const object = `${bucket}/datasets/train.csv`;
export const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const secretArn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-password-AbCdEf`;
