import { finding } from '../lib/findings.ts';
import { evaluateTrainingFamilies, olderJobsEvidence } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-training-job-in-vpc';

export default defineCheck({
  id,
  title: 'SageMaker training jobs run in subnets of your VPC',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::TrainingJob',
  severity: 'medium',
  risk: 'A training job without a VPC configuration runs in a network SageMaker manages: your security groups, VPC endpoints (and their policies) and flow logs do not apply to its traffic to S3 and other services.',
  securityHub: [],
  prowler: 'sagemaker_training_jobs_vpc_settings_configured',
  syllabus: ['4.3.K2', '4.3.S5'],
  remediation: {
    text: 'Give the job a VpcConfig with private subnets and a security group, and VPC endpoints for S3 (and the other services it needs). Training jobs cannot be changed: relaunch the run with the setting on.',
    cli: 'aws sagemaker create-training-job --training-job-name <new-name> --role-arn <role-arn> --algorithm-specification TrainingImage=<image>,TrainingInputMode=File --output-data-config S3OutputPath=s3://<bucket>/output,KmsKeyId=<key-arn> --resource-config InstanceType=ml.m5.xlarge,InstanceCount=2,VolumeSizeInGB=30,VolumeKmsKeyId=<key-arn> --vpc-config Subnets=<subnet-id>,SecurityGroupIds=<sg-id> --enable-network-isolation --enable-inter-container-traffic-encryption --stopping-condition MaxRuntimeInSeconds=3600',
    docs: 'Give SageMaker AI Training Jobs Access to Resources in Your Amazon VPC',
  },
  reads: ['sagemakerTraining.trainingJobs[].jobs.value.latest.vpcConfig'],
  scope: (selector) => ({ sagemakerTraining: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateTrainingFamilies(inventory.sagemakerTraining?.trainingJobs, id, (job, resource, older) => {
      const evidence = [{ field: `DescribeTrainingJob(${job.name}).VpcConfig`, value: job.vpcConfig ? `subnets ${job.vpcConfig.subnets.join(', ') || 'none'}; security groups ${job.vpcConfig.securityGroupIds.join(', ') || 'none'}` : 'none', expected: 'subnets and security groups of your VPC' }, ...olderJobsEvidence(older)];
      if (job.vpcConfig && job.vpcConfig.subnets.length > 0) return finding(id, resource, 'pass', `The newest training job ${job.name} runs in subnets ${job.vpcConfig!.subnets.join(", ")} of your VPC.`, evidence);
      return finding(id, resource, 'fail', `The newest training job ${job.name} has no VPC configuration: it runs outside your network controls.`, evidence);
    });
  },
});
