import type { PolicyStatement } from '../../inventory/types.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { evaluateRoles, roleResource, roleStatements, statementEvidence } from '../lib/iam.ts';
import { asArray, isAllow } from '../lib/policy.ts';
import { defineCheck } from '../types.ts';

const id = 'iam-role-no-administrative-privileges';

/**
 * Full administrator: an Allow of every action on every resource. An Allow with NotAction on `*`
 * (PowerUserAccess-style, "everything except …") is reported too: it grants every action of every
 * service it does not name, which for a workload role is administrator access in all but name.
 */
function adminShape(statement: PolicyStatement): 'full' | 'not-action' | undefined {
  if (!isAllow(statement) || statement.Condition) return undefined;
  const everyResource = statement.NotResource === undefined && asArray(statement.Resource).includes('*');
  if (!everyResource) return undefined;
  if (statement.NotAction !== undefined) return 'not-action';
  return asArray(statement.Action).includes('*') ? 'full' : undefined;
}

export default defineCheck({
  id,
  title: 'IAM roles have no policy granting administrative privileges ("*" on "*")',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  risk: 'A workload role with administrator access turns any code that runs as it — a training script, a dependency, a notebook cell — into full control of the account: it can read every dataset, create users and keys, and delete the evidence.',
  securityHub: ['IAM.1'],
  prowler: 'iam_aws_attached_policy_no_administrative_privileges',
  syllabus: ['4.3.S2', '4.3.K1'],
  remediation: {
    text: 'Detach AdministratorAccess (and any policy with Action "*" on Resource "*", or an Allow with NotAction on "*") and grant only the actions and resources the workload needs.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    docs: 'Security best practices in IAM: apply least-privilege permissions',
  },
  reads: ['iam.roles[].policies.value[].document', 'iam.roles[].policies.value[].name', 'iam.roles[].policies.value[].kind'],
  scope: (selector) => ({ iam: { roles: selector } }),
  evaluate(inventory) {
    return evaluateRoles(inventory, id, (role) => {
      const resource = roleResource(role);
      if (!role.policies.ok) return couldNotCheck(id, resource, 'ListRolePolicies/ListAttachedRolePolicies', role.policies.error, "the role's policies");
      const offending = roleStatements(role.policies.value).flatMap((s) => {
        const shape = adminShape(s.statement);
        return shape ? [{ ...s, shape }] : [];
      });
      if (offending.length === 0) {
        return finding(id, resource, 'pass', `None of the role's ${role.policies.value.length} policies allows every action on every resource.`, [
          { field: 'policies', value: role.policies.value.map((p) => p.name), expected: 'no Allow of "*" (or NotAction) on Resource "*"' },
        ]);
      }
      const names = [...new Set(offending.map((o) => o.where.split(', statement')[0]))];
      const summary = offending.some((o) => o.shape === 'full')
        ? `The role has administrator access: ${names.join(' and ')} allow${names.length === 1 ? 's' : ''} every action on every resource.`
        : `The role can do almost anything: ${names.join(' and ')} allow${names.length === 1 ? 's' : ''} every action except a few (NotAction) on every resource.`;
      return finding(id, resource, 'fail', summary, offending.map((o) => statementEvidence(o.where, o.statement, 'no Allow of "*" or NotAction on Resource "*"')));
    });
  },
});
