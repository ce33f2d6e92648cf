import { finding } from '../lib/findings.ts';
import { evaluateTrainingFamilies, olderJobsEvidence } from '../lib/sagemaker.ts';
import { secretsInMap } from '../lib/secrets.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-training-job-no-plaintext-secrets';

export default defineCheck({
  id,
  title: 'SageMaker training jobs carry no plaintext credentials in environment or hyperparameters',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::TrainingJob',
  severity: 'high',
  risk: 'A training job’s environment and hyperparameters are returned in full by DescribeTrainingJob to anyone allowed to describe jobs, shown in the console, copied into events and kept with the job for as long as it is listed. A password there is readable by far more people than the database owner intended, and cannot be revoked by deleting the job.',
  securityHub: [],
  syllabus: ['4.3.S1', '4.3.K2'],
  remediation: {
    text: 'Store the credential in Secrets Manager, pass the secret’s ARN (not its value) to the job, and let the training code read it with the execution role. Then rotate the password: it has been exposed.',
    cli: 'aws sagemaker create-training-job --training-job-name <new-name> --environment DB_SECRET_ARN=<secret-arn> … (and no password variable)',
    docs: 'Use AWS Secrets Manager secrets in Amazon SageMaker AI',
  },
  reads: ['sagemakerTraining.trainingJobs[].jobs.value.latest.environment', 'sagemakerTraining.trainingJobs[].jobs.value.latest.hyperParameters'],
  scope: (selector) => ({ sagemakerTraining: { prefixes: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateTrainingFamilies(inventory.sagemakerTraining?.trainingJobs, id, (job, resource, older) => {
      const seen = [...secretsInMap(job.environment, 'Environment'), ...secretsInMap(job.hyperParameters, 'HyperParameters')];
      const evidence = [{ field: `DescribeTrainingJob(${job.name}).Environment/HyperParameters`, value: seen.length ? seen.map((s) => `${s.where}: ${s.why}`) : 'no credential-like values', expected: 'references to a secret store only' }, ...olderJobsEvidence(older)];
      if (!seen.length) return finding(id, resource, 'pass', `The newest training job ${job.name} carries no plaintext credentials.`, evidence);
      return finding(id, resource, 'fail', `The newest training job ${job.name} carries plaintext credentials: ${seen.map((s) => s.where).join(', ')}.`, evidence);
    });
  },
});
