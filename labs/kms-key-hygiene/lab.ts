import { DeleteRolePolicyCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { EnableKeyRotationCommand, PutKeyPolicyCommand, RotateKeyOnDemandCommand } from '@aws-sdk/client-kms';
import { createKeyWithAlias, createRole, defineLab, putRoleInlinePolicy, type LabContext, type PolicyDocument, type PolicyStatement } from '../../src/labs/kit/index.ts';

type Names = 'featureKey' | 'payrollKey' | 'dataScientistRole';

/** The statement every customer managed key starts with: the account may delegate use of the key to IAM. */
const rootStatement = (ctx: LabContext): PolicyStatement => ({
  Sid: 'EnableIAMUserPermissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
  Action: 'kms:*',
  Resource: '*',
});

/** What a contractor added so "the analytics partner could read the exports" after its account id changed. */
const openStatement: PolicyStatement = {
  Sid: 'AllowAnalyticsPartner',
  Effect: 'Allow',
  Principal: '*',
  Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*'],
  Resource: '*',
};

async function putKeyPolicy(ctx: LabContext<Names>, statements: PolicyStatement[]): Promise<void> {
  const kms = await ctx.aws.client('kms');
  const policy: PolicyDocument = { Version: '2012-10-17', Id: 'readmission-features-key-policy', Statement: statements };
  await kms.send(new PutKeyPolicyCommand({ KeyId: ctx.facts.featureKeyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
}

async function replaceInlinePolicies(ctx: LabContext<Names>, document: PolicyDocument): Promise<void> {
  const iam = await ctx.aws.client('iam');
  const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: ctx.names.dataScientistRole }))).PolicyNames ?? [];
  for (const PolicyName of names) await iam.send(new DeleteRolePolicyCommand({ RoleName: ctx.names.dataScientistRole, PolicyName }));
  await putRoleInlinePolicy(ctx, ctx.names.dataScientistRole, 'feature-key-use', document);
}

const request = (action: string, resource: string, label: string) => ({ action, resource, label });

