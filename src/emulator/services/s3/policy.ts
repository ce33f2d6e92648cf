/** Bucket policies: validation (S3's MalformedPolicy messages), Block Public Access, policy status. */
import type * as S3 from '@aws-sdk/client-s3';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import type { IamState } from '../iam/state.ts';
import { blockedByPublicAccessBlock, effectiveBlock, isPublicPolicy } from './public-access.ts';
import { bucketArn, findBucket, type S3Bucket } from './state.ts';

const MAX_POLICY_BYTES = 20 * 1024;
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const OBJECT_ACTION = /^s3:(.*Object.*|AbortMultipartUpload|ListMultipartUploadParts|RestoreObject|PutObjectLegalHold|PutObjectRetention|BypassGovernanceRetention)$/i;

type Json = Record<string, unknown>;

function malformed(message: string): AwsServiceError {
  return new AwsServiceError('MalformedPolicy', message, { status: 400 });
}

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

function checkPrincipal(ctx: RequestContext, principal: unknown, bucket: S3Bucket): void {
  if (principal === '*') return;
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) throw malformed('Invalid principal in policy');
  for (const [kind, values] of Object.entries(principal as Json)) {
    for (const v of list(values)) {
      if (typeof v !== 'string') throw malformed('Invalid principal in policy');
      if (kind === 'AWS') {
        if (v === '*' || /^\d{12}$/.test(v)) continue;
        const m = /^arn:aws:(iam|sts)::(\d{12}|cloudfront):(root|user\/.+|role\/.+|assumed-role\/.+|federated-user\/.+|user\/CloudFront Origin Access Identity .+)$/.exec(v);
        if (!m) throw malformed('Invalid principal in policy');
        // Like AWS, refuse principals that do not exist — for the bucket owner's own users and roles.
        if (m[2] === bucket.owner && (m[3]!.startsWith('role/') || m[3]!.startsWith('user/'))) {
          const iam = ctx.peekStateOf<IamState>('iam', bucket.owner);
          const name = m[3]!.split('/').pop()!;
          const exists = m[3]!.startsWith('role/') ? iam?.roles.get(name)?.arn === v : iam?.users.get(name)?.arn === v;
          if (!exists) throw malformed('Invalid principal in policy');
        }
      } else if (kind === 'Service') {
        if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v) && v !== '*') throw malformed('Invalid principal in policy');
      } else if (kind === 'CanonicalUser') {
        if (!/^[0-9a-f]{64}$/.test(v)) throw malformed('Invalid principal in policy');
      } else if (kind !== 'Federated') {
        throw malformed('Invalid principal in policy');
      }
    }
  }
}

/** Checks a bucket policy as S3 does before storing it. */
export function validateBucketPolicy(ctx: RequestContext, text: string, bucket: S3Bucket): void {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw malformed('Policy exceeds the maximum allowed document size.');
  let policy: Json;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !text.trimStart().startsWith('{')) throw new Error();
    policy = parsed as Json;
  } catch {
    throw malformed("Policies must be valid JSON and the first byte must be '{'");
  }
  for (const key of Object.keys(policy)) if (!['Version', 'Id', 'Statement'].includes(key)) throw malformed(`Unknown field ${key}`);
  if (policy.Version !== undefined && policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17') throw malformed('Invalid policy syntax.');
  const statements = list(policy.Statement);
  if (!statements.length) throw malformed('Missing required field Statement');
  const arn = bucketArn(bucket.name);
  for (const raw of statements) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw malformed('Invalid policy syntax.');
    const s = raw as Json;
    for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) throw malformed(`Unknown field ${key}`);
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed('Invalid effect: ' + String(s.Effect));
    if (s.Principal === undefined && s.NotPrincipal === undefined) throw malformed('Missing required field Principal');
    checkPrincipal(ctx, s.Principal ?? s.NotPrincipal, bucket);
    const actions = list(s.Action ?? s.NotAction);
    if (!actions.length) throw malformed('Missing required field Action');
    for (const a of actions) if (typeof a !== 'string' || !(a === '*' || /^s3:[A-Za-z*?]+$/i.test(a))) throw malformed('Policy has invalid action');
    const resources = list(s.Resource ?? s.NotResource);
    if (!resources.length) throw malformed('Missing required field Resource');
    for (const r of resources) {
      if (typeof r !== 'string') throw malformed('Policy has invalid resource');
      const ok = r === arn || r.startsWith(`${arn}/`) || (/[*?]/.test(r) && (wildcard(r, arn) || wildcard(r, `${arn}/x`)));
      if (!ok) throw malformed('Policy has invalid resource');
    }
    if (s.Action !== undefined && s.Resource !== undefined) {
      const objectResources = resources.some((r) => String(r).includes('/') || String(r).endsWith('*'));
      const bucketResources = resources.some((r) => !String(r).includes('/'));
      const anyApplies = actions.some((a) => {
        const name = String(a);
        if (name === '*' || /[*?]/.test(name)) return true;
        return OBJECT_ACTION.test(name) ? objectResources : bucketResources;
      });
      if (!anyApplies) throw malformed('Action does not apply to any resource(s) in statement');
    }
    if (s.Condition !== undefined && (typeof s.Condition !== 'object' || s.Condition === null || Array.isArray(s.Condition))) throw malformed('Invalid policy syntax.');
  }
}

export function putBucketPolicy(input: S3.PutBucketPolicyRequest, ctx: RequestContext): Output<unknown> {
  const bucket = findBucket(ctx, input.Bucket!);
  const text = input.Policy ?? '';
  validateBucketPolicy(ctx, text, bucket);
  if (effectiveBlock(ctx, bucket).BlockPublicPolicy && isPublicPolicy(text)) {
    throw blockedByPublicAccessBlock(ctx, 's3:PutBucketPolicy', bucketArn(bucket.name), 'BlockPublicPolicy');
  }
  bucket.policy = text;
  return {};
}

export function getBucketPolicy(input: S3.GetBucketPolicyRequest, ctx: RequestContext): Output<S3.GetBucketPolicyOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket.name);
  return { Policy: bucket.policy };
}

export function deleteBucketPolicy(input: S3.DeleteBucketPolicyRequest, ctx: RequestContext): Output<unknown> {
  findBucket(ctx, input.Bucket!).policy = undefined;
  return {};
}

export function getBucketPolicyStatus(input: S3.GetBucketPolicyStatusRequest, ctx: RequestContext): Output<S3.GetBucketPolicyStatusOutput> {
  const bucket = findBucket(ctx, input.Bucket!);
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket.name);
  return { PolicyStatus: { IsPublic: isPublicPolicy(bucket.policy) } };
}

function noSuchBucketPolicy(name: string): AwsServiceError {
  return new AwsServiceError('NoSuchBucketPolicy', 'The bucket policy does not exist', { status: 404, fields: { BucketName: name } });
}
