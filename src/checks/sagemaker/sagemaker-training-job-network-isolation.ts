import { finding } from '../lib/findings.ts';
import { evaluateTrainingFamilies, olderJobsEvidence } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-training-job-network-isolation';

export default defineCheck({
  id,
  title: 'SageMaker training jobs run with network isolation',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::TrainingJob',
  severity: 'high',
  risk: 'Without network isolation the training container can open connections of its own: a compromised or malicious algorithm image (or a dependency it pulls) can send the training data anywhere its network allows. With isolation the container has no network access; SageMaker alone moves data in and out.',
  securityHub: [],
  prowler: 'sagemaker_training_jobs_network_isolation_enabled',
  syllabus: ['4.3.K2', '4.3.S5'],
  remediation: {
    text: 'Enable network isolation (EnableNetworkIsolation) for the job; the container then reaches nothing, and SageMaker downloads the data and uploads the model for it. Training jobs cannot be changed: relaunch the run with the setting on.',
    cli: 'aws sagemaker create-training-job --training-job-name <new-name> --role-arn <role-arn> --algorithm-specification TrainingImage=<image>,TrainingInputMode=File --output-data-config S3OutputPath=s3://<bucket>/output,KmsKeyId=<key-arn> --resource-config InstanceType=ml.m5.xlarge,InstanceCount=2,VolumeSizeInGB=30,VolumeKmsKeyId=<key-arn> --vpc-config Subnets=<subnet-id>,SecurityGroupIds=<sg-id> --enable-network-isolation --enable-inter-container-traffic-encryption --stopping-condition MaxRuntimeInSeconds=3600',
    docs: 'Run Training and Inference Containers in Internet-Free Mode',
  },
  reads: ['sagemakerTraining.trainingJobs[].jobs.value.latest.enableNetworkIsolation'],
  scope: (selector) => ({ sagemakerTraining: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateTrainingFamilies(inventory.sagemakerTraining?.trainingJobs, id, (job, resource, older) => {
      const evidence = [{ field: `DescribeTrainingJob(${job.name}).EnableNetworkIsolation`, value: job.enableNetworkIsolation, expected: 'true' }, ...olderJobsEvidence(older)];
      if (job.enableNetworkIsolation) return finding(id, resource, 'pass', `The newest training job ${job.name} runs with network isolation: its containers have no network access.`, evidence);
      return finding(id, resource, 'fail', `The newest training job ${job.name} runs without network isolation: its containers can open connections of their own.`, evidence);
    });
  },
});
