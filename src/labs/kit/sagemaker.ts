/** Helpers for labs that build SageMaker notebooks: finding, retiring and waiting on them (execution roles: `iam.ts`). */
import { DescribeNotebookInstanceCommand, ListNotebookInstancesCommand } from '@aws-sdk/client-sagemaker';
import { stopAndDeleteNotebook } from '../resources/sagemaker-notebook.ts';
import type { LabContext } from '../definition.ts';

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
