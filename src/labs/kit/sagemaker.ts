/** Helpers for labs that build SageMaker environments: execution roles and waiting on notebooks. */
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { DescribeNotebookInstanceCommand, ListNotebookInstancesCommand } from '@aws-sdk/client-sagemaker';
import { stopAndDeleteNotebook } from '../resources/sagemaker-notebook.ts';
import type { LabContext } from '../definition.ts';
import type { PolicyDocument } from '../../inventory/types.ts';

/**
 * Creates a role SageMaker may assume for this account only (aws:SourceAccount), tagged for the run,
 * with an inline policy; records `<fact>Arn`.
 */
export async function createExecutionRole(ctx: LabContext, options: { name: string; description: string; fact: string; policy: PolicyDocument }): Promise<string> {
  const iam = await ctx.aws.client('iam');
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } } }],
  };
  const role = await iam.send(new CreateRoleCommand({ RoleName: options.name, Description: options.description, AssumeRolePolicyDocument: JSON.stringify(trust), Tags: ctx.tagList }));
  await iam.send(new PutRolePolicyCommand({ RoleName: options.name, PolicyName: 'work', PolicyDocument: JSON.stringify(options.policy) }));
  const arn = role.Role?.Arn ?? `arn:${ctx.partition}:iam::${ctx.accountId}:role/${options.name}`;
  ctx.setFact(`${options.fact}Arn`, arn);
  return arn;
}

/** Names of the notebooks whose name starts with `prefix` and that are not on their way out. */
export async function notebooksNamed(ctx: LabContext, prefix: string): Promise<string[]> {
  const sagemaker = await ctx.aws.client('sagemaker');
  const page = await sagemaker.send(new ListNotebookInstancesCommand({ NameContains: prefix, MaxResults: 100 }));
  return (page.NotebookInstances ?? []).filter((n) => n.NotebookInstanceName?.startsWith(prefix) && n.NotebookInstanceStatus !== 'Deleting').map((n) => n.NotebookInstanceName!);
}

/** Stops and deletes a notebook, waiting for the stop as SageMaker requires. */
export async function retireNotebook(ctx: LabContext, name: string): Promise<void> {
  await stopAndDeleteNotebook(await ctx.aws.client('sagemaker'), name);
}

/** The notebook's status, or undefined when it does not exist. */
export async function notebookStatus(ctx: LabContext, name: string): Promise<string | undefined> {
  const sagemaker = await ctx.aws.client('sagemaker');
  try {
    return (await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }))).NotebookInstanceStatus;
  } catch {
    return undefined;
  }
}
