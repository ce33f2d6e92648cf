import { z } from 'zod';
import { evaluateEntries } from '../lib/ec2.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { awsPrincipals, conditionsOf, coversAction, isAllow, isDeny, isEveryonePrincipal, statementLabel, statementsOf } from '../lib/policy.ts';
import { defineCheck } from '../types.ts';

const id = 'secretsmanager-secret-policy-limited-to-principal';

const params = z.strictObject({
  /** The only principal (role ARN) that may read the secret value. */
  principal: z.string().min(1),
});

const read = 'secretsmanager:GetSecretValue';
const principalKeys = new Set(['aws:principalarn']);
const negatedOperators = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/;

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'A secret’s resource policy lets only its workload’s role read the value',
  service: 'secretsmanager',
  resourceType: 'AWS::SecretsManager::Secret',
  severity: 'high',
  risk: 'Without a resource policy that denies everyone else, any user or role in the account whose identity policy allows secretsmanager:GetSecretValue on * — a data scientist, a CI job, an over-privileged notebook — can read the database password. An Allow for the right role alone does not take access away from anyone.',
  securityHub: [],
  syllabus: ['4.3.S1', '4.3.K1', '4.3.K2'],
  remediation: {
    text: 'Attach a resource policy with a Deny of secretsmanager:GetSecretValue to Principal "*" unless aws:PrincipalArn is the workload’s role (and, if you like, an Allow for that role). Keep an administrator path by managing the policy itself, not by exempting readers.',
    cli: 'aws secretsmanager put-resource-policy --secret-id <secret-name> --block-public-policy --resource-policy \'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalArn":"<role-arn>"}}}]}\'',
    docs: 'Attach a permissions policy to an AWS Secrets Manager secret',
  },
  reads: ['secretsmanager.secrets[].found.value.policy.value'],
  params,
  scope: (selector) => ({ secretsmanager: { secrets: selector.names ?? [] } }),
  evaluate(inventory, p) {
    return evaluateEntries(inventory.secretsmanager?.secrets, id, (name, s) => ({ type: 'AWS::SecretsManager::Secret', id: name, ...(s?.arn ? { arn: s.arn } : {}) }), 'SecretsManager.DescribeSecret', (secret, resource) => {
      if (!secret.policy.ok) return couldNotCheck(id, resource, 'SecretsManager.GetResourcePolicy', secret.policy.error, 'the resource policy');
      const statements = statementsOf(secret.policy.value);
      if (!secret.policy.value || !statements.length) {
        return finding(id, resource, 'fail', `Secret ${secret.name} has no resource policy: every principal in the account whose identity policy allows ${read} can read it.`, [
          { field: `GetResourcePolicy(${secret.name})`, value: 'none', expected: `a Deny of ${read} to everyone but ${p.principal}` },
        ]);
      }
      const problems: string[] = [];
      const evidence: { field: string; value: unknown; expected: string }[] = [];
      statements.forEach((s, i) => {
        if (!isAllow(s) || !coversAction(s, read)) return;
        const others = isEveryonePrincipal(s) ? ['*'] : awsPrincipals(s.Principal).filter((a) => a !== p.principal);
        if (others.length) {
          problems.push(`${statementLabel(s, i)} allows ${others.join(', ')} to read the value`);
          evidence.push({ field: `GetResourcePolicy.${statementLabel(s, i)}`, value: s, expected: `no Allow of ${read} to anyone but ${p.principal}` });
        }
      });
      const fence = statements.findIndex((s) => {
        if (!isDeny(s) || !isEveryonePrincipal(s) || !coversAction(s, read)) return false;
        const exempt = conditionsOf(s).filter((c) => principalKeys.has(c.key) && negatedOperators.test(c.operator));
        return exempt.length > 0 && exempt.every((c) => c.values.length > 0 && c.values.every((v) => v === p.principal));
      });
      if (fence < 0) {
        problems.push(`no Deny statement refuses ${read} to every principal other than ${p.principal}`);
        evidence.push({ field: `GetResourcePolicy(${secret.name}).Statement`, value: statements, expected: `a Deny of ${read} to Principal "*" with StringNotEquals aws:PrincipalArn = ${p.principal}` });
      } else {
        evidence.push({ field: `GetResourcePolicy.${statementLabel(statements[fence]!, fence)}`, value: statements[fence], expected: `a Deny of ${read} to everyone but ${p.principal}` });
      }
      if (!problems.length) return finding(id, resource, 'pass', `Only ${p.principal} can read secret ${secret.name}: its resource policy denies everyone else.`, evidence);
      return finding(id, resource, 'fail', `Secret ${secret.name} is not limited to ${p.principal}: ${problems.join('; ')}.`, evidence);
    });
  },
});
