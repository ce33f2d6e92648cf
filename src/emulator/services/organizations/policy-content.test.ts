import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../policy/index.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { checkPolicyContent, scpProblem } from './policy-content.ts';

const action = fc.oneof(fc.constant('*'), fc.tuple(fc.constantFrom('s3', 'sagemaker', 'cloudtrail', 'kms', 'iam'), fc.constantFrom('*', 'Get*', 'CreateTrainingJob', 'StopLogging', '*Bucket', 'Describe?')).map(([s, a]) => `${s}:${a}`));
const resource = fc.oneof(fc.constant('*'), fc.constantFrom('arn:aws:s3:::training-data/*', 'arn:aws:sagemaker:*:*:training-job/*', 'arn:aws:kms:us-east-1:111122223333:key/*'));
const oneOrMore = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.array(a, { minLength: 1, maxLength: 3 }));
const condition = fc.option(fc.constantFrom({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } }, { Null: { 'sagemaker:VpcSubnets': 'true' } }, { Bool: { 'sagemaker:NetworkIsolation': false } }), { nil: undefined });
const statement = fc.record({
  Sid: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), { nil: undefined }),
  Effect: fc.constantFrom('Allow', 'Deny'),
  actions: fc.tuple(fc.boolean(), oneOrMore(action)),
  resources: fc.option(fc.tuple(fc.boolean(), oneOrMore(resource)), { nil: undefined }),
  Condition: condition,
}).map(({ Sid, Effect, actions, resources, Condition }) => {
  const s: Record<string, unknown> = { Effect, [actions[0] ? 'Action' : 'NotAction']: actions[1] };
  if (Sid) s.Sid = Sid;
  if (resources) s[resources[0] ? 'Resource' : 'NotResource'] = resources[1];
  if (Condition) s.Condition = Condition;
  return s;
});
const scp = fc.array(statement, { minLength: 1, maxLength: 4 }).map((statements) => {
  const seen = new Set<string>();
  for (const s of statements) {
    if (typeof s.Sid === 'string' && seen.has(s.Sid)) delete s.Sid;
    else if (typeof s.Sid === 'string') seen.add(s.Sid);
  }
  return { Version: '2012-10-17', Statement: statements.length === 1 ? statements[0] : statements };
});

describe('SCP content', () => {
  it('accepts the full IAM language without principals, as the policy engine does', () => {
    fc.assert(fc.property(scp, (doc) => {
      const text = JSON.stringify(doc);
      expect(scpProblem(text), text).toBeUndefined();
      expect(validatePolicy(text, 'scp'), text).toBeUndefined();
    }), { numRuns: 1000 });
  });

  it('refuses a Principal or NotPrincipal anywhere, as the policy engine does', () => {
    fc.assert(fc.property(scp, fc.constantFrom('Principal', 'NotPrincipal'), fc.nat(3), (doc, member, at) => {
      const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
      statements[at % statements.length]![member] = member === 'Principal' ? '*' : { AWS: 'arn:aws:iam::111122223333:root' };
      const text = JSON.stringify(doc);
      expect(scpProblem(text)).toMatch(/SCPs do not support Principal or NotPrincipal/);
      expect(validatePolicy(text, 'scp')).toBeDefined();
    }), { numRuns: 300 });
  });

  it('says which rule a document breaks', () => {
    expect(scpProblem('{"Statement":{"Effect":"Allow","Action":"*"},"Statement":{"Effect":"Deny","Action":"*"}}')).toBe('an element appears twice: Statement');
    expect(scpProblem('{"Version":"2012-10-17"}')).toBe('Statement is missing');
    expect(scpProblem('{"Statement":[]}')).toBe('Statement is empty');
    expect(scpProblem('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}}')).toBe('Statement[0] may not have both Resource and NotResource');
    expect(scpProblem('{"Statement":[{"Sid":"A","Effect":"Allow","Action":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*"}]}')).toBe('Statement[1].Sid A is not unique');
    expect(scpProblem('{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*"}}')).toBe('Version must be 2012-10-17 or 2008-10-17');
    expect(scpProblem('{"Statement":{"Effect":"Deny","Action":"*","Condition":{"StringEquals":{}}}}')).toBe('Statement[0].Condition.StringEquals must map condition keys to values');
  });

  it('checks the size before the grammar, counting every character', () => {
    const big = `{"Statement":{"Effect":"Allow","Action":"*"}}${' '.repeat(10_240)}`;
    try {
      checkPolicyContent('SERVICE_CONTROL_POLICY', big);
      expect.unreachable();
    } catch (error) {
      expect((error as AwsServiceError).code).toBe('ConstraintViolationException');
      expect((error as AwsServiceError).fields).toEqual({ Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED' });
    }
    expect(() => checkPolicyContent('TAG_POLICY', '{"tags":{}}')).not.toThrow();
    expect(() => checkPolicyContent('TAG_POLICY', '"tags"')).toThrow('The provided policy document does not meet the requirements of the specified policy type.');
  });
});
