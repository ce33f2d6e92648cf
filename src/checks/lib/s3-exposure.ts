/**
 * Whether a bucket is open to the public for reading or writing, the way S3 decides it: a bucket
 * policy statement granting the actions to everyone without a restricting condition (unless
 * RestrictPublicBuckets is in force), or an ACL grant to AllUsers/AuthenticatedUsers (unless ACLs
 * are disabled by BucketOwnerEnforced or IgnorePublicAcls is in force).
 */
import type { Inventory, S3Bucket } from '../../inventory/types.ts';
import type { Evidence } from '../types.ts';
import { errorsOf, triAnd, triNot, triOf, triOr, type Tri } from './findings.ts';
import { publicGrants, statementLabel } from './policy.ts';
import { blockInForce, everyoneGroups } from './s3.ts';

export const publicReadActions = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions', 's3:GetObjectAcl', 's3:GetBucketAcl'];
export const publicWriteActions = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectAcl',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:DeleteBucket',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
];
const readPermissions = ['READ', 'READ_ACP', 'FULL_CONTROL'];
const writePermissions = ['WRITE', 'WRITE_ACP', 'FULL_CONTROL'];

export interface Exposure {
  exposed: Tri;
  /** Why, in a sentence fragment per cause. */
  reasons: string[];
  evidence: Evidence[];
}

export function publicExposure(bucket: S3Bucket, inventory: Inventory, kind: 'read' | 'write'): Exposure {
  const actions = kind === 'read' ? publicReadActions : publicWriteActions;
  const permissions = kind === 'read' ? readPermissions : writePermissions;
  const reasons: string[] = [];
  const evidence: Evidence[] = [];

  // Bucket policy.
  const grants = bucket.policy.ok ? publicGrants(bucket.policy.value, actions) : [];
  for (const g of grants) {
    evidence.push({ field: `GetBucketPolicy.${statementLabel(g.statement, g.index)}`, value: g.statement, expected: `no Allow of ${kind} actions to Principal "*" without a restricting condition` });
  }
  let policyPublic: Tri = triOf(bucket.policy, () => grants.length > 0);
  if (kind === 'read' && bucket.policyStatus.ok && bucket.policyStatus.value?.isPublic === true) {
    // AWS's own verdict, when the endpoint gives one, can only add to ours.
    policyPublic = true;
    evidence.push({ field: 'GetBucketPolicyStatus.IsPublic', value: true, expected: 'false' });
  }
  const restrict = blockInForce(bucket, inventory, 'RestrictPublicBuckets');
  const policyExposed = triAnd(policyPublic, triNot(restrict));
  if (policyExposed === true) {
    reasons.push(`the bucket policy grants ${kind} access to everyone (${grants.map((g) => `${statementLabel(g.statement, g.index)}: ${g.actions.join(', ')}`).join('; ') || 'GetBucketPolicyStatus says it is public'}) and RestrictPublicBuckets is not in force`);
  }
  if (policyPublic === true) evidence.push({ field: 'GetPublicAccessBlock.RestrictPublicBuckets (bucket or account)', value: restrict, expected: 'true' });

  // ACL.
  const publicAclGrants = bucket.acl.ok ? bucket.acl.value.grants.filter((g) => g.granteeUri !== undefined && g.granteeUri in everyoneGroups && permissions.includes(g.permission)) : [];
  for (const g of publicAclGrants) evidence.push({ field: 'GetBucketAcl.Grants', value: { grantee: g.granteeUri, permission: g.permission }, expected: 'no grants to AllUsers or AuthenticatedUsers' });
  const aclPublic = triOf(bucket.acl, () => publicAclGrants.length > 0);
  const aclsDisabled = triOf(bucket.objectOwnership, (o) => o === 'BucketOwnerEnforced');
  const ignoreAcls = blockInForce(bucket, inventory, 'IgnorePublicAcls');
  const aclExposed = triAnd(aclPublic, triNot(aclsDisabled), triNot(ignoreAcls));
  if (aclExposed === true) {
    const who = publicAclGrants.map((g) => `${everyoneGroups[g.granteeUri!]} ${g.permission}`).join(', ');
    reasons.push(`the bucket ACL grants ${who}, ACLs are enabled (object ownership is not BucketOwnerEnforced) and IgnorePublicAcls is not in force`);
  }
  if (aclPublic === true) {
    evidence.push({ field: 'GetBucketOwnershipControls.ObjectOwnership', value: bucket.objectOwnership.ok ? bucket.objectOwnership.value : 'unreadable', expected: 'BucketOwnerEnforced (ACLs disabled)' });
    evidence.push({ field: 'GetPublicAccessBlock.IgnorePublicAcls (bucket or account)', value: ignoreAcls, expected: 'true' });
  }

  const exposed = triOr(policyExposed, aclExposed);
  if (exposed === 'unknown') {
    evidence.push(
      ...errorsOf(
        { field: 'GetBucketPolicy', value: bucket.policy },
        { field: 'GetBucketAcl', value: bucket.acl },
        { field: 'GetBucketOwnershipControls', value: bucket.objectOwnership },
        { field: 'GetPublicAccessBlock', value: bucket.publicAccessBlock },
        { field: 'S3Control.GetPublicAccessBlock', value: inventory.s3?.accountPublicAccessBlock },
      ),
    );
  }
  return { exposed, reasons, evidence };
}
