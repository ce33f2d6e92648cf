/**
 * "Public" as S3 defines it (User Guide, "The meaning of public"), and Block Public Access: the
 * bucket's and the account's settings combined, the most restrictive winning.
 *
 * A bucket policy is public unless every Allow statement is limited to fixed values: a fixed AWS
 * principal (account, user, role, service), or — for `*` principals — a condition with fixed values
 * on aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
 * s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid (outside the AROLEID:* pattern), or
 * a set of CIDRs in aws:SourceIp. Wildcards and policy variables are not fixed values.
 */
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { PublicAccessBlock, S3Bucket } from './state.ts';

type Json = Record<string, unknown>;

/** Condition keys whose fixed values make a `*` principal non-public (compared case-insensitively). */
const RESTRICTING_KEYS = new Set([
  'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceowner', 'aws:sourceaccount', 'aws:sourceorgid',
  's3:x-amz-server-side-encryption-aws-kms-key-id', 'aws:userid', 'aws:principalorgid', 'aws:principalaccount', 'aws:principalarn',
  's3:dataaccesspointarn', 's3:dataaccesspointaccount',
]);
/** Operators that restrict a key to the listed values (negated operators do not). */
const RESTRICTING_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function isFixed(value: unknown): boolean {
  return typeof value === 'string' && value !== '' && !/[*?]/.test(value) && !value.includes('${');
}

/** Whether a Principal element names only fixed principals (no `*`). */
function fixedPrincipal(principal: unknown): boolean {
  if (principal === undefined || principal === '*') return false;
  if (typeof principal !== 'object' || principal === null) return false;
  const entries = Object.values(principal as Json).flatMap(list);
  return entries.length > 0 && entries.every(isFixed);
}

/** Whether a CIDR is narrow enough to count as "a set of CIDRs" rather than everyone. */
function restrictingCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address = '', bits] = value.split('/');
  const prefix = bits === undefined ? (address.includes(':') ? 128 : 32) : Number(bits);
  if (!Number.isInteger(prefix)) return false;
  return address.includes(':') ? prefix >= 32 : prefix >= 8;
}

function restrictedByCondition(condition: unknown): boolean {
  if (!condition || typeof condition !== 'object') return false;
  for (const [rawOperator, block] of Object.entries(condition as Json)) {
    const operator = rawOperator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
    if (!block || typeof block !== 'object') continue;
    for (const [key, values] of Object.entries(block as Json)) {
      const k = key.toLowerCase();
      const vs = list(values);
      if (operator === 'IpAddress' && k === 'aws:sourceip' && vs.length && vs.every(restrictingCidr)) return true;
      if (!RESTRICTING_OPERATORS.has(operator) || !RESTRICTING_KEYS.has(k) || !vs.length || !vs.every(isFixed)) continue;
      if (k === 'aws:userid' && vs.some((v) => /^AROA[A-Z0-9]+:\*$/.test(String(v)))) continue;
      return true;
    }
  }
  return false;
}

/** Whether a bucket policy document (already validated JSON) is public. */
export function isPublicPolicy(document: string): boolean {
  let policy: Json;
  try {
    policy = JSON.parse(document) as Json;
  } catch {
    return false;
  }
  for (const raw of list(policy.Statement)) {
    const s = raw as Json;
    if (s.Effect !== 'Allow') continue;
    if (s.NotPrincipal !== undefined) return true;
    if (fixedPrincipal(s.Principal)) continue;
    if (restrictedByCondition(s.Condition)) continue;
    return true;
  }
  return false;
}

interface S3ControlState { publicAccessBlock?: PublicAccessBlock }

/** The account-level settings (S3 Control), if any. */
export function accountBlock(ctx: RequestContext, accountId: string): PublicAccessBlock | undefined {
  return ctx.peekStateOf<S3ControlState>('s3control', accountId)?.publicAccessBlock;
}

/** Bucket and account settings combined: a setting is on when either level turns it on. */
export function effectiveBlock(ctx: RequestContext, bucket: S3Bucket): Required<PublicAccessBlock> {
  const b = bucket.publicAccessBlock ?? {};
  const a = accountBlock(ctx, bucket.owner) ?? {};
  return {
    BlockPublicAcls: Boolean(b.BlockPublicAcls || a.BlockPublicAcls),
    IgnorePublicAcls: Boolean(b.IgnorePublicAcls || a.IgnorePublicAcls),
    BlockPublicPolicy: Boolean(b.BlockPublicPolicy || a.BlockPublicPolicy),
    RestrictPublicBuckets: Boolean(b.RestrictPublicBuckets || a.RestrictPublicBuckets),
  };
}

export function blockedByPublicAccessBlock(ctx: RequestContext, action: string, resource: string, setting: 'BlockPublicPolicy' | 'BlockPublicAcls'): AwsServiceError {
  const what = setting === 'BlockPublicPolicy' ? 'public policies' : 'public ACLs';
  return new AwsServiceError(
    'AccessDenied',
    `User: ${ctx.principal.arn} is not authorized to perform: ${action} on resource: "${resource}" because ${what} are blocked by the ${setting} block public access setting.`,
    { status: 403 },
  );
}
