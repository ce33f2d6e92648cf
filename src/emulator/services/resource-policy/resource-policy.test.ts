/** The resource-policy reader: total on arbitrary input, wildcard matching, public and allow/deny decisions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicPolicy, parseResourcePolicy, PolicyParseError, policyAllows, policyDenies, wildcardMatch } from './resource-policy.ts';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('resource policies', () => {
  it('either parse or fail with PolicyParseError, for any text and any JSON value', () => {
    const tryParse = (text: string) => {
      try {
        parseResourcePolicy(text, { requirePrincipal: true });
      } catch (error) {
        expect(error).toBeInstanceOf(PolicyParseError);
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 200 }), tryParse), { numRuns: 500 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => tryParse(JSON.stringify(value))), { numRuns: 500 });
    const statement = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny', 'allow', 1),
      Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: fc.oneof(fc.string(), fc.array(fc.string())) }), fc.jsonValue()),
      Action: fc.oneof(fc.string(), fc.array(fc.string()), fc.jsonValue()),
      Resource: fc.oneof(fc.constant('*'), fc.jsonValue()),
      Condition: fc.oneof(fc.constant(undefined), fc.jsonValue()),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.array(statement, { maxLength: 3 }), (statements) => tryParse(JSON.stringify({ Version: '2012-10-17', Statement: statements }))), { numRuns: 500 });
  });

  it('match IAM wildcards literally except for * and ?', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (text) => {
      const literal = text.replace(/[*?]/g, '');
      expect(wildcardMatch(literal, literal)).toBe(true);
      expect(wildcardMatch('*', text)).toBe(true);
      expect(wildcardMatch(`${literal}*`, `${literal}suffix`)).toBe(true);
    }), { numRuns: 300 });
    expect(wildcardMatch('kms:Get*', 'kms:GetKeyPolicy')).toBe(true);
    expect(wildcardMatch('kms:get*', 'kms:GetKeyPolicy', true)).toBe(true);
    expect(wildcardMatch('kms:Ge?KeyPolicy', 'kms:GetKeyPolicy')).toBe(true);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('(x)', '(x)')).toBe(true);
  });

  it('decide allow and deny for a caller, delegating to the account root as AWS does', () => {
    const caller = { accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/ml-admin/session', roleArn: 'arn:aws:iam::111111111111:role/team/ml-admin' };
    const action = 'kms:PutKeyPolicy';
    const key = 'arn:aws:kms:us-east-1:111111111111:key/k';
    const allows = (text: string) => policyAllows(parseResourcePolicy(text, { requirePrincipal: true }), caller, action, key);
    expect(allows(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' }))).toBe(true);
    expect(allows(doc({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'kms:Put*', Resource: '*' }))).toBe(true);
    expect(allows(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/ml-admin' }, Action: 'kms:PutKeyPolicy', Resource: '*' }))).toBe(true);
    expect(allows(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'kms:*', Resource: '*' }))).toBe(false);
    expect(allows(doc({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }))).toBe(false);
    expect(allows(doc({ Effect: 'Allow', Principal: '*', NotAction: 'kms:Decrypt', Resource: '*' }))).toBe(true);
    expect(allows(doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: 'kms:Put*', Resource: '*' }))).toBe(false);
    expect(allows(doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: 'kms:Put*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))).toBe(true);
    expect(policyDenies(parseResourcePolicy(doc({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: '*', Resource: '*' }), { requirePrincipal: true }), caller, action, key)).toBe(true);
  });

  it('call a policy public when a wildcard principal is allowed without a condition that pins the caller', () => {
    const pub = (s: object) => isPublicPolicy(parseResourcePolicy(doc(s), { requirePrincipal: true }));
    expect(pub({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' })).toBe(true);
    expect(pub({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111111111111:root', '*'] }, Action: '*', Resource: '*' })).toBe(true);
    expect(pub({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })).toBe(false);
    expect(pub({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalAccount': '1111*' } } })).toBe(true);
    expect(pub({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })).toBe(true);
    expect(pub({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' })).toBe(false);
    expect(pub({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: '*', Resource: '*' })).toBe(false);
  });
});
