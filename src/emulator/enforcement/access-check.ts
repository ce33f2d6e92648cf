/**
 * The vocabulary between the per-service resolvers and the enforcer: what one call needs to be
 * allowed to do (action, resource, the resource's policy and tags, the service's condition keys),
 * and what a resolver gets to work it out (the call's typed input and a read-only view of state).
 */
import type { Principal } from '../auth/principal.ts';
import type { SignatureInfo } from '../auth/sigv4.ts';
import type { ContextValue, ResourcePolicyKind } from '../policy/index.ts';

/** A resource policy as a service stores it. */
export interface StoredResourcePolicy {
  /** `BucketPolicy`, `default` (key policy), `ResourcePolicy` (secret), `AssumeRolePolicyDocument` (trust). */
  readonly name: string;
  /** The resource the policy belongs to. */
  readonly arn: string;
  /** For explanations: `bucket policy of arn:aws:s3:::data`, `key policy of arn:aws:kms:…`. */
  readonly source: string;
  readonly document: string;
  readonly kind: ResourcePolicyKind;
}

/** What S3 adds to a policy decision: ACL grants and Block Public Access (see s3-public-access.ts). */
export interface S3AccessFacts {
  readonly bucketOwner: string;
  /** Block Public Access RestrictPublicBuckets in effect (bucket or account setting). */
  readonly restrictPublicBuckets: boolean;
  /** Whether the bucket policy is public in S3's sense. */
  readonly publicPolicy: boolean;
  /**
   * Whether the ACLs that apply (bucket ACL for bucket operations, object ACL for object
   * operations) grant this permission to the caller. Undefined when ACLs cannot grant anything.
   */
  readonly aclGrants?: (caller: { anonymous: boolean; accountId: string }) => boolean;
}

/** One permission a call needs. A call may need several (CopyObject: read the source, write the copy). */
export interface AccessCheck {
  /** `s3:GetObject` */
  readonly action: string;
  /** The resource ARN, or `*` where AWS authorizes the action on no particular resource. */
  readonly resource: string;
  /** The account owning the resource (S3 ARNs carry none); defaults to the ARN's, else the caller's. */
  readonly resourceAccount?: string;
  readonly resourcePolicy?: StoredResourcePolicy;
  /** Tags of the resource (aws:ResourceTag/*). */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** Service-specific condition keys (s3:prefix, kms:EncryptionContext:…, sagemaker:VpcSubnets …) and aws:RequestTag/*. */
  readonly context?: Readonly<Record<string, ContextValue | undefined>>;
  readonly s3?: S3AccessFacts;
}

/** Reads a service's existing state without creating any (`undefined` when there is none). */
export type StateReader = <S>(serviceId: string, accountId: string, region?: string) => S | undefined;

/** A call as resolvers see it. */
export interface ResolverCall {
  readonly service: string;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The caller's account and the request's region. */
  readonly accountId: string;
  readonly region: string;
  readonly principal: Principal;
  readonly signature?: SignatureInfo;
  readonly read: StateReader;
  /** Every account with state (for S3's global bucket namespace). */
  readonly accountIds: () => string[];
}

/** Works out the checks for a call of one service; the default is the operation's action on `*`. */
export type Resolver = (call: ResolverCall) => AccessCheck[];

/** `[{Key, Value}]`, `[{TagKey, TagValue}]` or `{k: v}` as a plain record. */
export function tagRecord(tags: unknown): Record<string, string> | undefined {
  if (!tags) return undefined;
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags as Record<string, unknown>[]) {
      const key = (t.Key ?? t.TagKey ?? t.key) as string | undefined;
      if (typeof key === 'string') out[key] = String(t.Value ?? t.TagValue ?? t.value ?? '');
    }
  } else if (typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags as Record<string, unknown>)) out[k] = String(v ?? '');
  } else {
    return undefined;
  }
  return out;
}
