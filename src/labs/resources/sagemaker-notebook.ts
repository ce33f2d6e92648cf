/**
 * SageMaker notebook instances: named `mlsec-<run-id>-<name>`, and replacements a learner launches
 * under that name plus a suffix, found by the run prefix. A notebook must be stopped before it can
 * be deleted, so deleting waits for the stop; a notebook already Deleting counts as gone.
 */
import { DeleteNotebookInstanceCommand, DescribeNotebookInstanceCommand, ListNotebookInstancesCommand, StopNotebookInstanceCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function statusOf(sagemaker: SageMakerClient, name: string): Promise<string | undefined> {
  try {
    return (await withThrottlingRetry(() => sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })))).NotebookInstanceStatus;
  } catch (error) {
    const info = toAwsErrorInfo(error);
    if (isNotFound(info) || info.code === 'RecordNotFound' || /does not exist|not found/i.test(info.message)) return undefined;
    throw error;
  }
}

/**
 * Stops (when needed) and deletes a notebook, waiting through the transitions. On AWS stopping
 * takes a few minutes; `timeoutMs` bounds the wait.
 */
export async function stopAndDeleteNotebook(sagemaker: SageMakerClient, name: string, timeoutMs = 20 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let wait = 250;
  for (;;) {
    const status = await statusOf(sagemaker, name);
    if (status === undefined || status === 'Deleting') return;
    if (status === 'InService') await withThrottlingRetry(() => sagemaker.send(new StopNotebookInstanceCommand({ NotebookInstanceName: name })));
    else if (status === 'Stopped' || status === 'Failed') {
      await withThrottlingRetry(() => sagemaker.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: name })));
      return;
    }
    if (Date.now() > deadline) throw new Error(`Notebook ${name} is still ${status} after ${Math.round(timeoutMs / 1000)} s; run the teardown again later.`);
    await sleep(wait);
    wait = Math.min(wait * 2, 15_000);
  }
}

export const sagemakerNotebook: ResourceKind = {
  type: 'sagemaker:notebook-instance',
  service: 'sagemaker',
  checkResourceType: 'AWS::SageMaker::NotebookInstance',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 30,
  async find(ctx) {
    const sagemaker = await ctx.aws.client('sagemaker');
    const notebooks = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => sagemaker.send(new ListNotebookInstancesCommand({ NameContains: ctx.prefix, NextToken: token, MaxResults: 100 })));
      return { items: page.NotebookInstances ?? [], next: page.NextToken };
    });
    return notebooks
      .filter((n) => n.NotebookInstanceName?.startsWith(`${ctx.prefix}-`))
      .map((n) => ({ type: 'sagemaker:notebook-instance', id: n.NotebookInstanceName!, data: { status: n.NotebookInstanceStatus ?? 'unknown' } }));
  },
  async delete(ctx, resource) {
    await stopAndDeleteNotebook(await ctx.aws.client('sagemaker'), resource.id);
  },
  isGone: (resource) => resource.data?.status === 'Deleting',
};
