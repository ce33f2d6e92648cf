/**
 * The vocabulary of the policy engine: what a caller hands in (a request and the policies that
 * apply to it) and what comes back (a decision with its explanation). Pure data, no behaviour.
 */

/** Who signed the request. `service` is an AWS service principal such as `sagemaker.amazonaws.com`. */
export type PrincipalType = 'user' | 'role' | 'assumed-role' | 'root' | 'service' | 'anonymous';

export interface RequestPrincipal {
  type: PrincipalType;
  /**
   * The principal's ARN: `arn:aws:iam::<acct>:user/<path/>name`, `arn:aws:iam::<acct>:role/<path/>name`,
   * `arn:aws:sts::<acct>:assumed-role/<role>/<session>`, `arn:aws:iam::<acct>:root`. For a service
   * principal, its name (`sagemaker.amazonaws.com`). Absent for anonymous requests.
   */
  arn?: string;
  /** The principal's account. Derived from `arn` when absent (not for services or anonymous). */
  accountId?: string;
  /** For an assumed-role session: the role's ARN with its path. Derived from the session ARN when absent. */
  roleArn?: string;
  /** Tags of the user or role, merged with session tags (session tags win): `aws:PrincipalTag/<key>`. */
  tags?: Readonly<Record<string, string>>;
  /** Role session name (assumed roles). */
  sessionName?: string;
  /** `aws:SourceIdentity` of the session. */
  sourceIdentity?: string;
  /** `aws:userid`: AIDA… for users, `AROA…:<session>` for sessions, the account id for root. */
  userId?: string;
  /** S3 canonical user id, matched by `"Principal": {"CanonicalUser": …}`. */
  canonicalUserId?: string;
  /** True for a service-linked role (path `/aws-service-role/`): SCPs do not apply to those. Derived from the ARN when absent. */
  serviceLinked?: boolean;
}

/** A context key's value. Arrays make a multivalued key (`aws:TagKeys`, `aws:CalledVia` …). */
export type ContextValue = string | number | boolean | readonly (string | number | boolean)[];

export interface AuthorizationRequest {
  principal: RequestPrincipal;
  /** `service:Operation`, e.g. `s3:GetObject`. Matched case-insensitively. */
  action: string;
  /** The resource ARN, or `*` for operations that have no resource. */
  resource: string;
  /**
   * The account that owns the resource. Needed for S3 (bucket ARNs carry no account); otherwise
   * taken from the ARN, and for `*` or account-less ARNs it defaults to the principal's account.
   */
  resourceAccount?: string;
  /** Request context keys (`aws:SourceIp`, `s3:x-amz-server-side-encryption`, `aws:RequestTag/x` …). Case-insensitive names. */
  context?: Readonly<Record<string, ContextValue | undefined>>;
  /**
   * Evaluate the identity side alone, as IAM's policy simulator does when it is given no resource
   * policy: the resource counts as the caller's own, and neither a KMS key policy nor a role trust
   * policy is required. Enforcement never sets this.
   */
  identityOnly?: boolean;
}

/** Which kind of policy a document is; decides its grammar and how it takes part in evaluation. */
export type PolicyType =
  | 'identity'
  | 'permissionsBoundary'
  | 'session'
  | 'scp'
  | 'rcp'
  | 'resource';

/** A policy as the caller knows it: the document plus a label for explanations. */
export interface PolicyInput {
  /** Policy name (inline policy name, managed policy name, `BucketPolicy` …). */
  name: string;
  /** Managed policy ARN, bucket ARN, key ARN … when there is one. */
  arn?: string;
  /** Where it came from, e.g. `user inline`, `group analysts (managed)`, `role trust policy`. Free text. */
  source?: string;
  /** The JSON policy document, as text or parsed. */
  document: string | object;
}

/** One level of an organisation hierarchy (root, an OU, or the account) and the policies attached there. */
export interface OrganizationLevel {
  /** `r-abcd`, `ou-abcd-12345678`, or the account id. */
  target: string;
  policies: readonly (PolicyInput | CompiledPolicyRef)[];
}

/** SCPs or RCPs that apply: every level from the root down to the account must allow. */
export interface OrganizationPolicies {
  /** Root first, then each OU on the path, then the account itself. */
  levels: readonly OrganizationLevel[];
  /**
   * True when the account is the organisation's management account: SCPs and RCPs never apply to
   * it. The engine then skips these policies entirely.
   */
  managementAccount?: boolean;
}

/** The special rules a resource policy may carry. Inferred from action and resource when absent. */
export type ResourcePolicyKind = 'bucket' | 'key' | 'secret' | 'trust' | 'other';

export interface ResourcePolicyInput extends PolicyInput {
  kind?: ResourcePolicyKind;
}

/** Everything that applies to one request. Absent parts do not take part. */
export interface ApplicablePolicies {
  /** Identity policies: the user's inline and managed policies plus those of its groups, or the role's. */
  identity?: readonly (PolicyInput | CompiledPolicyRef)[];
  /** The managed policy set as the user's or role's permissions boundary. */
  permissionsBoundary?: PolicyInput | CompiledPolicyRef;
  /** Inline and managed session policies passed when the session was created (together they form one set). */
  sessionPolicies?: readonly (PolicyInput | CompiledPolicyRef)[];
  /** Service control policies of the principal's account. */
  scps?: OrganizationPolicies;
  /** Resource control policies of the resource's account. */
  rcps?: OrganizationPolicies;
  /** The resource's own policy: bucket policy, key policy, secret policy, role trust policy. */
  resourcePolicy?: ResourcePolicyInput | CompiledPolicyRef;
}

/** A policy already compiled with `compilePolicy` (opaque to callers). */
export interface CompiledPolicyRef {
  readonly compiled: true;
  readonly id: number;
  readonly name: string;
  readonly arn?: string;
  readonly source?: string;
  readonly resourceKind?: ResourcePolicyKind;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The part of the evaluation that decided, in the words of AWS's AccessDenied messages. */
export type DecidingPolicyType =
  | 'identity-based policy'
  | 'permissions boundary'
  | 'session policy'
  | 'service control policy'
  | 'resource control policy'
  | 'resource-based policy'
  | 'role trust policy'
  | 'root user'
  | 'none';

export interface MatchedStatement {
  policyType: PolicyType;
  policyName: string;
  policyArn?: string;
  policySource?: string;
  /** For SCPs and RCPs: the organisation level the policy is attached to. */
  orgTarget?: string;
  /** 0-based position of the statement in the policy's `Statement` list. */
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

export interface AuthorizationResult {
  decision: Decision;
  /** The policy type that decided (for an allow: the kind of grant that sufficed). */
  decidedBy: DecidingPolicyType;
  /** Every statement whose Action, Resource, Principal and Condition matched the request. */
  matchedStatements: MatchedStatement[];
  /** For denials: the phrase AWS puts in AccessDenied messages, e.g. "with an explicit deny in a service control policy". */
  reason?: string;
  /** For denials: the whole AccessDenied message as AWS writes it. */
  message?: string;
  /** A sentence for learners: why the call was allowed or denied. */
  summary: string;
  /** True when the answer came from the decision cache. */
  cached?: boolean;
}
