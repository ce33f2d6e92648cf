import { UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  attachManagedPolicy,
  createAttachedPolicy,
  createBucket,
  createKeyWithAlias,
  createRole,
  defineLab,
  detachAwsManagedPolicies,
  editManagedPolicy,
  putObjects,
  sagemakerTrustPolicy,
  type LabContext,
  type PolicyStatement,
} from '../../src/labs/kit/index.ts';

type Names = 'executionRole' | 'projectPolicy' | 'dataBucket' | 'actuarialBucket' | 'projectKey' | 'actuarialKey';

const adminArn = (ctx: LabContext) => `arn:${ctx.partition}:iam::aws:policy/AdministratorAccess`;
const projectPolicyArn = (ctx: LabContext<Names>) => ctx.facts.projectPolicyArn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:policy/${ctx.names.projectPolicy}`;

const actionsOf = (s: PolicyStatement) => (s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action]);
const onlyService = (service: string) => (s: PolicyStatement) => actionsOf(s).length > 0 && actionsOf(s).every((a) => a.toLowerCase().startsWith(`${service}:`));

/** What the training job needs from S3, and nothing more. */
function scopedS3(ctx: LabContext<Names>): PolicyStatement[] {
  const bucket = `arn:${ctx.partition}:s3:::${ctx.names.dataBucket}`;
  return [
    { Sid: 'ReadTrainingData', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/training/*` },
    { Sid: 'ListTrainingPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket, Condition: { StringLike: { 's3:prefix': ['training/', 'training/*'] } } },
    { Sid: 'WriteModelArtifacts', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `${bucket}/output/*` },
  ];
}

/** Using the project key: decrypt what it protects, and create data keys for new artifacts. */
function scopedKms(ctx: LabContext<Names>): PolicyStatement[] {
  return [{ Sid: 'UseProjectKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: ctx.facts.projectKeyArn! }];
}

function dataset(): Record<string, string> {
  const header = 'claim_id,policy_tenure_months,vehicle_age_years,claim_amount_eur,injury_reported,days_to_report,region,triage_label';
  const rows = (seed: number) =>
    Array.from({ length: 30 }, (_, i) => {
      const n = seed * 100 + i;
      return [`CLM-${(70000 + n).toString()}`, (n * 7) % 120, (n * 3) % 18, ((n * 5431) % 900000) / 100, n % 9 === 0 ? 'yes' : 'no', n % 45, ['north', 'south', 'east', 'west'][n % 4], ['fast-track', 'standard', 'specialist'][n % 3]].join(',');
    }).join('\n');
  return {
    'training/claims-2026-q1.csv': `${header}\n${rows(1)}\n`,
    'training/claims-2026-q2.csv': `${header}\n${rows(2)}\n`,
    'output/claims-triage-2026-06/model.tar.gz.txt': 'placeholder for the last model artifact (the real one is a tarball written by the training job)\n',
  };
}

const request = (action: string, resource: string, label: string, context?: Record<string, string>) => ({ action, resource, label, ...(context ? { context } : {}) });
const dataArn = 'arn:{{partition}}:s3:::{{dataBucket}}';
const actuarialArn = 'arn:{{partition}}:s3:::{{actuarialBucket}}';

export default defineLab<Names>({
  id: 'overprivileged-execution-role',
  title: 'Cut an over-privileged SageMaker execution role down to size',
  summary:
    'A claims-triage training job runs as a role with AdministratorAccess and wildcard S3 and KMS access, trusted by anyone in the account. Scope it to the training and output prefixes and the project key, and trust only SageMaker for this account — graded by evaluating what the role can actually do.',
  syllabus: ['4.3.S1', '4.3.S2', '4.3.S4', '4.3.K1'],
  topics: ['iam-identities', 'least-privilege', 'kms'],
  difficulty: 'intermediate',
  estimatedMinutes: 40,
  timeLimitMinutes: 150,
  services: ['iam', 's3', 'kms', 'sts'],
  operations: [
    'iam:CreateRole',
    'iam:CreatePolicy',
    'iam:AttachRolePolicy',
    'iam:GetRole',
    'iam:ListRoles',
    'iam:ListRolePolicies',
    'iam:GetRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:GetPolicy',
    'iam:GetPolicyVersion',
    'iam:ListPolicyVersions',
    'iam:ListRoleTags',
    's3:CreateBucket',
    's3:PutBucketTagging',
    's3:PutObject',
    'kms:CreateKey',
    'kms:CreateAlias',
    'kms:ListAliases',
  ],
  resources: {
    executionRole: { type: 'iam:role', name: 'claims-training-execution', title: 'the claims-triage training execution role' },
    projectPolicy: { type: 'iam:policy', name: 'claims-project-access', title: 'the claims project policy attached to the role' },
    dataBucket: { type: 's3:bucket', name: 'claims-ml-data', title: 'the claims ML data bucket' },
    actuarialBucket: { type: 's3:bucket', name: 'actuarial-reserves', title: 'the actuarial team’s bucket' },
    projectKey: { type: 'kms:alias', name: 'claims-ml', title: 'the claims project KMS key alias' },
    actuarialKey: { type: 'kms:alias', name: 'actuarial', title: 'the actuarial team’s KMS key alias' },
  },
  setup: [
    {
      title: 'Create the claims project key and the actuarial team’s key',
      run: async (ctx) => {
        await createKeyWithAlias(ctx, { alias: ctx.names.projectKey, description: 'claims-ml project key (training data and model artifacts)', fact: 'projectKey', extraTags: { team: 'claims-ml' } });
        await createKeyWithAlias(ctx, { alias: ctx.names.actuarialKey, description: 'actuarial reserves data key', fact: 'actuarialKey', extraTags: { team: 'actuarial' } });
      },
    },
    {
      title: 'Create the data buckets and upload the claims dataset',
      run: async (ctx) => {
        await createBucket(ctx, ctx.names.dataBucket, { team: 'claims-ml', 'data-classification': 'confidential' });
        await putObjects(ctx, ctx.names.dataBucket, dataset());
        await createBucket(ctx, ctx.names.actuarialBucket, { team: 'actuarial', 'data-classification': 'restricted' });
        await putObjects(ctx, ctx.names.actuarialBucket, { 'reserves/2026-q1.csv': 'line_of_business,reserve_eur\nmotor,41200000\nproperty,18750000\n' });
      },
    },
    {
      title: 'Create the execution role the way the prototype left it',
      run: async (ctx) => {
        // "So we can debug from our laptops": the account itself is trusted, and SageMaker without any guard.
        const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com', AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: 'sts:AssumeRole' }] };
        await createRole(ctx, { name: ctx.names.executionRole, trust, description: 'claims-triage training jobs', fact: 'executionRole', extraTags: { team: 'claims-ml' } });
        await attachManagedPolicy(ctx, ctx.names.executionRole, adminArn(ctx));
        await createAttachedPolicy(ctx, {
          name: ctx.names.projectPolicy,
          role: ctx.names.executionRole,
          description: 'claims-ml project access (prototype)',
          fact: 'projectPolicy',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'ProjectData', Effect: 'Allow', Action: 's3:*', Resource: '*' },
              { Sid: 'ProjectKeys', Effect: 'Allow', Action: 'kms:*', Resource: '*' },
            ],
          },
        });
      },
    },
  ],
  tasks: [
    {
      id: 'remove-admin',
      title: 'Take away administrator access',
      goal: 'No policy of the execution role grants every action on every resource; the role can no longer create IAM users, change its own policies, start EC2 instances or stop CloudTrail.',
      why: 'Anything that runs inside the training container — the script, every pip dependency, a compromised base image — acts with this role. With AdministratorAccess, one malicious package owns the account.',
      checks: [
        { check: 'iam-role-no-administrative-privileges', resource: 'executionRole' },
        {
          check: 'iam-role-effective-permissions',
          resource: 'executionRole',
          params: {
            denied: [
              request('iam:CreateUser', '*', 'create IAM users'),
              request('iam:AttachRolePolicy', 'arn:{{partition}}:iam::{{accountId}}:role/{{executionRole}}', 'attach policies to itself'),
              request('ec2:RunInstances', '*', 'start EC2 instances'),
              request('cloudtrail:StopLogging', '*', 'stop CloudTrail'),
            ],
          },
        },
      ],
      hints: {
        nudge: 'Look at everything attached to the role, not only the policy the team wrote. One of the attachments is an AWS managed policy that makes every other statement irrelevant.',
        where: 'IAM ListAttachedRolePolicies shows the managed policies on the role; DetachRolePolicy removes one. Replacing it with another broad AWS managed policy (for example a power-user one) does not count.',
        command: 'aws iam list-attached-role-policies --role-name {{executionRole}}\naws iam detach-role-policy --role-name {{executionRole}} --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
      },
    },
    {
      id: 'scope-data-access',
      title: 'Limit S3 to the training and output prefixes',
      goal: 'The role can read objects under training/ (and list that prefix) and write under output/ in the claims data bucket — and cannot overwrite or delete training data, touch the bucket’s configuration, or read any other bucket.',
      why: 'A training job that can overwrite its own training data can poison the next model; one that can read every bucket turns a leaked container credential into a data breach. The job needs three things: read training/, list it, write output/.',
      checks: [
        { check: 'iam-role-no-wildcard-service-actions', resource: 'executionRole', params: { services: ['s3'] } },
        {
          check: 'iam-role-effective-permissions',
          resource: 'executionRole',
          params: {
            allowed: [
              request('s3:GetObject', `${dataArn}/training/claims-2026-q1.csv`, 'read the training data'),
              request('s3:ListBucket', dataArn, 'list the training prefix', { 's3:prefix': 'training/' }),
              request('s3:PutObject', `${dataArn}/output/claims-triage-2026-07/model.tar.gz`, 'write the model artifact'),
            ],
            denied: [
              request('s3:PutObject', `${dataArn}/training/claims-2026-q1.csv`, 'overwrite training data'),
              request('s3:DeleteObject', `${dataArn}/training/claims-2026-q1.csv`, 'delete training data'),
              request('s3:PutBucketPolicy', dataArn, 'rewrite the bucket policy'),
              request('s3:DeleteBucket', dataArn, 'delete the bucket'),
              request('s3:GetObject', `${actuarialArn}/reserves/2026-q1.csv`, 'read the actuarial team’s data'),
              request('s3:ListBucket', actuarialArn, 'list the actuarial bucket', { 's3:prefix': '' }),
            ],
          },
        },
      ],
      hints: {
        nudge: 'The project policy grants every S3 action on every bucket. Write down the three things the job actually does with S3, and grant exactly those, each on the narrowest resource.',
        where: 'The S3 statements live in the customer managed policy attached to the role (IAM GetPolicyVersion shows its current document; CreatePolicyVersion with SetAsDefault replaces it). Object actions take object ARNs with a prefix (bucket ARN, slash, prefix, star); ListBucket takes the bucket ARN and can be limited with the s3:prefix condition key.',
        command:
          'aws iam create-policy-version --policy-arn {{fact.projectPolicyArn}} --set-as-default --policy-document \'{"Version":"2012-10-17","Statement":[{"Sid":"ReadTrainingData","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{dataBucket}}/training/*"},{"Sid":"ListTrainingPrefix","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::{{dataBucket}}","Condition":{"StringLike":{"s3:prefix":["training/","training/*"]}}},{"Sid":"WriteModelArtifacts","Effect":"Allow","Action":["s3:PutObject","s3:AbortMultipartUpload"],"Resource":"arn:aws:s3:::{{dataBucket}}/output/*"},{"Sid":"ProjectKeys","Effect":"Allow","Action":"kms:*","Resource":"*"}]}\'\n# keeps the KMS statement as it is: the next task scopes it',
      },
    },
    {
      id: 'scope-key-use',
      title: 'Use only the project key',
      goal: 'The role can decrypt with and generate data keys from the claims project key only — not decrypt with the actuarial team’s key, and not administer the project key (no deleting it, no rewriting its policy).',
      why: 'kms:* on every key means the role can decrypt anything any team encrypted, and could schedule the project key for deletion, destroying every artifact it protects. Encryption only separates teams when each role can use only its own key.',
      checks: [
        { check: 'iam-role-no-kms-decrypt-on-all-keys', resource: 'executionRole' },
        { check: 'iam-role-no-wildcard-service-actions', resource: 'executionRole', params: { services: ['kms'] } },
        {
          check: 'iam-role-effective-permissions',
          resource: 'executionRole',
          params: {
            allowed: [request('kms:Decrypt', '{{fact.projectKeyArn}}', 'decrypt training data with the project key'), request('kms:GenerateDataKey', '{{fact.projectKeyArn}}', 'encrypt the model artifact with the project key')],
            denied: [
              request('kms:Decrypt', '{{fact.actuarialKeyArn}}', 'decrypt with the actuarial team’s key'),
              request('kms:ScheduleKeyDeletion', '{{fact.projectKeyArn}}', 'schedule the project key for deletion'),
              request('kms:PutKeyPolicy', '{{fact.projectKeyArn}}', 'rewrite the project key’s policy'),
            ],
          },
        },
      ],
      hints: {
        nudge: 'The job uses one key for two things: reading encrypted training data and encrypting what it writes. Neither needs administering keys, and neither needs any other team’s key.',
        where: 'The KMS statement is in the same customer managed policy. In IAM policies, KMS operations are authorised against the key ARN (not the alias ARN); KMS ListAliases shows which key the project alias points to. Decrypt and GenerateDataKey are the two operations the job calls.',
        command:
          'aws iam create-policy-version --policy-arn {{fact.projectPolicyArn}} --set-as-default --policy-document \'{"Version":"2012-10-17","Statement":[{"Sid":"ReadTrainingData","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{dataBucket}}/training/*"},{"Sid":"ListTrainingPrefix","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::{{dataBucket}}","Condition":{"StringLike":{"s3:prefix":["training/","training/*"]}}},{"Sid":"WriteModelArtifacts","Effect":"Allow","Action":["s3:PutObject","s3:AbortMultipartUpload"],"Resource":"arn:aws:s3:::{{dataBucket}}/output/*"},{"Sid":"UseProjectKey","Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey","kms:DescribeKey"],"Resource":"{{fact.projectKeyArn}}"}]}\'\n# a policy has at most 5 versions: aws iam delete-policy-version removes old ones if you hit the limit',
      },
    },
    {
      id: 'lock-trust',
      title: 'Trust only SageMaker, only for this account',
      goal: 'The trust policy lets sagemaker.amazonaws.com — and nobody else — assume the role, with a condition that SageMaker acts on behalf of this account (aws:SourceAccount, or aws:SourceArn in this account).',
      why: 'Trusting the account root lets any user or role in the account with sts:AssumeRole use the job’s permissions. Trusting SageMaker without aws:SourceAccount lets SageMaker be tricked into using the role for someone else’s request — the confused-deputy problem.',
      checks: [{ check: 'iam-role-trust-limited-to-service', resource: 'executionRole', params: { service: 'sagemaker.amazonaws.com' } }],
      hints: {
        nudge: 'Who can become this role is decided by a separate policy from what the role can do. Two principals are trusted today, and the service one has no guard.',
        where: 'The trust policy is the role’s AssumeRolePolicyDocument (IAM GetRole shows it, UpdateAssumeRolePolicy replaces it). The global condition keys for the confused-deputy problem are aws:SourceAccount and aws:SourceArn.',
        command:
          'aws iam update-assume-role-policy --role-name {{executionRole}} --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"{{accountId}}"}}}]}\'',
      },
    },
  ],
  solution: [
    { task: 'remove-admin', title: 'Detach every AWS managed policy from the role', run: async (ctx) => void (await detachAwsManagedPolicies(ctx, ctx.names.executionRole)) },
    {
      task: 'scope-data-access',
      title: 'Replace the S3 statements of the project policy with the three the job needs',
      run: (ctx) => editManagedPolicy(ctx, projectPolicyArn(ctx), (statements) => [...scopedS3(ctx), ...statements.filter((s) => !onlyService('s3')(s))]),
    },
    {
      task: 'scope-key-use',
      title: 'Replace the KMS statements of the project policy with use of the project key',
      run: (ctx) => editManagedPolicy(ctx, projectPolicyArn(ctx), (statements) => [...statements.filter((s) => !onlyService('kms')(s)), ...scopedKms(ctx)]),
    },
    {
      task: 'lock-trust',
      title: 'Trust only sagemaker.amazonaws.com, with aws:SourceAccount',
      run: async (ctx) => {
        const iam = await ctx.aws.client('iam');
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ctx.names.executionRole, PolicyDocument: JSON.stringify(sagemakerTrustPolicy(ctx.accountId)) }));
      },
    },
  ],
  nearMisses: [
    {
      id: 'power-user-instead-of-admin',
      title: 'Swap AdministratorAccess for PowerUserAccess',
      explanation:
        'PowerUserAccess allows every action except IAM, Organizations and account management (NotAction on "*"). The role can still start instances, stop CloudTrail and read every bucket — it is administrator access minus user management, not least privilege.',
      task: 'remove-admin',
      apply: async (ctx) => {
        await detachAwsManagedPolicies(ctx, ctx.names.executionRole);
        await attachManagedPolicy(ctx, ctx.names.executionRole, `arn:${ctx.partition}:iam::aws:policy/PowerUserAccess`);
      },
    },
    {
      id: 'whole-bucket-read-write',
      title: 'Read and write on the whole data bucket',
      explanation:
        'Scoping to one bucket is progress, but s3:PutObject on every key lets the job (or whatever runs in it) overwrite the training data under training/ — exactly the poisoning path. Reads belong on training/, writes on output/.',
      task: 'scope-data-access',
      apply: async (ctx) => {
        await detachAwsManagedPolicies(ctx, ctx.names.executionRole);
        const bucket = `arn:${ctx.partition}:s3:::${ctx.names.dataBucket}`;
        await editManagedPolicy(ctx, projectPolicyArn(ctx), (statements) => [
          { Sid: 'ProjectBucket', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [bucket, `${bucket}/*`] },
          ...statements.filter((s) => !onlyService('s3')(s)),
        ]);
      },
    },
    {
      id: 'decrypt-on-every-key',
      title: 'Replace kms:* with kms:Decrypt and kms:GenerateDataKey on "*"',
      explanation:
        'Fewer actions, but still on every key: the role can decrypt data encrypted with any team’s key that allows the account, which is what KMS.1 and KMS.2 flag. Name the project key’s ARN as the Resource.',
      task: 'scope-key-use',
      apply: (ctx) =>
        editManagedPolicy(ctx, projectPolicyArn(ctx), (statements) => [
          ...statements.filter((s) => !onlyService('kms')(s)),
          { Sid: 'ProjectKeys', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' },
        ]),
    },
    {
      id: 'source-account-but-root-still-trusted',
      title: 'Add aws:SourceAccount but keep the account root in the trust policy',
      explanation:
        'The condition guards SageMaker, but the AWS principal for the account root is still there: any IAM user or role in the account whose policies allow sts:AssumeRole can become the execution role. Only the service principal belongs in this trust policy.',
      task: 'lock-trust',
      apply: async (ctx) => {
        const iam = await ctx.aws.client('iam');
        const trust = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com', AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } } }],
        };
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ctx.names.executionRole, PolicyDocument: JSON.stringify(trust) }));
      },
    },
    {
      id: 'source-arn-any-account',
      title: 'Guard SageMaker with aws:SourceArn matching any account',
      explanation:
        'An aws:SourceArn pattern with "*" in the account field matches training jobs in every AWS account, so it does not stop the confused deputy at all. The account field must be this account’s id (or use aws:SourceAccount).',
      task: 'lock-trust',
      apply: async (ctx) => {
        const iam = await ctx.aws.client('iam');
        const trust = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': `arn:${ctx.partition}:sagemaker:*:*:training-job/*` } } }],
        };
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ctx.names.executionRole, PolicyDocument: JSON.stringify(trust) }));
      },
    },
  ],
});
