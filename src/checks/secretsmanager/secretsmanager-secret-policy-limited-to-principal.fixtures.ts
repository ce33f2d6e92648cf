import { ok, type CheckFixtures } from '../fixtures/base.ts';
import { lockedPolicy, roleArn, secretOf, secureSecretsInventory } from '../fixtures/secrets.ts';

const allowOnly = () => ({ Version: '2012-10-17', Statement: [lockedPolicy().Statement[1]!] });

export const fixtures: CheckFixtures<{ principal: string }> = {
  params: { principal: roleArn },
  pass: secureSecretsInventory,
  fail: (inv) => void (secretOf(inv).policy = ok(null)),
  fields: {
    'secretsmanager.secrets[].found.value.policy.value': [
      { description: 'no policy', expect: 'fail', mutate: (inv) => void (secretOf(inv).policy = ok(null)) },
      { description: 'an Allow for the role only', expect: 'fail', mutate: (inv) => void (secretOf(inv).policy = ok(allowOnly())) },
      {
        description: 'Deny exempts a second principal',
        expect: 'fail',
        mutate: (inv) => {
          const policy = lockedPolicy();
          (policy.Statement[0]!.Condition as { StringNotEquals: Record<string, unknown> }).StringNotEquals['aws:PrincipalArn'] = [roleArn, 'arn:aws:iam::111122223333:role/data-scientist'];
          secretOf(inv).policy = ok(policy);
        },
      },
      {
        description: 'an extra Allow to everyone',
        expect: 'fail',
        mutate: (inv) => {
          const policy = lockedPolicy() as { Statement: unknown[] };
          policy.Statement.push({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*', Resource: '*' });
          secretOf(inv).policy = ok(policy as never);
        },
      },
      { description: 'Deny only, no Allow', expect: 'pass', mutate: (inv) => void (secretOf(inv).policy = ok({ Version: '2012-10-17', Statement: [lockedPolicy().Statement[0]!] })) },
    ],
  },
};
