/** Shared helpers for checks about IAM roles. */
import type { IamRole, IamRolePolicy, Inventory, PolicyStatement } from '../../inventory/types.ts';
import type { CheckResource, Evidence, Finding } from '../types.ts';
import { couldNotCheck } from './findings.ts';
import { statementsOf } from './policy.ts';

export function roleResource(role: IamRole): CheckResource {
  return { type: 'AWS::IAM::Role', id: role.name, arn: role.arn };
}

/**
 * Evaluates each role in the inventory that exists. A role whose existence could not be read gets
 * "could not check"; a role looked up by name and absent gets no finding (the lab engine reports it
 * missing, in words about the lab).
 */
export function evaluateRoles(inventory: Inventory, checkId: string, evaluate: (role: IamRole) => Finding): Finding[] {
  const findings: Finding[] = [];
  for (const role of inventory.iam?.roles ?? []) {
    if (!role.exists.ok) {
      findings.push(couldNotCheck(checkId, roleResource(role), 'GetRole', role.exists.error, 'whether the role exists'));
      continue;
    }
    if (!role.exists.value) continue;
    findings.push(evaluate(role));
  }
  return findings;
}

/** How a finding names a policy: `inline policy "x"`, `AWS managed policy AdministratorAccess`. */
export function describePolicy(policy: Pick<IamRolePolicy, 'name' | 'kind'>): string {
  switch (policy.kind) {
    case 'inline':
      return `inline policy "${policy.name}"`;
    case 'aws-managed':
      return `AWS managed policy ${policy.name}`;
    case 'customer-managed':
      return `customer managed policy ${policy.name}`;
  }
}

/** Every statement of the role's policies, with where it came from, for evidence. */
export function roleStatements(policies: readonly IamRolePolicy[]): { policy: IamRolePolicy; index: number; statement: PolicyStatement; where: string }[] {
  return policies.flatMap((policy) =>
    statementsOf(policy.document).map((statement, index) => ({ policy, index, statement, where: `${describePolicy(policy)}, statement ${statement.Sid ? `"${statement.Sid}"` : index}` })),
  );
}

/** Evidence entry for one offending statement. */
export function statementEvidence(where: string, statement: PolicyStatement, expected: string): Evidence {
  return { field: where, value: statement, expected };
}
