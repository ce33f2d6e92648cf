import { z } from 'zod';
import type { PolicyStatement } from '../../inventory/types.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { evaluateRoles, roleResource } from '../lib/iam.ts';
import { asArray, conditionsOf, globMatch, isAllow, statementsOf } from '../lib/policy.ts';
import { defineCheck, type Evidence } from '../types.ts';

const id = 'iam-role-trust-limited-to-service';

const params = z.object({
  /** The service principal that alone may assume the role, e.g. `sagemaker.amazonaws.com`. */
  service: z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, 'a service principal such as sagemaker.amazonaws.com'),
});

const assumesRole = (s: PolicyStatement) => {
  const actions = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession'];
  if (s.NotAction !== undefined) return actions.some((a) => !asArray(s.NotAction).some((p) => globMatch(p, a, true)));
  return actions.some((a) => asArray(s.Action).some((p) => globMatch(p, a, true)));
};

const fixedOperators = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

/** The confused-deputy guard: aws:SourceAccount (or the account in aws:SourceArn) fixed to this account. */
function sourceGuard(statement: PolicyStatement, accountId: string): { ok: boolean; seen: string } {
  const relevant = conditionsOf(statement).filter((c) => c.key === 'aws:sourceaccount' || c.key === 'aws:sourcearn');
  if (relevant.length === 0) return { ok: false, seen: 'no aws:SourceAccount or aws:SourceArn condition' };
  const good = relevant.some((c) => {
    if (!fixedOperators.test(c.operator) || c.values.length === 0) return false;
    if (c.key === 'aws:sourceaccount') return c.values.every((v) => v === accountId);
    return c.values.every((v) => v.split(':')[4] === accountId);
  });
  return { ok: good, seen: relevant.map((c) => `${c.operator} ${c.key} = ${c.values.join(', ')}`).join('; ') };
}

export default defineCheck({
  id,
  title: 'IAM roles trust only their service, and only on behalf of their own account',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  risk: 'A trust policy decides who can become the role. Trusting people or other accounts lets them use the role\'s permissions directly; trusting a service without aws:SourceAccount lets that service act for someone else\'s resources with your role (the confused-deputy problem).',
  securityHub: [],
  prowler: 'iam_role_cross_service_confused_deputy_prevention',
  syllabus: ['4.3.S2', '4.3.K1'],
  remediation: {
    text: 'Make the trust policy a single Allow of sts:AssumeRole for the service principal, with a StringEquals condition on aws:SourceAccount (or ArnLike on aws:SourceArn) naming your account.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"<account-id>"}}}]}\'',
    docs: 'The confused deputy problem (IAM User Guide)',
  },
  reads: ['iam.roles[].trustPolicy.value'],
  params,
  scope: (selector) => ({ iam: { roles: selector } }),
  evaluate(inventory, p) {
    const accountId = inventory.account.id;
    return evaluateRoles(inventory, id, (role) => {
      const resource = roleResource(role);
      if (!role.trustPolicy.ok) return couldNotCheck(id, resource, 'GetRole.AssumeRolePolicyDocument', role.trustPolicy.error, 'the trust policy');
      const allows = statementsOf(role.trustPolicy.value).map((statement, index) => ({ statement, index })).filter(({ statement }) => isAllow(statement) && assumesRole(statement));
      const problems: Evidence[] = [];
      let serviceTrusted = false;
      for (const { statement, index } of allows) {
        const where = `trust policy statement ${statement.Sid ? `"${statement.Sid}"` : index}`;
        if (statement.NotPrincipal !== undefined || statement.Principal === '*') {
          problems.push({ field: where, value: statement, expected: `Principal {"Service": "${p.service}"} only` });
          continue;
        }
        const principal = statement.Principal ?? {};
        const others = Object.entries(principal).flatMap(([type, values]) => asArray(values).filter((v) => !(type === 'Service' && v === p.service)).map((v) => `${type} ${v}`));
        if (others.length) problems.push({ field: `${where}.Principal`, value: others, expected: `only the service principal ${p.service}` });
        if (asArray(principal.Service).includes(p.service)) {
          const guard = sourceGuard(statement, accountId);
          if (guard.ok) serviceTrusted = true;
          else problems.push({ field: `${where}.Condition`, value: guard.seen, expected: `StringEquals aws:SourceAccount = ${accountId} (or aws:SourceArn in ${accountId})` });
        }
      }
      if (problems.length === 0 && serviceTrusted) {
        return finding(id, resource, 'pass', `Only ${p.service} may assume the role, and only for resources of account ${accountId}.`, [
          { field: 'trust policy', value: role.trustPolicy.value, expected: `${p.service} with aws:SourceAccount ${accountId}` },
        ]);
      }
      if (problems.length === 0) {
        return finding(id, resource, 'fail', `No statement lets ${p.service} assume the role any more, so the jobs that use it would fail to start. Keep one Allow for ${p.service}, with aws:SourceAccount ${accountId}.`, [
          { field: 'trust policy', value: role.trustPolicy.value, expected: `an Allow of sts:AssumeRole for ${p.service}` },
        ]);
      }
      const anyone = problems.some((e) => typeof e.value === 'object' && !Array.isArray(e.value));
      const extra = problems.filter((e) => e.field.endsWith('.Principal')).flatMap((e) => e.value as string[]);
      const unguarded = problems.some((e) => e.field.endsWith('.Condition'));
      const parts = [
        anyone ? 'anyone (Principal "*" or NotPrincipal) may assume it' : '',
        extra.length ? `it also trusts ${extra.join(', ')}` : '',
        unguarded ? `${p.service} is trusted without a condition fixing aws:SourceAccount (or aws:SourceArn) to ${accountId}` : '',
      ].filter(Boolean);
      return finding(id, resource, 'fail', `The trust policy is too open: ${parts.join('; ')}.`, problems);
    });
  },
});
