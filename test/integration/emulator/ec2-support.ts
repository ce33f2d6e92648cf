/**
 * EC2 test helpers: an SDK client for a fresh account (a 12-digit access key is the account id),
 * so every test starts from what a new AWS account has — the default VPC and nothing else.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { clientConfig } from './support.ts';

let next = 100_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** A 12-digit account id no other test uses. */
export function freshAccount(): string {
  next += 1;
  return String(next);
}

export function ec2Client(url: string, account = freshAccount(), region = 'us-east-1'): EC2Client {
  return new EC2Client(clientConfig(url, { accessKeyId: account, secretAccessKey: 'test' }, region));
}

/** EC2 ids: prefix, then 17 lower-case hex digits starting with 0. */
export function ec2IdPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}-0[0-9a-f]{16}$`);
}
