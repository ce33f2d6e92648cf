/** Shared reading of SageMaker families (a lab's resource and the replacements a learner launches under its name). */
import type { SageMakerFamily, TrainingJob, TrainingJobFamily } from '../../inventory/types-sagemaker.ts';
import type { CheckResource, Finding } from '../types.ts';
import { couldNotCheck, finding } from './findings.ts';

export interface FamilyKind {
  /** CloudFormation-style type: AWS::SageMaker::NotebookInstance … */
  type: string;
  /** "notebook instance", "training job", "model". */
  noun: string;
  /** The listing operation, for "could not check". */
  listOperation: string;
}

export const notebookKind: FamilyKind = { type: 'AWS::SageMaker::NotebookInstance', noun: 'notebook instance', listOperation: 'SageMaker.ListNotebookInstances' };

/**
 * One finding per member of each family. A family without members fails: the lab's resource was
 * deleted and nothing replaced it, which is never compliant (the lab names the prefix to use).
 */
export function evaluateFamilies<T extends { name: string; arn?: string }>(
  families: readonly SageMakerFamily<T>[] | undefined,
  checkId: string,
  kind: FamilyKind,
  evaluate: (member: T, resource: CheckResource) => Finding,
): Finding[] {
  const findings: Finding[] = [];
  for (const family of families ?? []) {
    const familyResource: CheckResource = { type: kind.type, id: family.prefix, family: family.prefix };
    if (!family.members.ok) {
      findings.push(couldNotCheck(checkId, familyResource, kind.listOperation, family.members.error, `the ${kind.noun}s named ${family.prefix}…`));
      continue;
    }
    if (family.members.value.length === 0) {
      findings.push(
        finding(checkId, familyResource, 'fail', `No ${kind.noun} whose name starts with ${family.prefix} exists. Launch the compliant replacement under a name that starts with ${family.prefix} (for example ${family.prefix}-v2).`, [
          { field: `${kind.listOperation}(NameContains=${family.prefix})`, value: 'none', expected: `a ${kind.noun} whose name starts with ${family.prefix}` },
        ]),
      );
      continue;
    }
    for (const member of family.members.value) findings.push(evaluate(member, { type: kind.type, id: member.name, ...(member.arn ? { arn: member.arn } : {}), family: family.prefix }));
  }
  return findings;
}

export const modelKind: FamilyKind = { type: 'AWS::SageMaker::Model', noun: 'model', listOperation: 'SageMaker.ListModels' };

/**
 * One finding per training-job family, about its newest job: jobs cannot be deleted, so the
 * relaunch is what counts. A family without any job fails.
 */
export function evaluateTrainingFamilies(
  families: readonly TrainingJobFamily[] | undefined,
  checkId: string,
  evaluate: (job: TrainingJob, resource: CheckResource, older: string[]) => Finding,
): Finding[] {
  return (families ?? []).map((family) => {
    const familyResource: CheckResource = { type: 'AWS::SageMaker::TrainingJob', id: family.prefix, family: family.prefix };
    if (!family.jobs.ok) return couldNotCheck(checkId, familyResource, 'SageMaker.ListTrainingJobs', family.jobs.error, `the training jobs named ${family.prefix}…`);
    const { latest, older } = family.jobs.value;
    if (!latest) {
      return finding(checkId, familyResource, 'fail', `No training job whose name starts with ${family.prefix} exists. Launch the training run under a name that starts with ${family.prefix} (for example ${family.prefix}-v2).`, [
        { field: `ListTrainingJobs(NameContains=${family.prefix})`, value: 'none', expected: `a training job whose name starts with ${family.prefix}` },
      ]);
    }
    return evaluate(latest, { type: 'AWS::SageMaker::TrainingJob', id: latest.name, ...(latest.arn ? { arn: latest.arn } : {}), family: family.prefix }, older);
  });
}

/** Evidence line naming the older jobs a family-of-jobs check did not judge. */
export function olderJobsEvidence(older: string[]): { field: string; value: unknown; expected: string }[] {
  return older.length ? [{ field: 'older training jobs (not judged: training jobs cannot be deleted)', value: older, expected: 'the newest job is the one that counts' }] : [];
}
