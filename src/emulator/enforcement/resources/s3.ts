/**
 * S3: bucket and object ARNs (`arn:aws:s3:::bucket`, `arn:aws:s3:::bucket/key`), the owning
 * account (S3 ARNs carry none; the bucket namespace is global), the bucket policy, bucket tags, the
 * S3 condition keys of the request (server-side encryption headers, canned ACL, listing prefix …),
 * and what ACLs and Block Public Access add (see s3-public-access.ts). CopyObject needs to read its
 * source and write its copy; DeleteObjects needs s3:DeleteObject on every key.
 */
import type { ContextValue } from '../../policy/index.ts';
import { isPublicPolicy } from '../../services/s3/public-access.ts';
import type { PublicAccessBlock, S3Bucket, S3State } from '../../services/s3/state.ts';
import type { AccessCheck, ResolverCall, S3AccessFacts } from '../access-check.ts';
import { actionFor, actionName } from '../action-names.ts';
import { requestTagContext } from '../request-tags.ts';
import { aclGrantFor } from '../s3-public-access.ts';

interface FoundBucket {
  readonly bucket?: S3Bucket;
  readonly owner: string;
}

function findBucket(call: ResolverCall, name: string): FoundBucket {
  const own = call.read<S3State>('s3', call.accountId)?.buckets.get(name);
  if (own) return { bucket: own, owner: call.accountId };
  for (const account of call.accountIds()) {
    const bucket = call.read<S3State>('s3', account)?.buckets.get(name);
    if (bucket) return { bucket, owner: account };
  }
  // A bucket that does not exist: the caller's own account decides (AWS answers AccessDenied before NoSuchBucket).
  return { owner: call.accountId };
}

function accountBlock(call: ResolverCall, accountId: string): PublicAccessBlock | undefined {
  return call.read<{ publicAccessBlock?: PublicAccessBlock }>('s3control', accountId)?.publicAccessBlock;
}

function s3Facts(call: ResolverCall, found: FoundBucket, action: string, key: string | undefined, versionId: string | undefined): S3AccessFacts | undefined {
  const bucket = found.bucket;
  if (!bucket) return undefined;
  const account = accountBlock(call, found.owner) ?? {};
  const own = bucket.publicAccessBlock ?? {};
  const restrict = Boolean(own.RestrictPublicBuckets || account.RestrictPublicBuckets);
  const ignorePublicAcls = Boolean(own.IgnorePublicAcls || account.IgnorePublicAcls);
  return {
    bucketOwner: found.owner,
    restrictPublicBuckets: restrict,
    publicPolicy: restrict && bucket.policy !== undefined && isPublicPolicy(bucket.policy),
    aclGrants: aclGrantFor(bucket, action, key, versionId, ignorePublicAcls),
  };
}

const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

function tagsOfObject(bucket: S3Bucket | undefined, key: string, versionId: string | undefined): Record<string, string> | undefined {
  const versions = bucket?.objects.get(key);
  const o = versionId ? versions?.find((v) => v.versionId === versionId) : versions?.[versions.length - 1];
  if (!o || o.deleteMarker || !o.tags.length) return undefined;
  return Object.fromEntries(o.tags.map((t) => [t.Key, t.Value]));
}

const OBJECT_TAG_WRITES = new Set(['PutObject', 'CreateMultipartUpload', 'CopyObject', 'PutObjectTagging']);

function requestContext(call: ResolverCall, owner: string): Record<string, ContextValue | undefined> {
  const input = call.input;
  const context: Record<string, ContextValue | undefined> = { 's3:ResourceAccount': owner };
  const sig = call.signature;
  if (sig) {
    context['s3:authType'] = sig.kind === 'query' ? 'REST-QUERY-STRING' : 'REST-HEADER';
    context['s3:signatureversion'] = sig.kind === 'sigv2' ? 'AWS' : 'AWS4-HMAC-SHA256';
  }
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') context[key] = typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  };
  set('s3:x-amz-server-side-encryption', input.ServerSideEncryption);
  set('s3:x-amz-server-side-encryption-aws-kms-key-id', input.SSEKMSKeyId);
  set('s3:x-amz-acl', input.ACL);
  set('s3:x-amz-storage-class', input.StorageClass);
  set('s3:x-amz-copy-source', input.CopySource);
  set('s3:x-amz-metadata-directive', input.MetadataDirective);
  set('s3:prefix', input.Prefix);
  set('s3:delimiter', input.Delimiter);
  set('s3:max-keys', input.MaxKeys);
  set('s3:VersionId', input.VersionId);
  set('s3:LocationConstraint', (input.CreateBucketConfiguration as { LocationConstraint?: string } | undefined)?.LocationConstraint);
  set('s3:x-amz-object-ownership', input.ObjectOwnership);
  if (OBJECT_TAG_WRITES.has(call.operation)) {
    // Tags set on objects are s3:RequestObjectTag/<key> and s3:RequestObjectTagKeys.
    const tags: Record<string, ContextValue | undefined> = {};
    requestTagContext(input, tags);
    for (const [k, v] of Object.entries(tags)) context[k === 'aws:TagKeys' ? 's3:RequestObjectTagKeys' : k.replace('aws:RequestTag/', 's3:RequestObjectTag/')] = v;
  } else {
    requestTagContext(input, context);
  }
  return context;
}

