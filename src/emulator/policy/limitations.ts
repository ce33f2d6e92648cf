/**
 * Where this engine knowingly differs from AWS, as data: rendered into docs/iam-evaluation.md and
 * available to the emulator's coverage table. Each entry says what AWS does and what we do.
 */
export interface Limitation {
  /** Stable id. */
  id: string;
  /** What part of IAM it concerns. */
  area: 'principals' | 'policy language' | 'evaluation' | 'context keys' | 'services';
  /** What AWS does. */
  aws: string;
  /** What this engine does instead. */
  engine: string;
}

export const limitations: readonly Limitation[] = [
  {
    id: 'federated-users',
    area: 'principals',
    aws: 'AWS STS federated user sessions (GetFederationToken) and SAML/OIDC federated principals have their own rules for resource-based policies and the Federated principal element.',
    engine: 'Principals are users, roles, assumed-role sessions, the account root, AWS service principals and anonymous callers. "Federated" principals in policies never match.',
  },
  {
    id: 'unique-ids',
    area: 'principals',
    aws: 'Principal ARNs in resource policies are stored as unique ids (AIDA…/AROA…); a deleted and re-created user no longer matches.',
    engine: 'Principal ARNs are compared as text, so a re-created user or role with the same name matches again.',
  },
  {
    id: 'root-assume-role',
    area: 'principals',
    aws: 'The root user cannot call sts:AssumeRole at all.',
    engine: 'The root user is evaluated like any caller whose identity side allows everything: the trust policy decides.',
  },
  {
    id: 'vpc-endpoint-policies',
    area: 'evaluation',
    aws: 'VPC endpoint policies are a further ceiling for requests made through an interface or gateway endpoint.',
    engine: 'Not evaluated (the emulator has no endpoints); aws:SourceVpce conditions are evaluated from the context the caller passes.',
  },
  {
    id: 'acls-and-block-public-access',
    area: 'services',
    aws: 'S3 also consults ACLs, Object Ownership and Block Public Access; KMS grants add permissions beside the key policy.',
    engine: 'Only policies are evaluated; the S3 and KMS services apply those features themselves.',
  },
  {
    id: 'service-specific-authorizers',
    area: 'services',
    aws: 'A few services add rules of their own (for example, AWS managed policies and aws-reserved roles cannot be modified; some actions need no permission).',
    engine: 'Only sts:GetCallerIdentity is special-cased (always allowed for a signed caller).',
  },
  {
    id: 'multivalued-without-set-operator',
    area: 'policy language',
    aws: 'AWS documents that a multivalued context key must be tested with ForAllValues/ForAnyValue.',
    engine: 'A multivalued request value tested by an operator without a set prefix does not match (negated operators included); an empty list counts as an absent key.',
  },
  {
    id: 'variables-in-arn-segments',
    area: 'policy language',
    aws: 'A policy variable is substituted before the ARN is split into segments.',
    engine: 'Same, so a variable value containing ":" can shift segments; IAM names and tag values in practice never contain one.',
  },
  {
    id: 'policy-size-and-grammar-limits',
    area: 'policy language',
    aws: 'IAM enforces size quotas and rejects some element combinations per policy type (for example SCP conditions before 2025).',
    engine: 'Grammar is checked (Version, Effect, Action xor NotAction, Principal only in resource-side policies, Resource in identity-side policies, known condition operators); size quotas are left to the IAM service.',
  },
  {
    id: 'statement-positions',
    area: 'evaluation',
    aws: 'IAM SimulatePrincipalPolicy reports each matched statement with its start and end line and column in the policy text.',
    engine: 'Matched statements carry the policy name/ARN, the statement index and its Sid, not text positions.',
  },
  {
    id: 'absent-trust-policy',
    area: 'evaluation',
    aws: 'Every role has a trust policy, so sts:AssumeRole is always checked against one.',
    engine: 'When the caller gives no trust policy (simulating identity policies alone), the identity side decides, as IAM\'s policy simulator does. A KMS key without a key policy is always denied.',
  },
  {
    id: 'condition-key-validation',
    area: 'context keys',
    aws: 'IAM warns about condition keys that the action does not support; the key simply is absent at request time.',
    engine: 'Any key name is accepted; a key the caller does not supply is absent.',
  },
];
