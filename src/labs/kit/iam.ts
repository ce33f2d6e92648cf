import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyVersionCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { statementsOf } from '../../checks/lib/policy.ts';
import { parsePolicyDocument } from '../../inventory/policy-document.ts';
import type { PolicyDocument, PolicyStatement } from '../../inventory/types.ts';
import type { LabContext } from '../definition.ts';

/** The usual trust policy of a SageMaker execution role, guarded against the confused deputy. */
export function sagemakerTrustPolicy(accountId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': accountId } } }],
  };
}

/** Creates a role tagged for the run; records `<fact>Arn`. */
export async function createRole(ctx: LabContext, options: { name: string; trust: PolicyDocument; description: string; fact: string; extraTags?: Record<string, string> }): Promise<string> {
  const iam = await ctx.aws.client('iam');
  const tags = Object.entries({ ...ctx.tags, ...options.extraTags }).map(([Key, Value]) => ({ Key, Value }));
  const role = await iam.send(new CreateRoleCommand({ RoleName: options.name, AssumeRolePolicyDocument: JSON.stringify(options.trust), Description: options.description, Tags: tags }));
  const arn = role.Role?.Arn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:role/${options.name}`;
  ctx.setFact(`${options.fact}Arn`, arn);
  return arn;
}

/**
 * Creates a SageMaker execution role: SageMaker may assume it for this account only
 * (`sagemakerTrustPolicy`), tagged for the run, with `policy` as an inline policy named `work` when
 * given; records `<fact>Arn`. Teardown finds it as an `iam:role` by the run prefix.
 */
export async function createExecutionRole(ctx: LabContext, options: { name: string; description: string; fact: string; policy?: PolicyDocument }): Promise<string> {
  const arn = await createRole(ctx, { name: options.name, trust: sagemakerTrustPolicy(ctx.accountId), description: options.description, fact: options.fact });
  if (options.policy) await putRoleInlinePolicy(ctx, options.name, 'work', options.policy);
  return arn;
}

/** Creates a customer managed policy tagged for the run and attaches it to `role`; records `<fact>Arn`. */
export async function createAttachedPolicy(ctx: LabContext, options: { name: string; role: string; document: PolicyDocument; description: string; fact: string }): Promise<string> {
  const iam = await ctx.aws.client('iam');
  const created = await iam.send(new CreatePolicyCommand({ PolicyName: options.name, PolicyDocument: JSON.stringify(options.document), Description: options.description, Tags: ctx.tagList }));
  const arn = created.Policy?.Arn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:policy/${options.name}`;
  await iam.send(new AttachRolePolicyCommand({ RoleName: options.role, PolicyArn: arn }));
  ctx.setFact(`${options.fact}Arn`, arn);
  return arn;
}

export async function putRoleInlinePolicy(ctx: LabContext, role: string, name: string, document: PolicyDocument): Promise<void> {
  const iam = await ctx.aws.client('iam');
  await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: name, PolicyDocument: JSON.stringify(document) }));
}

export async function attachManagedPolicy(ctx: LabContext, role: string, policyArn: string): Promise<void> {
  const iam = await ctx.aws.client('iam');
  await iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: policyArn }));
}

/** Detaches every AWS managed policy (`arn:aws:iam::aws:policy/…`) from the role. */
export async function detachAwsManagedPolicies(ctx: LabContext, role: string): Promise<string[]> {
  const iam = await ctx.aws.client('iam');
  const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? [];
  const aws = attached.map((p) => p.PolicyArn!).filter((arn) => /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn));
  for (const arn of aws) await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
  return aws;
}

/**
 * Read-modify-write of a customer managed policy: `edit` gets the default version's statements and
 * returns the new ones, which become a new default version. Older non-default versions are deleted
 * first, so the five-version quota is never hit.
 */
export async function editManagedPolicy(ctx: LabContext, policyArn: string, edit: (statements: PolicyStatement[]) => PolicyStatement[]): Promise<void> {
  const iam = await ctx.aws.client('iam');
  const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy;
  const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy?.DefaultVersionId }))).PolicyVersion;
  const document = parsePolicyDocument(version?.Document ?? '{}');
  if (!document) throw new Error(`The default version of ${policyArn} is not a valid JSON policy document; fix it with aws iam create-policy-version before running this step again.`);
  const statements = statementsOf(document);
  const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions ?? [];
  for (const v of versions) if (!v.IsDefaultVersion) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: v.VersionId! }));
  await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: edit(statements) }), SetAsDefault: true }));
}
