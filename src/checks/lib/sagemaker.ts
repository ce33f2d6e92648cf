/** Shared reading of SageMaker families (a lab's resource and the replacements a learner launches under its name). */
import type { SageMakerFamily } from '../../inventory/types-sagemaker.ts';
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