function objectCheck(call: ResolverCall, found: FoundBucket, bucketName: string, action: string, key: string, versionId: string | undefined, base: Record<string, ContextValue | undefined>): AccessCheck {
  const context = { ...base };
  const existing = tagsOfObject(found.bucket, key, versionId);
  if (existing) for (const [k, v] of Object.entries(existing)) context[`s3:ExistingObjectTag/${k}`] = v;
  return {
    action,
    resource: objectArn(bucketName, key),
    resourceAccount: found.owner,
    resourcePolicy: bucketPolicy(found, bucketName),
    context,
    s3: s3Facts(call, found, action, key, versionId),
  };
}

function bucketPolicy(found: FoundBucket, name: string): AccessCheck['resourcePolicy'] {
  const policy = found.bucket?.policy;
  if (policy === undefined) return undefined;
  const arn = `arn:aws:s3:::${name}`;
  return { name: 'BucketPolicy', arn, source: `bucket policy of ${arn}`, document: policy, kind: 'bucket' };
}

function parseCopySource(source: string): { bucket: string; key: string; versionId?: string } | undefined {
  const [path = '', query = ''] = source.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    return undefined;
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) return undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId: new URLSearchParams(query).get('versionId') ?? undefined };
}

export function s3Checks(call: ResolverCall): AccessCheck[] {
  const input = call.input;
  const operation = call.operation;
  const bucketName = input.Bucket;
  if (typeof bucketName !== 'string' || operation === 'ListBuckets') return [{ action: actionName('s3', operation), resource: '*', context: requestContext(call, call.accountId) }];
  const found = findBucket(call, bucketName);
  const base = requestContext(call, found.owner);

  if (operation === 'DeleteObjects') {
    const objects = ((input.Delete as { Objects?: { Key?: string; VersionId?: string }[] } | undefined)?.Objects ?? []).filter((o) => typeof o.Key === 'string');
    return objects.map((o) => objectCheck(call, found, bucketName, o.VersionId ? 's3:DeleteObjectVersion' : 's3:DeleteObject', o.Key!, o.VersionId, base));
  }
  const key = input.Key;
  if (typeof key === 'string') {
    const checks = [objectCheck(call, found, bucketName, actionFor('s3', operation, input), key, input.VersionId as string | undefined, base)];
    if (operation === 'CopyObject' && typeof input.CopySource === 'string') {
      const source = parseCopySource(input.CopySource);
      if (source) {
        const sourceFound = findBucket(call, source.bucket);
        const sourceContext = requestContext(call, sourceFound.owner);
        checks.unshift(objectCheck(call, sourceFound, source.bucket, source.versionId ? 's3:GetObjectVersion' : 's3:GetObject', source.key, source.versionId, sourceContext));
      }
    }
    return checks;
  }
  const action = actionFor('s3', operation, input);
  const arn = `arn:aws:s3:::${bucketName}`;
  const tags = found.bucket?.tags?.length ? Object.fromEntries(found.bucket.tags.map((t) => [t.Key, t.Value])) : undefined;
  return [{ action, resource: arn, resourceAccount: found.owner, resourcePolicy: bucketPolicy(found, bucketName), resourceTags: tags, context: base, s3: s3Facts(call, found, action, undefined, undefined) }];
}

/** S3 Control's account-level operations act on the account named in AccountId. */
export function s3ControlChecks(call: ResolverCall): AccessCheck[] {
  const account = typeof call.input.AccountId === 'string' ? call.input.AccountId : call.accountId;
  return [{ action: actionName('s3control', call.operation), resource: '*', resourceAccount: account }];
}
