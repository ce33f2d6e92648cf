/**
 * Access control lists: canned ACLs, grant headers and AccessControlPolicy bodies to grants and
 * back, "is this ACL public", and what Object Ownership allows (ACLs are disabled under
 * BucketOwnerEnforced, the default for new buckets).
 */
import type * as S3 from '@aws-sdk/client-s3';
import { AwsServiceError } from '../../core/errors.ts';
import { canonicalId, type Grant, type S3Bucket } from './state.ts';

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

const PERMISSIONS = new Set(['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP']);

export function ownerGrant(accountId: string): Grant {
  return { grantee: { type: 'CanonicalUser', id: canonicalId(accountId) }, permission: 'FULL_CONTROL' };
}

/** Grants of a canned ACL (`objectOwner` is the bucket owner for bucket-owner-* ACLs on objects). */
export function cannedGrants(acl: string, owner: string, bucketOwner = owner): Grant[] {
  const base = [ownerGrant(owner)];
  const group = (uri: string, permission: Grant['permission']): Grant => ({ grantee: { type: 'Group', uri }, permission });
  switch (acl) {
    case 'private': return base;
    case 'public-read': return [...base, group(ALL_USERS, 'READ')];
    case 'public-read-write': return [...base, group(ALL_USERS, 'READ'), group(ALL_USERS, 'WRITE')];
    case 'authenticated-read': return [...base, group(AUTHENTICATED_USERS, 'READ')];
    case 'log-delivery-write': return [...base, group(LOG_DELIVERY, 'WRITE'), group(LOG_DELIVERY, 'READ_ACP')];
    case 'aws-exec-read': return base;
    case 'bucket-owner-read': return owner === bucketOwner ? base : [...base, { grantee: { type: 'CanonicalUser', id: canonicalId(bucketOwner) }, permission: 'READ' }];
    case 'bucket-owner-full-control': return owner === bucketOwner ? base : [...base, ownerGrant(bucketOwner)];
    default:
      throw new AwsServiceError('InvalidArgument', `${acl} is not a valid canned ACL.`, { status: 400, fields: { ArgumentName: 'x-amz-acl', ArgumentValue: acl } });
  }
}

const GRANT_HEADERS: Record<string, Grant['permission']> = {
  GrantFullControl: 'FULL_CONTROL',
  GrantRead: 'READ',
  GrantReadACP: 'READ_ACP',
  GrantWrite: 'WRITE',
  GrantWriteACP: 'WRITE_ACP',
};

/** `x-amz-grant-read: uri="http://…/AllUsers", id="…"` headers to grants. */
export function headerGrants(input: Record<string, unknown>): Grant[] | undefined {
  const grants: Grant[] = [];
  for (const [member, permission] of Object.entries(GRANT_HEADERS)) {
    const value = input[member];
    if (typeof value !== 'string') continue;
    for (const part of value.split(',')) {
      const m = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
      if (!m) throw new AwsServiceError('InvalidArgument', `Invalid grantee in ${member}: ${part.trim()}`, { status: 400 });
      const kind = m[1]!.toLowerCase();
      grants.push({ grantee: kind === 'id' ? { type: 'CanonicalUser', id: m[2]! } : kind === 'uri' ? { type: 'Group', uri: m[2]! } : { type: 'AmazonCustomerByEmail', email: m[2]! }, permission });
    }
  }
  return grants.length ? grants : undefined;
}

/** An AccessControlPolicy body to grants. */
export function policyGrants(policy: S3.AccessControlPolicy): Grant[] {
  return (policy.Grants ?? []).map((g) => {
    const p = g.Permission ?? '';
    if (!PERMISSIONS.has(p) || !g.Grantee) throw new AwsServiceError('MalformedACLError', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
    const t = g.Grantee;
    const grantee: Grant['grantee'] = t.Type === 'Group' ? { type: 'Group', uri: t.URI ?? '' } : t.Type === 'AmazonCustomerByEmail' ? { type: 'AmazonCustomerByEmail', email: t.EmailAddress ?? '' } : { type: 'CanonicalUser', id: t.ID ?? '' };
    return { grantee, permission: p as Grant['permission'] };
  });
}

export function grantsOutput(grants: Grant[]): S3.Grant[] {
  return grants.map((g) => ({
    Grantee: g.grantee.type === 'Group' ? { Type: 'Group', URI: g.grantee.uri } : g.grantee.type === 'CanonicalUser' ? { Type: 'CanonicalUser', ID: g.grantee.id } : { Type: 'AmazonCustomerByEmail', EmailAddress: g.grantee.email },
    Permission: g.permission,
  }));
}

/** Public = grants anything to AllUsers or AuthenticatedUsers. */
export function isPublicAcl(grants: Grant[]): boolean {
  return grants.some((g) => g.grantee.type === 'Group' && (g.grantee.uri === ALL_USERS || g.grantee.uri === AUTHENTICATED_USERS));
}

/** Grants no one but the owner: acceptable even when ACLs are disabled. */
export function ownerOnly(grants: Grant[], owner: string): boolean {
  const id = canonicalId(owner);
  return grants.every((g) => g.grantee.type === 'CanonicalUser' && g.grantee.id === id && g.permission === 'FULL_CONTROL');
}

export function aclsNotSupported(): AwsServiceError {
  return new AwsServiceError('AccessControlListNotSupported', 'The bucket does not allow ACLs', { status: 400 });
}

/** The grants a request asks for (canned header, grant headers or body), or undefined if none. */
export function requestedGrants(input: { ACL?: string; AccessControlPolicy?: S3.AccessControlPolicy } & Record<string, unknown>, owner: string, bucketOwner = owner): Grant[] | undefined {
  const fromHeaders = headerGrants(input);
  const sources = [input.ACL !== undefined, fromHeaders !== undefined, input.AccessControlPolicy !== undefined].filter(Boolean).length;
  if (sources > 1) {
    throw new AwsServiceError('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed', { status: 400 });
  }
  if (input.ACL !== undefined) return cannedGrants(input.ACL, owner, bucketOwner);
  if (fromHeaders) return fromHeaders;
  if (input.AccessControlPolicy) return policyGrants(input.AccessControlPolicy);
  return undefined;
}

/** Under BucketOwnerEnforced only owner-only ACLs (private, bucket-owner-full-control) are accepted. */
export function checkAclsAllowed(bucket: S3Bucket, grants: Grant[] | undefined): void {
  if (grants && bucket.ownership === 'BucketOwnerEnforced' && !ownerOnly(grants, bucket.owner)) throw aclsNotSupported();
}
