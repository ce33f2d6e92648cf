/**
 * Training jobs as cost checks see them: Managed Spot, the wait limit and checkpoints. Jobs cannot
 * be changed after they start, so a fix is a new run: a family is every job whose name starts with
 * a prefix, and checks grade its latest run.
 */
import { DescribeTrainingJobCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedValue } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ObservabilityScope } from '../scope-observability.ts';
import type { SageMakerTrainingCostInventory, TrainingJobCostView, TrainingJobCostFamily } from '../types-observability.ts';
import { listTags } from './sagemaker-hosting.ts';

export async function collectSageMakerTrainingCost(aws: AwsClients, scope: NonNullable<ObservabilityScope['sagemakerTrainingCost']>): Promise<SageMakerTrainingCostInventory> {
  const sagemaker = await aws.client('sagemaker');
  const families = await mapLimit(scope.families?.names ?? [], 2, async (prefix): Promise<TrainingJobCostFamily> => {
    const jobs = await observe('SageMaker.ListTrainingJobs', async () => {
      const names = await paginate(async (token) => {
        const page = await sagemaker.send(new ListTrainingJobsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
        return { items: (page.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName!).filter((n) => n?.startsWith(prefix)), next: page.NextToken };
      });
      return mapLimit(names, 4, async (name): Promise<TrainingJobCostView> => {
        const j = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
        return {
          name,
          status: j.TrainingJobStatus,
          creationTime: j.CreationTime?.toISOString(),
          enableManagedSpotTraining: j.EnableManagedSpotTraining === true,
          maxRuntimeInSeconds: j.StoppingCondition?.MaxRuntimeInSeconds,
          maxWaitTimeInSeconds: j.StoppingCondition?.MaxWaitTimeInSeconds,
          checkpointS3Uri: j.CheckpointConfig?.S3Uri,
          tags: j.TrainingJobArn ? await observe('SageMaker.ListTags', () => listTags(aws, j.TrainingJobArn!)) : observedValue({}),
        };
      });
    });
    return { prefix, jobs };
  });
  return { families };
}
