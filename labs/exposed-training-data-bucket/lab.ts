import {
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import {
  allowPublicBucketsInAccount,
  conditionsOf,
  createBucket,
  createKeyWithAlias,
  defineLab,
  editBucketPolicy,
  isEveryonePrincipal,
  putObjects,
  restrictingCondition,
  writeBucketPolicy,
  type LabContext,
  type PolicyStatement,
} from '../../src/labs/kit/index.ts';

const allOn = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const allOff = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

/** The statement the contractor added "for the weekend" so the labelling vendor could pull and push files. */
function vendorStatement(bucket: string): PolicyStatement {
  return {
    Sid: 'LabelingVendorAccess',
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  };
}

function tlsOnlyStatement(bucket: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

const mentionsTransport = (s: PolicyStatement) => conditionsOf(s).some((c) => c.key === 'aws:securetransport');
const isPublicAllow = (s: PolicyStatement) => String(s.Effect).toLowerCase() === 'allow' && isEveryonePrincipal(s) && !restrictingCondition(s);

/** A few rows of the (synthetic, pseudonymised) dataset, so the bucket holds what the story says. */
function dataset(): Record<string, string> {
  const header = 'transaction_id,card_token,merchant_category,amount_eur,hour_of_day,country,device_age_days,label';
  const rows = (seed: number) =>
    Array.from({ length: 40 }, (_, i) => {
      const n = seed * 1000 + i;
      return [`tx-${n.toString(36)}`, `tok_${((n * 7919) % 99991).toString(16)}`, ['5411', '5732', '5999', '4829', '7995'][n % 5], ((n * 37) % 50000) / 100, n % 24, ['DE', 'FR', 'NL', 'IE', 'ES'][n % 5], (n * 13) % 900, n % 17 === 0 ? 1 : 0].join(',');
    }).join('\n');
  return {
    'train/transactions-2026-q1.csv': `${header}\n${rows(1)}\n`,
    'train/transactions-2026-q2.csv': `${header}\n${rows(2)}\n`,
    'labels/chargebacks-2026-h1.csv': `transaction_id,chargeback_reason\n${Array.from({ length: 12 }, (_, i) => `tx-${(1000 + i * 17).toString(36)},fraud-card-not-present`).join('\n')}\n`,
    'README.txt': 'Sentinel fraud model - training data. Contains pseudonymised cardholder transactions. CONFIDENTIAL - do not share outside the fraud-ml team.\n',
  };
}

async function bucketAcl(ctx: LabContext, acl: 'public-read' | 'private'): Promise<void> {
  const s3 = await ctx.aws.client('s3');
  await s3.send(new PutBucketAclCommand({ Bucket: ctx.names.trainingBucket, ACL: acl }));
}

async function bucketBlock(ctx: LabContext, config: typeof allOn): Promise<void> {
  const s3 = await ctx.aws.client('s3');
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: ctx.names.trainingBucket, PublicAccessBlockConfiguration: config }));
}

