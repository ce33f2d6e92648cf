import type { CheckFixtures } from '../fixtures/base.ts';
import { jobOf, secureComputeInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures = {
  pass: secureComputeInventory,
  fail: (inv) => void (jobOf(inv).environment = { DB_PASSWORD: 'Winter2026!' }),
  fields: {
    'sagemakerTraining.trainingJobs[].jobs.value.latest.environment': [
      { description: 'DB_PASSWORD literal', expect: 'fail', mutate: (inv) => void (jobOf(inv).environment = { DB_PASSWORD: 'Winter2026!' }) },
      { description: 'connection URL with a password', expect: 'fail', mutate: (inv) => void (jobOf(inv).environment = { DATABASE_URL: 'postgresql://claims:Winter2026!@db.internal:5432/claims' }) },
      { description: 'the secret’s name in DB_SECRET_ID', expect: 'pass', mutate: (inv) => void (jobOf(inv).environment = { DB_SECRET_ID: 'claims-replica-db' }) },
      { description: 'secret ARN only', expect: 'pass', mutate: (inv) => void (jobOf(inv).environment = { DB_PASSWORD_SECRET: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db' }) },
    ],
    'sagemakerTraining.trainingJobs[].jobs.value.latest.hyperParameters': [
      { description: 'access key in a hyperparameter', expect: 'fail', mutate: (inv) => void (jobOf(inv).hyperParameters = { s3_key: 'AKIAIOSFODNN7EXAMPLE' }) },
    ],
  },
};
