import { finding } from '../lib/findings.ts';
import { evaluateTrainingFamilies, olderJobsEvidence } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-training-job-inter-container-encryption';

export default defineCheck({
  id,
  title: 'Distributed SageMaker training jobs encrypt traffic between their containers',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::TrainingJob',
  severity: 'medium',
  risk: 'In distributed training the instances exchange gradients and model weights, which encode the training data. Without inter-container traffic encryption this traffic crosses the network in clear text.',
  securityHub: [],
  prowler: 'sagemaker_training_jobs_intercontainer_encryption_enabled',
  syllabus: ['4.3.K2', '4.3.S5'],
  remediation: {
    text: 'Enable inter-container traffic encryption (EnableInterContainerTrafficEncryption). Training jobs cannot be changed: relaunch the run with the setting on.',
    cli: 'aws sagemaker create-training-job --training-job-name <new-name> --role-arn <role-arn> --algorithm-specification TrainingImage=<image>,TrainingInputMode=File --output-data-config S3OutputPath=s3://<bucket>/output,KmsKeyId=<key-arn> --resource-config InstanceType=ml.m5.xlarge,InstanceCount=2,VolumeSizeInGB=30,VolumeKmsKeyId=<key-arn> --vpc-config Subnets=<subnet-id>,SecurityGroupIds=<sg-id> --enable-network-isolation --enable-inter-container-traffic-encryption --stopping-condition MaxRuntimeInSeconds=3600',
    docs: 'Protect Communications Between ML Compute Instances in a Distributed Training Job',
  },
  reads: ['sagemakerTraining.trainingJobs[].jobs.value.latest.enableInterContainerTrafficEncryption'],
  scope: (selector) => ({ sagemakerTraining: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateTrainingFamilies(inventory.sagemakerTraining?.trainingJobs, id, (job, resource, older) => {
      const evidence = [{ field: `DescribeTrainingJob(${job.name}).EnableInterContainerTrafficEncryption`, value: job.enableInterContainerTrafficEncryption, expected: 'true' }, ...olderJobsEvidence(older)];
      if (job.enableInterContainerTrafficEncryption) return finding(id, resource, 'pass', `The newest training job ${job.name} encrypts traffic between its containers.`, evidence);
      return finding(id, resource, 'fail', `The newest training job ${job.name} sends traffic between its containers unencrypted.`, evidence);
    });
  },
});