export default defineLab<Names>({
  id: 'kms-key-hygiene',
  title: 'Key hygiene for a feature-store encryption key',
  summary:
    'The key that encrypts a hospital readmission model’s features never rotates, its key policy lets anyone decrypt, and data scientists hold kms:* on every key. Turn on rotation, close the key policy and give the data-scientist role use of one key only (KMS.4, KMS.5, KMS.1/KMS.2).',
  syllabus: ['4.3.K2', '4.3.S1', '4.3.S2'],
  topics: ['kms', 'least-privilege'],
  difficulty: 'introductory',
  estimatedMinutes: 30,
  timeLimitMinutes: 120,
  services: ['kms', 'iam', 'sts'],
  operations: [
    'kms:CreateKey',
    'kms:CreateAlias',
    'kms:ListAliases',
    'kms:DescribeKey',
    'kms:GetKeyPolicy',
    'kms:PutKeyPolicy',
    'kms:GetKeyRotationStatus',
    'kms:ListResourceTags',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:GetRole',
    'iam:ListRolePolicies',
    'iam:GetRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:ListRoleTags',
  ],
  resources: {
    featureKey: { type: 'kms:alias', name: 'readmission-features', title: 'the readmission feature-store key alias' },
    payrollKey: { type: 'kms:alias', name: 'hr-payroll', title: 'the HR payroll key alias' },
    dataScientistRole: { type: 'iam:role', name: 'data-scientist', title: 'the data-scientist role' },
  },
  setup: [
    {
      title: 'Create the feature-store key and the HR payroll key',
      run: async (ctx) => {
        await createKeyWithAlias(ctx, { alias: ctx.names.featureKey, description: 'readmission model feature store (patient features, PHI)', fact: 'featureKey', extraTags: { team: 'clinical-ml' } });
        await createKeyWithAlias(ctx, { alias: ctx.names.payrollKey, description: 'HR payroll exports', fact: 'payrollKey', extraTags: { team: 'hr' } });
      },
    },
    { title: 'Open the feature key’s policy to everyone', run: (ctx) => putKeyPolicy(ctx, [rootStatement(ctx), openStatement]) },
    {
      title: 'Create the data-scientist role with kms:* on every key',
      run: async (ctx) => {
        const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: 'sts:AssumeRole' }] };
        await createRole(ctx, { name: ctx.names.dataScientistRole, trust, description: 'clinical ML data scientists (assumed through single sign-on)', fact: 'dataScientistRole', extraTags: { team: 'clinical-ml' } });
        await putRoleInlinePolicy(ctx, ctx.names.dataScientistRole, 'key-access', { Version: '2012-10-17', Statement: [{ Sid: 'AllKeys', Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
      },
    },
  ],
  tasks: [
    {
      id: 'enable-rotation',
      title: 'Turn on automatic key rotation',
      goal: 'The feature-store key rotates its key material automatically (yearly, or on a period you choose).',
      why: 'The key has protected three years of patient features with the same material. Automatic rotation limits how much data any one version protects and how long leaked material stays useful — without changing the key id, so nothing that uses the key breaks.',
      checks: [{ check: 'kms-key-rotation-enabled', resource: 'featureKey' }],
      hints: {
        nudge: 'KMS can replace a key’s cryptographic material on a schedule while keeping the same key id and alias, and keep the old material to decrypt older data. It is off for this key.',
        where: 'Look at the key’s rotation status (KMS GetKeyRotationStatus) and the operation that switches automatic rotation on. A one-off rotation right now is a different operation and does not set a schedule.',
        command: 'aws kms enable-key-rotation --key-id {{fact.featureKeyId}}\naws kms get-key-rotation-status --key-id {{fact.featureKeyId}}',
      },
    },
    {
      id: 'close-key-policy',
      title: 'Close the key policy to the world',
      goal: 'No statement of the feature key’s policy allows Principal "*" (or {"AWS": "*"}) without a condition that fixes the caller’s account or organization; the account keeps its statement, so the key stays manageable.',
      why: 'The key policy is the first word on who may use a KMS key. "Principal *" lets a principal in any AWS account decrypt with it — anyone who obtains an exported file can read it, and encryption stops protecting the patient data.',
      checks: [{ check: 'kms-key-policy-not-public', resource: 'featureKey' }],
      hints: {
        nudge: 'One statement of the key’s own policy grants decryption to every principal of every AWS account. A condition that is about the connection, not about who calls, does not change who it applies to.',
        where: 'Read the key policy (KMS GetKeyPolicy, policy name default) and write it back without the AllowAnalyticsPartner statement (PutKeyPolicy). Keep the EnableIAMUserPermissions statement, or you may lock the account out of its own key. A partner account, if needed, is named by its account ARN.',
        command:
          'aws kms put-key-policy --key-id {{fact.featureKeyId}} --policy-name default --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"EnableIAMUserPermissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{accountId}}:root"},"Action":"kms:*","Resource":"*"}]}\'',
      },
    },
    {
      id: 'scope-data-scientist',
      title: 'Give data scientists one key, to use but not to manage',
      goal: 'The data-scientist role can decrypt with, generate data keys from and describe the feature-store key — and cannot decrypt with any other key (such as HR payroll), nor delete, re-policy, disable rotation of or grant away the feature key.',
      why: 'kms:* on every key lets anyone who can assume the role decrypt every team’s data in the account and schedule the feature key for deletion, destroying access to everything it protects. Using a key and administering it are separate duties.',
      checks: [
        { check: 'iam-role-no-kms-decrypt-on-all-keys', resource: 'dataScientistRole' },
        { check: 'iam-role-no-wildcard-service-actions', resource: 'dataScientistRole', params: { services: ['kms'] } },
        {
          check: 'iam-role-effective-permissions',
          resource: 'dataScientistRole',
          params: {
            allowed: [
              request('kms:Decrypt', '{{fact.featureKeyArn}}', 'decrypt feature files'),
              request('kms:GenerateDataKey', '{{fact.featureKeyArn}}', 'encrypt new feature files'),
              request('kms:DescribeKey', '{{fact.featureKeyArn}}', 'describe the feature key'),
            ],
            denied: [
              request('kms:Decrypt', '{{fact.payrollKeyArn}}', 'decrypt HR payroll exports'),
              request('kms:ScheduleKeyDeletion', '{{fact.featureKeyArn}}', 'schedule the feature key for deletion'),
              request('kms:PutKeyPolicy', '{{fact.featureKeyArn}}', 'rewrite the feature key’s policy'),
              request('kms:DisableKeyRotation', '{{fact.featureKeyArn}}', 'turn rotation off again'),
              request('kms:CreateGrant', '{{fact.featureKeyArn}}', 'grant the key to someone else'),
            ],
          },
        },
      ],
      hints: {
        nudge: 'Data scientists use one key for their work: to read encrypted features and to write new ones. Everything else kms:* on every key gives them is somebody else’s key or a key administrator’s job.',
        where: 'The grant is an inline policy of the role (IAM ListRolePolicies, GetRolePolicy; PutRolePolicy replaces it). In IAM policies, KMS permissions are granted on the key ARN (KMS ListAliases or DescribeKey shows it for the alias). The operations for using a key are Decrypt, GenerateDataKey and DescribeKey.',
        command:
          'aws iam put-role-policy --role-name {{dataScientistRole}} --policy-name key-access --policy-document \'{"Version":"2012-10-17","Statement":[{"Sid":"UseFeatureKey","Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey","kms:DescribeKey"],"Resource":"{{fact.featureKeyArn}}"}]}\'',
      },
    },
  ],
  solution: [
    {
      task: 'enable-rotation',
      title: 'Enable automatic rotation of the feature key',
      run: async (ctx) => {
        const kms = await ctx.aws.client('kms');
        await kms.send(new EnableKeyRotationCommand({ KeyId: ctx.facts.featureKeyId }));
      },
    },
    { task: 'close-key-policy', title: 'Write the key policy back with only the account statement', run: (ctx) => putKeyPolicy(ctx, [rootStatement(ctx)]) },
    {
      task: 'scope-data-scientist',
      title: 'Replace the role’s inline policies with use of the feature key',
      run: (ctx) =>
        replaceInlinePolicies(ctx, { Version: '2012-10-17', Statement: [{ Sid: 'UseFeatureKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: ctx.facts.featureKeyArn! }] }),
    },
  ],
  nearMisses: [
    {
      id: 'rotate-once-on-demand',
      title: 'Rotate the key once, on demand',
      explanation: 'RotateKeyOnDemand creates new key material right now, once. It does not switch on automatic rotation, so the new material would then protect the data indefinitely — KMS.4 still fails.',
      task: 'enable-rotation',
      apply: async (ctx) => {
        const kms = await ctx.aws.client('kms');
        await kms.send(new RotateKeyOnDemandCommand({ KeyId: ctx.facts.featureKeyId }));
      },
    },
    {
      id: 'aws-star-principal',
      title: 'Change Principal "*" to {"AWS": "*"}',
      explanation: '{"AWS": "*"} means every AWS principal in every account — exactly the same as "*". Remove the statement, or name the partner account, or add a condition on aws:PrincipalAccount / kms:CallerAccount / aws:PrincipalOrgID.',
      task: 'close-key-policy',
      apply: (ctx) => putKeyPolicy(ctx, [rootStatement(ctx), { ...openStatement, Principal: { AWS: '*' } }]),
    },
    {
      id: 'tls-condition-only',
      title: 'Keep Principal "*" but require TLS',
      explanation: 'aws:SecureTransport says how the request arrived, not who sent it: anyone in any account can still decrypt over HTTPS. Only a condition on the caller’s account or organization makes a "*" statement non-public.',
      task: 'close-key-policy',
      apply: (ctx) => putKeyPolicy(ctx, [rootStatement(ctx), { ...openStatement, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]),
    },
    {
      id: 'decrypt-on-every-key',
      title: 'Replace kms:* with the usage actions, still on "*"',
      explanation: 'Dropping the administrative actions is half the job: kms:Decrypt on "*" still lets the role decrypt with every key in the account whose policy delegates to IAM — the HR payroll key included (KMS.2).',
      task: 'scope-data-scientist',
      apply: (ctx) => replaceInlinePolicies(ctx, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: '*' }] }),
    },
    {
      id: 'deny-admin-keep-wildcard',
      title: 'Keep kms:* on "*" and add a Deny for key deletion and policy changes',
      explanation: 'The explicit Deny does stop deletion and policy rewrites, but the Allow still covers every key and every other action: the role can decrypt payroll exports and create grants. Grant the usage actions on the feature key instead.',
      task: 'scope-data-scientist',
      apply: (ctx) =>
        replaceInlinePolicies(ctx, {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
            { Effect: 'Deny', Action: ['kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:DisableKeyRotation'], Resource: '*' },
          ],
        }),
    },
  ],
});
