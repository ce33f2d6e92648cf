/**
 * SageMaker training jobs and models named `mlsec-<run-id>-<name>` (and learners' relaunches under
 * that name plus a suffix), found by the run prefix.
 *
 * Training jobs cannot be deleted — on AWS they stay listed (for 90 days in the console's history);
 * a finished job costs nothing and holds no data. Teardown stops jobs still running — first of all
 * kinds, so nothing a job uses (its role, key, bucket) goes while it runs — and counts a job that has
 * finished, failed, stopped or is stopping as gone. Models go after the endpoint configurations that
 * name them (`sagemaker-hosting.ts`). One kind per type serves every lab: training, hosting, cost.
 */
import { DeleteModelCommand, ListModelsCommand, ListTrainingJobsCommand, StopTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { isGoneError } from './sweep-errors.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';

const finished = new Set(['Completed', 'Failed', 'Stopped', 'Stopping']);

export const sagemakerTrainingJob: ResourceKind = {
  type: 'sagemaker:training-job',
  service: 'sagemaker',
  checkResourceType: 'AWS::SageMaker::TrainingJob',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 3,
  async find(ctx) {
    const sagemaker = await ctx.aws.client('sagemaker');
    const jobs = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => sagemaker.send(new ListTrainingJobsCommand({ NameContains: ctx.prefix, NextToken: token, MaxResults: 100 })));
      return { items: page.TrainingJobSummaries ?? [], next: page.NextToken };
    });
    return jobs
      .filter((j) => j.TrainingJobName?.startsWith(`${ctx.prefix}-`))
      .map((j) => ({ type: 'sagemaker:training-job', id: j.TrainingJobName!, data: { status: j.TrainingJobStatus ?? 'unknown' } }));
  },
  async delete(ctx, resource) {
    const sagemaker = await ctx.aws.client('sagemaker');
    try {
      await withThrottlingRetry(() => sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: resource.id })));
    } catch (error) {
      const info = toAwsErrorInfo(error);
      // A job that finished between the listing and the stop cannot be stopped: that is the goal anyway.
      if (!isGoneError(info) && info.code !== 'ValidationException') throw error;
    }
  },
  isGone: (resource) => finished.has(resource.data?.status ?? ''),
};

export const sagemakerModel: ResourceKind = {
  type: 'sagemaker:model',
  service: 'sagemaker',
  checkResourceType: 'AWS::SageMaker::Model',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 35,
  async find(ctx) {
    const sagemaker = await ctx.aws.client('sagemaker');
    const models = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => sagemaker.send(new ListModelsCommand({ NameContains: ctx.prefix, NextToken: token, MaxResults: 100 })));
      return { items: page.Models ?? [], next: page.NextToken };
    });
    return models.filter((m) => m.ModelName?.startsWith(`${ctx.prefix}-`)).map((m) => ({ type: 'sagemaker:model', id: m.ModelName! }));
  },
  async delete(ctx, resource) {
    const sagemaker = await ctx.aws.client('sagemaker');
    try {
      await withThrottlingRetry(() => sagemaker.send(new DeleteModelCommand({ ModelName: resource.id })));
    } catch (error) {
      const info = toAwsErrorInfo(error);
      if (!isGoneError(info)) throw error;
    }
  },
};
