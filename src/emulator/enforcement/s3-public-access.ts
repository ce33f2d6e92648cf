/**
 * What S3 adds to the IAM decision, where it is cheap to model:
 *
 * - **ACLs** grant like a resource policy: a bucket ACL's READ lets the grantee list the bucket,
 *   WRITE put and delete objects, READ_ACP / WRITE_ACP read and write the bucket ACL; an object
 *   ACL's READ lets the grantee get the object, READ_ACP / WRITE_ACP read and write its ACL;
 *   FULL_CONTROL all of these. Grantees: the AllUsers group (anyone, also anonymous callers), the
 *   AuthenticatedUsers group (any signed request), a canonical user (an account). ACLs grant nothing
 *   under Object Ownership `BucketOwnerEnforced` (the default since 2023), and public grants nothing
 *   under Block Public Access `IgnorePublicAcls`. Like a resource policy, an ACL grant does not
 *   override an explicit deny, and a caller from another account still needs its own IAM allow.
 * - **RestrictPublicBuckets**: while the bucket policy is public, only principals of the bucket
 *   owner's account (and AWS services) get access through it.
 *
 * Not modelled: ACL grants by e-mail address, the LogDelivery group, access points, Object Lock.
 */
import { canonicalId, type Grant, type S3Bucket } from '../services/s3/state.ts';
import type { AuthorizationResult } from '../policy/index.ts';
import type { S3AccessFacts } from './access-check.ts';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

type Permission = Grant['permission'];

/** Which ACL permission grants an action (FULL_CONTROL always does), on the bucket's ACL. */
const BUCKET_ACL_PERMISSION: Readonly<Record<string, Permission>> = {
  's3:ListBucket': 'READ',
  's3:ListBucketVersions': 'READ',
  's3:ListBucketMultipartUploads': 'READ',
  's3:PutObject': 'WRITE',
  's3:DeleteObject': 'WRITE',
  's3:DeleteObjectVersion': 'WRITE',
  's3:AbortMultipartUpload': 'WRITE',
  's3:GetBucketAcl': 'READ_ACP',
  's3:PutBucketAcl': 'WRITE_ACP',
};

/** … on the object's ACL. */
const OBJECT_ACL_PERMISSION: Readonly<Record<string, Permission>> = {
  's3:GetObject': 'READ',
  's3:GetObjectVersion': 'READ',
  's3:GetObjectAcl': 'READ_ACP',
  's3:GetObjectVersionAcl': 'READ_ACP',
  's3:PutObjectAcl': 'WRITE_ACP',
  's3:PutObjectVersionAcl': 'WRITE_ACP',
};

function grants(acl: readonly Grant[], permission: Permission, ignorePublic: boolean) {
  const relevant = acl.filter((g) => g.permission === permission || g.permission === 'FULL_CONTROL');
  if (!relevant.length) return undefined;
  return (caller: { anonymous: boolean; accountId: string }): boolean =>
    relevant.some((g) => {
      if (g.grantee.type === 'Group') {
        if (ignorePublic) return false;
        return g.grantee.uri === ALL_USERS || (g.grantee.uri === AUTHENTICATED_USERS && !caller.anonymous);
      }
      return g.grantee.type === 'CanonicalUser' && !caller.anonymous && g.grantee.id === canonicalId(caller.accountId);
    });
}

/** The ACL test for an action on a bucket (or one of its objects), or undefined when no ACL can grant it. */
export function aclGrantFor(bucket: S3Bucket, action: string, key: string | undefined, versionId: string | undefined, ignorePublicAcls: boolean): S3AccessFacts['aclGrants'] {
  if (bucket.ownership === 'BucketOwnerEnforced') return undefined;
  const objectPermission = OBJECT_ACL_PERMISSION[action];
  if (objectPermission && key !== undefined) {
    const versions = bucket.objects.get(key);
    const o = versionId ? versions?.find((v) => v.versionId === versionId) : versions?.[versions.length - 1];
    return o && !o.deleteMarker ? grants(o.acl, objectPermission, ignorePublicAcls) : undefined;
  }
  const bucketPermission = BUCKET_ACL_PERMISSION[action];
  return bucketPermission ? grants(bucket.acl, bucketPermission, ignorePublicAcls) : undefined;
}

export interface S3Adjustment {
  /** `allowed` when an ACL grants what the policies left undecided; `blocked` when RestrictPublicBuckets takes a grant away. */
  readonly outcome: 'allowed' | 'blocked';
  readonly summary: string;
}

/**
 * Applies ACLs and RestrictPublicBuckets to a policy decision. Only an implicit deny for lack of a
 * resource-side grant can become an allow (an ACL grant); only an allow that came from a public
 * bucket policy, to someone outside the owner's account, can be blocked.
 */
export function adjustForS3(result: AuthorizationResult, facts: S3AccessFacts, caller: { anonymous: boolean; accountId: string }): S3Adjustment | undefined {
  const outsider = caller.anonymous || caller.accountId !== facts.bucketOwner;
  if (result.decision === 'allowed') {
    if (outsider && facts.restrictPublicBuckets && facts.publicPolicy && result.decidedBy === 'resource-based policy') {
      return { outcome: 'blocked', summary: 'The bucket policy is public and Block Public Access RestrictPublicBuckets is on: only principals of the bucket owner’s account may use it.' };
    }
    return undefined;
  }
  if (result.decision === 'implicitDeny' && result.decidedBy === 'resource-based policy' && facts.aclGrants?.(caller)) {
    return { outcome: 'allowed', summary: 'No policy grants this, but the access control list (ACL) does.' };
  }
  return undefined;
}
