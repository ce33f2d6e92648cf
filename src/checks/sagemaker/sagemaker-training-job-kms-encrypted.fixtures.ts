import { ok, otherKeyId, teamKeyAlias, type CheckFixtures } from '../fixtures/base.ts';
import { jobOf, secureComputeInventory } from '../fixtures/sagemaker.ts';

export const fixtures: CheckFixtures<{ key?: string }> = {
  params: { key: teamKeyAlias },
  pass: secureComputeInventory,
  fail: (inv) => void delete jobOf(inv).volumeKmsKeyId,
  fields: {
    'sagemakerTraining.trainingJobs[].jobs.value.latest.volumeKmsKeyId': [
      { description: 'no volume key', expect: 'fail', mutate: (inv) => void delete jobOf(inv).volumeKmsKeyId },
      { description: 'another volume key', expect: 'fail', mutate: (inv) => void (jobOf(inv).volumeKmsKeyId = otherKeyId) },
    ],
    'sagemakerTraining.trainingJobs[].jobs.value.latest.outputKmsKeyId': [
      { description: 'S3 default key', expect: 'fail', mutate: (inv) => void (jobOf(inv).outputKmsKeyId = '') },
      { description: 'another output key', expect: 'fail', mutate: (inv) => void (jobOf(inv).outputKmsKeyId = otherKeyId) },
      { description: 'the team alias', expect: 'pass', mutate: (inv) => void (jobOf(inv).outputKmsKeyId = teamKeyAlias) },
    ],
    'kms.aliases.value': [{ description: 'the team alias was deleted', expect: 'fail', mutate: (inv) => void (inv.kms!.aliases = ok([])) }],
  },
};
