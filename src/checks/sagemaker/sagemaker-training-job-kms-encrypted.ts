import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { needsAliases, resolveKeyId } from '../lib/kms.ts';
import { evaluateTrainingFamilies, olderJobsEvidence } from '../lib/sagemaker.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-training-job-kms-encrypted';

const params = z
  .strictObject({
    /** The customer managed key both the volume and the output must use (alias or key id/ARN). Without it any key passes. */
    key: z.string().min(1).optional(),
  })
  .optional();

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'SageMaker training jobs encrypt their volumes and output with a customer managed KMS key',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::TrainingJob',
  severity: 'medium',
  risk: 'The training volume holds a copy of the training data and checkpoints; the output is the model itself. Encrypted with keys AWS or S3 manage, neither falls under your key policy: you cannot say who may decrypt the model, nor revoke access by disabling the key.',
  securityHub: [],
  prowler: 'sagemaker_training_jobs_volume_and_output_encryption_enabled',
  syllabus: ['4.3.K2', '4.3.S1'],
  remediation: {
    text: 'Relaunch the job with ResourceConfig.VolumeKmsKeyId and OutputDataConfig.KmsKeyId naming the team’s customer managed key (training jobs cannot be changed).',
    cli: 'aws sagemaker create-training-job --training-job-name <new-name> --role-arn <role-arn> --algorithm-specification TrainingImage=<image>,TrainingInputMode=File --output-data-config S3OutputPath=s3://<bucket>/output,KmsKeyId=<key-arn> --resource-config InstanceType=ml.m5.xlarge,InstanceCount=1,VolumeSizeInGB=30,VolumeKmsKeyId=<key-arn> --stopping-condition MaxRuntimeInSeconds=3600',
    docs: 'Protect Data at Rest Using Encryption (SageMaker AI)',
  },
  reads: ['sagemakerTraining.trainingJobs[].jobs.value.latest.volumeKmsKeyId', 'sagemakerTraining.trainingJobs[].jobs.value.latest.outputKmsKeyId', 'kms.aliases.value'],
  params,
  scope: (selector, p) => ({ sagemakerTraining: { prefixes: selector.names ?? [] }, ...(p?.key ? { kms: { aliases: true } } : {}) }),
  evaluate(inventory, p) {
    return evaluateTrainingFamilies(inventory.sagemakerTraining?.trainingJobs, id, (job, resource, older) => {
      const evidence: { field: string; value: unknown; expected: string }[] = [
        { field: `DescribeTrainingJob(${job.name}).ResourceConfig.VolumeKmsKeyId`, value: job.volumeKmsKeyId ?? 'none (AWS managed key)', expected: p?.key ?? 'a customer managed key' },
        { field: `DescribeTrainingJob(${job.name}).OutputDataConfig.KmsKeyId`, value: job.outputKmsKeyId || 'none (the S3 default key)', expected: p?.key ?? 'a customer managed key' },
        ...olderJobsEvidence(older),
      ];
      const missing = [!job.volumeKmsKeyId && 'the training volume', !job.outputKmsKeyId && 'the model output'].filter(Boolean);
      if (missing.length) return finding(id, resource, 'fail', `The newest training job ${job.name} does not encrypt ${missing.join(' or ')} with a key of yours.`, evidence);
      if (!p?.key) return finding(id, resource, 'pass', `The newest training job ${job.name} encrypts its volume and output with customer managed keys.`, evidence);
      const aliases = inventory.kms?.aliases;
      if ([p.key, job.volumeKmsKeyId!, job.outputKmsKeyId!].some(needsAliases) && (!aliases || !aliases.ok)) {
        return couldNotCheck(id, resource, 'KMS.ListAliases', aliases && !aliases.ok ? aliases.error : { code: 'NotCollected', message: 'KMS aliases were not read' }, 'which key the alias names');
      }
      const list = aliases?.ok ? aliases.value : [];
      const expected = resolveKeyId(p.key, list);
      if (!expected) return finding(id, resource, 'fail', `The team's key ${p.key} does not exist any more, so training job ${job.name} cannot be using it.`, evidence);
      const wrong = [
        resolveKeyId(job.volumeKmsKeyId!, list) !== expected && `its volume uses ${job.volumeKmsKeyId}`,
        resolveKeyId(job.outputKmsKeyId!, list) !== expected && `its output uses ${job.outputKmsKeyId}`,
      ].filter(Boolean);
      if (!wrong.length) return finding(id, resource, 'pass', `The newest training job ${job.name} encrypts its volume and output with the team's key ${p.key}.`, evidence);
      return finding(id, resource, 'fail', `The newest training job ${job.name} does not use the team's key ${p.key}: ${wrong.join('; ')}.`, evidence);
    });
  },
});
