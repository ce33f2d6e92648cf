import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { evaluateRoles, roleResource, roleStatements, statementEvidence } from '../lib/iam.ts';
import { asArray, isAllow } from '../lib/policy.ts';
import { defineCheck } from '../types.ts';

const id = 'iam-role-no-wildcard-service-actions';

/** `s3:*`, `kms:*`, `*` — every action of a service (IAM.21's definition of a wildcard action). */
const wildcardAction = (action: string) => action === '*' || /^[a-z0-9-]+:\*$/i.test(action);

const params = z
  .object({
    /** Only wildcards for these services (`s3`, `kms`) — for a lab task about one service. Default: every service. */
    services: z.array(z.string().regex(/^[a-z0-9-]+$/, 'a service prefix such as s3')).min(1).optional(),
  })
  .optional();

const inScope = (action: string, services: string[] | undefined) => !services || action === '*' || services.includes(action.split(':')[0]!.toLowerCase());

export default defineCheck({
  id,
  title: 'IAM roles have no policy of their own allowing every action of a service ("s3:*")',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'medium',
  risk: '"s3:*" grants far more than reading and writing objects: deleting buckets, rewriting bucket policies, turning off encryption and versioning. A role that only needs a few actions should name those actions, so a leaked credential or a buggy job cannot do the rest.',
  securityHub: ['IAM.21'],
  syllabus: ['4.3.S1', '4.3.S2'],
  remediation: {
    text: 'Replace service wildcards in the role\'s inline and customer managed policies with the specific actions the workload calls (for a training job: s3:GetObject, s3:ListBucket, s3:PutObject, kms:Decrypt, kms:GenerateDataKey).',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://least-privilege.json',
    docs: 'Security Hub controls for IAM: IAM.21',
  },
  reads: ['iam.roles[].policies.value[].document', 'iam.roles[].policies.value[].kind', 'iam.roles[].policies.value[].name'],
  params,
  scope: (selector) => ({ iam: { roles: selector } }),
  evaluate(inventory, p) {
    const wanted = (action: string) => wildcardAction(action) && inScope(action, p?.services);
    return evaluateRoles(inventory, id, (role) => {
      const resource = roleResource(role);
      if (!role.policies.ok) return couldNotCheck(id, resource, 'ListRolePolicies/ListAttachedRolePolicies', role.policies.error, "the role's policies");
      // IAM.21 is about the policies you write; AWS managed policies are AWS's to scope (IAM.1 still catches admin).
      const own = role.policies.value.filter((p) => p.kind !== 'aws-managed');
      const offending = roleStatements(own).filter((s) => isAllow(s.statement) && asArray(s.statement.Action).some(wanted));
      if (offending.length === 0) {
        return finding(id, resource, 'pass', `None of the role's own policies (${own.map((p) => p.name).join(', ') || 'none'}) allows ${p?.services ? p.services.join(' or ') : 'a whole service'} with a wildcard action.`, [
          { field: 'inline and customer managed policies', value: own.map((p) => p.name), expected: 'specific actions, no "service:*"' },
        ]);
      }
      const actions = [...new Set(offending.flatMap((o) => asArray(o.statement.Action).filter(wanted)))];
      return finding(
        id,
        resource,
        'fail',
        `The role's own policies allow whole services with wildcard actions (${actions.join(', ')}), in ${[...new Set(offending.map((o) => o.where.split(', statement')[0]))].join(' and ')}.`,
        offending.map((o) => statementEvidence(o.where, o.statement, 'Action lists specific operations, not "service:*"')),
      );
    });
  },
});
