import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.ts';
import { evaluateTrustPolicy } from './trust-policy.ts';

const user: Principal = { type: 'IAMUser', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', userId: 'AIDAEXAMPLE', userName: 'alice' };
const session: Principal = {
  type: 'AssumedRole', accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/Pipeline/run-1', userId: 'AROAEXAMPLE:run-1',
  session: { issuedAt: '2026-01-01T00:00:00Z', roleArn: 'arn:aws:iam::111122223333:role/Pipeline', roleName: 'Pipeline' },
};
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

describe('trust policy evaluation', () => {
  const cases: [string, string, Principal, Record<string, string | undefined>, boolean][] = [
    ['account id trusts every principal of the account', doc([allow({ AWS: '111122223333' })]), user, {}, true],
    ['account root ARN does the same', doc([allow({ AWS: 'arn:aws:iam::111122223333:root' })]), user, {}, true],
    ['another account is not trusted', doc([allow({ AWS: '444455556666' })]), user, {}, false],
    ['an exact user ARN', doc([allow({ AWS: 'arn:aws:iam::111122223333:user/alice' })]), user, {}, true],
    ['a role ARN trusts its sessions', doc([allow({ AWS: 'arn:aws:iam::111122223333:role/Pipeline' })]), session, {}, true],
    ['a service principal trusts no user', doc([allow({ Service: 'sagemaker.amazonaws.com' })]), user, {}, false],
    ['"*" trusts anyone', doc([allow('*')]), user, {}, true],
    ['explicit deny wins', doc([allow('*'), { Effect: 'Deny', Principal: '*', Action: 'sts:*' }]), user, {}, false],
    ['action wildcard', doc([{ Effect: 'Allow', Principal: '*', Action: 'sts:Assume*' }]), user, {}, true],
    ['another action does not apply', doc([{ Effect: 'Allow', Principal: '*', Action: 'sts:TagSession' }]), user, {}, false],
    // AWS: NotPrincipal excludes a caller only when all of its identities (user and account) are listed.
    ['NotPrincipal listing only the user still applies to it', doc([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 'sts:AssumeRole' }]), user, {}, true],
    ['NotPrincipal listing the user and its account excludes it', doc([{ Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:root'] }, Action: 'sts:AssumeRole' }]), user, {}, false],
    ['a condition on aws:PrincipalTag uses the session tags', doc([allow('*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ml' } } })]), { ...session, session: { ...session.session!, tags: { team: 'ml' } } }, {}, true],
    ['ExternalId must match', doc([allow('*', { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } })]), user, { 'sts:ExternalId': 'abc' }, true],
    ['a wrong ExternalId fails', doc([allow('*', { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } })]), user, { 'sts:ExternalId': 'xyz' }, false],
    ['a missing ExternalId fails', doc([allow('*', { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } })]), user, {}, false],
    ['StringLike on the principal ARN', doc([allow('*', { Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/a*' } } })]), user, { 'aws:PrincipalArn': user.arn }, true],
    ['Bool MFA required but absent', doc([allow('*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })]), user, { 'aws:MultiFactorAuthPresent': 'false' }, false],
    ['IfExists passes when the key is absent', doc([allow('*', { Condition: { StringEqualsIfExists: { 'sts:SourceIdentity': 'x' } } })]), user, {}, true],
    ['Null condition', doc([allow('*', { Condition: { Null: { 'sts:ExternalId': 'false' } } })]), user, { 'sts:ExternalId': 'e' }, true],
    ['an unknown operator never matches', doc([allow('*', { Condition: { NumericLessThanFoo: { 'aws:x': '1' } } })]), user, {}, false],
    ['invalid JSON allows nothing', 'not json', user, {}, false],
  ];
  for (const [name, policy, principal, context, allowed] of cases) {
    it(name, () => {
      expect(evaluateTrustPolicy(policy, { principal, action: 'sts:AssumeRole', context }).allowed).toBe(allowed);
    });
  }

});