export default defineLab({
  id: 'exposed-training-data-bucket',
  title: 'Lock down an exposed training-data bucket',
  summary:
    'A fraud-detection team left its training data open to the internet. Close public access, add an account-wide guardrail, require TLS, encrypt with the team’s KMS key and turn on versioning — graded by the checks Security Hub and Prowler run.',
  syllabus: ['4.3.S1', '4.3.S3', '4.3.K1', '4.3.K2'],
  topics: ['least-privilege', 'kms', 'defense-in-depth'],
  difficulty: 'introductory',
  estimatedMinutes: 30,
  timeLimitMinutes: 120,
  services: ['s3', 's3control', 'kms', 'sts'],
  operations: [
    's3:CreateBucket',
    's3:PutBucketTagging',
    's3:PutObject',
    's3:PutBucketOwnershipControls',
    's3:PutBucketAcl',
    's3:PutPublicAccessBlock',
    's3:PutBucketPolicy',
    's3:GetBucketPolicy',
    's3:GetBucketPolicyStatus',
    's3:GetBucketAcl',
    's3:GetBucketOwnershipControls',
    's3:GetPublicAccessBlock',
    's3:GetBucketEncryption',
    's3:GetBucketVersioning',
    's3:ListObjectVersions',
    's3control:GetPublicAccessBlock',
    'kms:CreateKey',
    'kms:CreateAlias',
    'kms:ListAliases',
  ],
  resources: {
    trainingBucket: { type: 's3:bucket', name: 'fraud-training-data', title: 'the training-data bucket' },
    teamKey: { type: 'kms:alias', name: 'fraud-ml-data', title: 'the fraud team’s KMS key alias' },
  },
  setup: [
    {
      title: 'Create the fraud team’s KMS key',
      run: (ctx) => createKeyWithAlias(ctx, { alias: ctx.names.teamKey, description: 'fraud-ml team data key (Sentinel training data)', fact: 'teamKey', extraTags: { team: 'fraud-ml' } }),
    },
    {
      title: 'Create the training-data bucket',
      run: (ctx) => createBucket(ctx, ctx.names.trainingBucket, { team: 'fraud-ml', 'data-classification': 'confidential' }),
    },
    { title: 'Upload the Sentinel training dataset', run: (ctx) => putObjects(ctx, ctx.names.trainingBucket, dataset()) },
    {
      title: 'Open the bucket the way the contractor did',
      run: async (ctx) => {
        await allowPublicBucketsInAccount(ctx);
        await bucketBlock(ctx, allOff);
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: ctx.names.trainingBucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
        await bucketAcl(ctx, 'public-read');
        await writeBucketPolicy(ctx, ctx.names.trainingBucket, [vendorStatement(ctx.names.trainingBucket)]);
      },
    },
  ],
  tasks: [
    {
      id: 'close-public-access',
      title: 'Shut the public door',
      goal: 'Nobody outside the account can list, read or upload objects in the training-data bucket, and Block Public Access is fully on for it.',
      why: 'The bucket policy lets anyone on the internet read and write the data, and the ACL grants public read on top. Block Public Access overrides both kinds of mistake, now and next time.',
      checks: [
        { check: 's3-bucket-block-public-access', resource: 'trainingBucket' },
        { check: 's3-bucket-public-read', resource: 'trainingBucket' },
        { check: 's3-bucket-public-write', resource: 'trainingBucket' },
      ],
      hints: {
        nudge: 'Two things make this bucket public: a bucket policy statement that grants access to everyone, and an access control list. One bucket-level setting neutralises both kinds of grant at once.',
        where: 'Look at the four Block Public Access settings of the bucket (S3 API PutPublicAccessBlock) and at the bucket policy statement named LabelingVendorAccess (GetBucketPolicy). All four settings must be true.',
        command:
          'aws s3api put-public-access-block --bucket {{trainingBucket}} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\naws s3api delete-bucket-policy --bucket {{trainingBucket}}   # the policy only held the vendor statement\naws s3api put-bucket-acl --bucket {{trainingBucket}} --acl private',
      },
    },
    {
      id: 'account-guardrail',
      title: 'Put a guardrail on the whole account',
      goal: 'Block Public Access is on at the account level, so no bucket in this account can be made public by a policy or an ACL.',
      why: 'Fixing one bucket does not stop the next hurried change. The account-level setting applies to every bucket, including the ones a notebook or pipeline creates tomorrow.',
      checks: [{ check: 's3-account-block-public-access', resource: 'account' }],
      hints: {
        nudge: 'Block Public Access exists at two levels. You have dealt with one bucket; there is a setting that covers every bucket in the account.',
        where: 'It lives in the S3 Control API (account-level PutPublicAccessBlock), which takes your account id rather than a bucket name. STS GetCallerIdentity tells you the account id.',
        command:
          'aws s3control put-public-access-block --account-id {{accountId}} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n# The AWS CLI sends S3 Control requests to a host name that starts with the account id ({{accountId}}.127.0.0.1 for a local emulator),\n# which does not resolve. Use the lab terminal, or map {{accountId}}.localhost to 127.0.0.1 in /etc/hosts and use localhost in AWS_ENDPOINT_URL.',
      },
    },
    {
      id: 'require-tls',
      title: 'Refuse unencrypted connections',
      goal: 'The bucket policy denies every S3 action on the bucket and its objects when the request does not use TLS.',
      why: 'A notebook or container configured with an http endpoint would send training data in clear text across the network. A Deny in the bucket policy refuses such requests whatever the client does.',
      checks: [{ check: 's3-bucket-secure-transport', resource: 'trainingBucket' }],
      hints: {
        nudge: 'Only a Deny can stop a request that some other statement allows. The global condition key that tells whether a request came over TLS is aws:SecureTransport.',
        where: 'Add one statement to the bucket policy (GetBucketPolicy, then PutBucketPolicy with every statement you want to keep). It must apply to Principal "*", every S3 action, and both the bucket ARN and the objects under it, and match requests where aws:SecureTransport is false.',
        command:
          'aws s3api put-bucket-policy --bucket {{trainingBucket}} --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::{{trainingBucket}}","arn:aws:s3:::{{trainingBucket}}/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
      },
    },
    {
      id: 'encrypt-with-team-key',
      title: 'Encrypt with the team’s key',
      goal: 'New objects in the bucket are encrypted by default with SSE-KMS using the fraud team’s customer managed key (its alias is listed under Resources by `npm run lab -- status`).',
      why: 'With the team’s own key, its key policy decides who can decrypt the data, every decryption is logged against that key in CloudTrail, and disabling the key cuts access in one move. SSE-S3 and the AWS managed key give none of that.',
      checks: [{ check: 's3-bucket-default-encryption-kms', resource: 'trainingBucket', params: { key: '{{teamKey}}' } }],
      hints: {
        nudge: 'The bucket already encrypts, but with keys S3 manages. The team created its own KMS key for this data; the bucket’s default encryption should name it.',
        where: 'Default encryption is the bucket setting PutBucketEncryption. The algorithm to use is aws:kms, and the key is the one behind the team’s alias (KMS ListAliases shows it).',
        command:
          'aws s3api put-bucket-encryption --bucket {{trainingBucket}} --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"{{fact.teamKeyArn}}"},"BucketKeyEnabled":true}]}\'',
      },
    },
    {
      id: 'turn-on-versioning',
      title: 'Keep every version',
      goal: 'Versioning is enabled, so an overwritten or deleted training file can be restored.',
      why: 'The bucket was writable by anyone for a weekend. With versioning, a file someone replaced can be recovered and compared; without it the poisoned file is the only one left.',
      checks: [{ check: 's3-bucket-versioning', resource: 'trainingBucket' }],
      hints: {
        nudge: 'S3 can keep every version of every object instead of overwriting. It is off for this bucket.',
        where: 'It is the bucket setting PutBucketVersioning; the status you want is Enabled (Suspended is not the same thing).',
        command: 'aws s3api put-bucket-versioning --bucket {{trainingBucket}} --versioning-configuration Status=Enabled',
      },
    },
  ],
  solution: [
    {
      task: 'close-public-access',
      title: 'Turn on Block Public Access, drop the public statement and ACL, disable ACLs',
      run: async (ctx) => {
        await bucketBlock(ctx, allOn);
        await editBucketPolicy(ctx, ctx.names.trainingBucket, (statements) => statements.filter((s) => !isPublicAllow(s)));
        await bucketAcl(ctx, 'private');
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: ctx.names.trainingBucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
      },
    },
    {
      task: 'account-guardrail',
      title: 'Turn on account-level Block Public Access',
      run: async (ctx) => {
        const s3control = await ctx.aws.client('s3control');
        await s3control.send(new PutAccountPublicAccessBlockCommand({ AccountId: ctx.accountId, PublicAccessBlockConfiguration: allOn }));
      },
    },
    {
      task: 'require-tls',
      title: 'Add a TLS-only Deny statement to the bucket policy',
      run: (ctx) => editBucketPolicy(ctx, ctx.names.trainingBucket, (statements) => [...statements.filter((s) => !mentionsTransport(s)), tlsOnlyStatement(ctx.names.trainingBucket)]),
    },
    {
      task: 'encrypt-with-team-key',
      title: 'Default encryption with SSE-KMS and the team key',
      run: async (ctx) => {
        const s3 = await ctx.aws.client('s3');
        await s3.send(
          new PutBucketEncryptionCommand({
            Bucket: ctx.names.trainingBucket,
            ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ctx.facts.teamKeyArn }, BucketKeyEnabled: true }] },
          }),
        );
      },
    },
    {
      task: 'turn-on-versioning',
      title: 'Enable versioning',
      run: async (ctx) => {
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutBucketVersioningCommand({ Bucket: ctx.names.trainingBucket, VersioningConfiguration: { Status: 'Enabled' } }));
      },
    },
  ],
  nearMisses: [
    {
      id: 'tls-deny-when-secure',
      title: 'A Deny statement with aws:SecureTransport set to "true"',
      explanation:
        'The condition is inverted: this Deny matches requests that DO use TLS, so HTTPS clients are locked out and plain HTTP is still allowed. The Deny must match "aws:SecureTransport": "false".',
      task: 'require-tls',
      apply: (ctx) =>
        editBucketPolicy(ctx, ctx.names.trainingBucket, (statements) => [
          ...statements,
          { ...tlsOnlyStatement(ctx.names.trainingBucket), Sid: 'RequireTls', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
        ]),
    },
    {
      id: 'tls-allow-only-https',
      title: 'An Allow statement that grants access only over HTTPS',
      explanation:
        'An Allow adds permissions; it never takes any away. Requests over plain HTTP are still allowed by the identity policies of the callers. Only a Deny on "aws:SecureTransport": "false" refuses them.',
      task: 'require-tls',
      apply: (ctx) =>
        editBucketPolicy(ctx, ctx.names.trainingBucket, (statements) => [
          ...statements,
          {
            Sid: 'AllowOnlyHttps',
            Effect: 'Allow',
            Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${ctx.names.trainingBucket}`, `arn:aws:s3:::${ctx.names.trainingBucket}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          },
        ]),
    },
    {
      id: 'sse-s3-instead-of-team-key',
      title: 'Default encryption with SSE-S3 (AES256)',
      explanation: 'SSE-S3 encrypts at rest with keys S3 manages: there is no key policy of the team’s to control who can decrypt, and no per-key audit trail. The task asks for SSE-KMS with the team’s key.',
      task: 'encrypt-with-team-key',
      apply: async (ctx) => {
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutBucketEncryptionCommand({ Bucket: ctx.names.trainingBucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
      },
    },
    {
      id: 'aws-managed-key',
      title: 'SSE-KMS with the AWS managed key aws/s3',
      explanation: 'The AWS managed key’s policy is written by AWS and lets any principal in the account that can use S3 decrypt through S3. It is KMS, but not the team’s key, so the team still cannot decide who reads the data.',
      task: 'encrypt-with-team-key',
      apply: async (ctx) => {
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutBucketEncryptionCommand({ Bucket: ctx.names.trainingBucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }));
      },
    },
    {
      id: 'block-new-public-access-only',
      title: 'Turning on only BlockPublicAcls and BlockPublicPolicy',
      explanation:
        'These two settings only stop NEW public ACLs and policies from being applied. The public policy and ACL that already exist stay in force until IgnorePublicAcls and RestrictPublicBuckets are on as well (or the grants are removed).',
      task: 'close-public-access',
      apply: (ctx) => bucketBlock(ctx, { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false }),
    },
  ],
});
