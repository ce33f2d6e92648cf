import { couldNotCheck, finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-training-managed-spot';

/**
 * Training jobs cannot be changed, so the fix is the next run: every job whose name starts with the
 * family's name is read, and the latest one (by creation time) is graded.
 */
export default defineCheck({
  id,
  title: 'Recurring training runs use Managed Spot with checkpoints and a wait limit',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::TrainingJob',
  severity: 'low',
  risk: 'On-demand training for a job that can be interrupted and resumed pays up to about ten times what Spot capacity costs. Spot without checkpoints restarts from scratch after every interruption, and without a wait limit a job can wait for capacity indefinitely.',
  securityHub: [],
  syllabus: ['4.2.S10', '4.2.K5'],
  remediation: {
    text: 'Start the next run with EnableManagedSpotTraining, a CheckpointConfig S3 location the training script writes to and resumes from, and StoppingCondition.MaxWaitTimeInSeconds at least MaxRuntimeInSeconds.',
    cli: 'aws sagemaker create-training-job --training-job-name <family>-<date> … --enable-managed-spot-training --checkpoint-config S3Uri=s3://<bucket>/checkpoints/<family> --stopping-condition MaxRuntimeInSeconds=7200,MaxWaitTimeInSeconds=14400',
    docs: 'Managed Spot Training in Amazon SageMaker AI',
  },
  reads: ['sagemakerTrainingCost.families[].jobs.value'],
  scope: (selector) => ({ sagemakerTrainingCost: { families: selector } }),
  evaluate(inventory) {
    return (inventory.sagemakerTrainingCost?.families ?? []).map((family) => {
      const resource = { type: 'AWS::SageMaker::TrainingJob', id: family.prefix };
      if (!family.jobs.ok) return couldNotCheck(id, resource, 'SageMaker.ListTrainingJobs', family.jobs.error, 'the training runs');
      const jobs = [...family.jobs.value].sort((a, b) => (a.creationTime ?? '').localeCompare(b.creationTime ?? '') || a.name.localeCompare(b.name));
      const latest = jobs.at(-1);
      if (!latest) return finding(id, resource, 'fail', `No training job whose name starts with ${family.prefix} exists.`, [{ field: 'ListTrainingJobs(NameContains)', value: '(none)', expected: 'a run of this family' }]);
      const evidence = [
        { field: `latest run ${latest.name}.EnableManagedSpotTraining`, value: latest.enableManagedSpotTraining, expected: 'true' },
        { field: 'CheckpointConfig.S3Uri', value: latest.checkpointS3Uri ?? '(none)', expected: 'an S3 location' },
        { field: 'StoppingCondition', value: `MaxRuntimeInSeconds ${latest.maxRuntimeInSeconds ?? '?'}, MaxWaitTimeInSeconds ${latest.maxWaitTimeInSeconds ?? '(none)'}`, expected: 'MaxWaitTimeInSeconds ≥ MaxRuntimeInSeconds' },
      ];
      if (!latest.enableManagedSpotTraining) return finding(id, resource, 'fail', `The latest run, ${latest.name}, trains on on-demand capacity.`, evidence);
      if (!latest.checkpointS3Uri) return finding(id, resource, 'fail', `The latest run, ${latest.name}, uses Spot without checkpoints: every interruption restarts training from the beginning.`, evidence);
      if (latest.maxWaitTimeInSeconds === undefined || (latest.maxRuntimeInSeconds !== undefined && latest.maxWaitTimeInSeconds < latest.maxRuntimeInSeconds)) return finding(id, resource, 'fail', `The latest run, ${latest.name}, has no valid wait limit for Spot capacity.`, evidence);
      return finding(id, resource, 'pass', `The latest run, ${latest.name}, uses Managed Spot, checkpoints to ${latest.checkpointS3Uri} and waits at most ${latest.maxWaitTimeInSeconds} s.`, evidence);
    });
  },
});
