/**
 * SageMaker training collector: for each name prefix, the training jobs whose names start with it;
 * the newest is described (jobs cannot be deleted, so the relaunch is what counts), the others are
 * named for evidence.
 */
import { DescribeTrainingJobCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/index.ts';
import { observe } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { SageMakerTrainingInventory, TrainingJob, TrainingJobFamily } from '../types-sagemaker.ts';

export async function collectSageMakerTraining(aws: AwsClients, scope: { prefixes: string[] }): Promise<SageMakerTrainingInventory> {
  const sagemaker = await aws.client('sagemaker');
  const trainingJobs = await mapLimit(scope.prefixes, 2, async (prefix): Promise<TrainingJobFamily> => {
    const jobs = await observe('SageMaker.ListTrainingJobs', async () => {
      const listed = await paginate(async (token) => {
        const page = await sagemaker.send(new ListTrainingJobsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
        return { items: (page.TrainingJobSummaries ?? []).filter((j) => j.TrainingJobName?.startsWith(prefix)), next: page.NextToken };
      });
      listed.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0) || (b.TrainingJobName ?? '').localeCompare(a.TrainingJobName ?? ''));
      const [newest, ...older] = listed;
      if (!newest?.TrainingJobName) return { latest: null, older: [] };
      const d = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: newest.TrainingJobName }));
      const latest: TrainingJob = {
        name: newest.TrainingJobName,
        ...(d.TrainingJobArn ? { arn: d.TrainingJobArn } : {}),
        ...(d.TrainingJobStatus ? { status: d.TrainingJobStatus } : {}),
        ...(d.CreationTime ? { creationTime: d.CreationTime.toISOString() } : {}),
        enableNetworkIsolation: d.EnableNetworkIsolation === true,
        enableInterContainerTrafficEncryption: d.EnableInterContainerTrafficEncryption === true,
        ...(d.VpcConfig ? { vpcConfig: { subnets: d.VpcConfig.Subnets ?? [], securityGroupIds: d.VpcConfig.SecurityGroupIds ?? [] } } : {}),
        ...(d.ResourceConfig?.VolumeKmsKeyId ? { volumeKmsKeyId: d.ResourceConfig.VolumeKmsKeyId } : {}),
        ...(d.OutputDataConfig?.KmsKeyId ? { outputKmsKeyId: d.OutputDataConfig.KmsKeyId } : {}),
        environment: d.Environment ?? {},
        hyperParameters: d.HyperParameters ?? {},
        ...(d.RoleArn ? { roleArn: d.RoleArn } : {}),
      };
      return { latest, older: older.map((j) => j.TrainingJobName ?? '').filter(Boolean) };
    });
    return { prefix, jobs };
  });
  return { trainingJobs };
}
