/**
 * The policy language: Version, Statement shapes, Action and Resource matching with wildcards,
 * policy variables, Principal forms, and the grammar errors a learner gets for a broken document.
 */
import { describe, expect, it } from 'vitest';
import { authorize, compilePolicy, PolicyDocumentError, validatePolicy, type RequestPrincipal } from '../../../src/emulator/policy/index.ts';
import { ACCOUNT, OTHER, alice, allow, bob, doc, policy, session } from './fixtures.ts';

const decide = (document: object, action: string, resource: string, principal: RequestPrincipal = alice, context = {}) =>
  authorize({ principal, action, resource, context }, { identity: [{ name: 'P', document }] }).decision;

describe('Action matching', () => {
  it.each([
    ['s3:GetObject', 's3:GetObject', true],
    ['s3:getobject', 's3:GetObject', true],
    ['S3:GETOBJECT', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObjectTagging', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:*Object', 's3:DeleteObject', true],
    ['s3:*Object', 's3:DeleteObjects', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:?etObject', 's3:GGetObject', false],
    ['*', 'sagemaker:CreateEndpoint', true],
    ['sagemaker:*', 'sagemaker:CreateEndpoint', true],
    ['sagemaker:*', 'sagemaker-runtime:InvokeEndpoint', false],
    ['sagemaker-runtime:*', 'sagemaker-runtime:InvokeEndpoint', true],
    ['s3:GetObject', 's3:GetObjectAcl', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(decide(doc(allow(pattern)), action, '*')).toBe(expected ? 'allowed' : 'implicitDeny');
  });

  it('matches any of several actions', () => {
    expect(decide(doc(allow(['ec2:*', 'kms:Decrypt'])), 'kms:decrypt', '*')).toBe('allowed');
  });
});

describe('Resource matching, segment by segment', () => {
  it.each([
    ['arn:aws:s3:::training-data/*', 'arn:aws:s3:::training-data/a/b/c.csv', true],
    ['arn:aws:s3:::training-data/*', 'arn:aws:s3:::training-data', false],
    ['arn:aws:s3:::training-data*', 'arn:aws:s3:::training-data-copy/x', true],
    ['arn:aws:s3:::Training-Data/*', 'arn:aws:s3:::training-data/x', false],
    ['arn:aws:s3:::*/x:y', 'arn:aws:s3:::b/x:y', true],
    ['arn:aws:sagemaker:*:111111111111:endpoint/*', 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/fraud', true],
    ['arn:aws:sagemaker:*:111111111111:endpoint/*', 'arn:aws:sagemaker:eu-west-1:222222222222:endpoint/fraud', false],
    ['arn:aws:sagemaker:us-east-?:*:*', 'arn:aws:sagemaker:us-east-2:111111111111:model/m', true],
    ['arn:aws:iam::*:role/ml/*', 'arn:aws:iam::111111111111:role/ml/training', true],
    ['arn:*:s3:::b', 'arn:aws-cn:s3:::b', true],
    ['arn:aws:s3:::*', 'arn:aws:s3:us-east-1::b', false],
    ['*', 'arn:aws:kms:us-east-1:111111111111:key/k', true],
    ['arn:aws:s3:::b', '*', false],
  ])('%s matches %s: %s', (pattern, resource, expected) => {
    expect(decide(doc(allow('s3:*', pattern)), 's3:GetObject', resource)).toBe(expected ? 'allowed' : 'implicitDeny');
  });
});

describe('policy variables', () => {
  const home = doc(allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*'));
  it('substitutes ${aws:username}', () => {
    expect(decide(home, 's3:GetObject', 'arn:aws:s3:::home/alice/notes.txt')).toBe('allowed');
    expect(decide(home, 's3:GetObject', 'arn:aws:s3:::home/bob/notes.txt')).toBe('implicitDeny');
  });
  it('matches nothing when the variable has no value (a role has no aws:username)', () => {
    expect(decide(home, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/x', session)).toBe('implicitDeny');
  });
  it('uses the default when the key is absent', () => {
    const d = doc(allow('s3:*', "arn:aws:s3:::team/${aws:PrincipalTag/team, 'shared'}/*"));
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::team/shared/x')).toBe('allowed');
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::team/ml/x', { ...alice, tags: { team: 'ml' } })).toBe('allowed');
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::team/shared/x', { ...alice, tags: { team: 'ml' } })).toBe('implicitDeny');
  });
  it('substitutes principal tags in condition values (ABAC)', () => {
    const d = doc(allow('sagemaker:*', '*', { Condition: { StringEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' } } }));
    const tagged = { ...alice, tags: { project: 'fraud' } };
    expect(decide(d, 'sagemaker:StopTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/j', tagged, { 'aws:ResourceTag/project': 'fraud' })).toBe('allowed');
    expect(decide(d, 'sagemaker:StopTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/j', tagged, { 'aws:ResourceTag/project': 'churn' })).toBe('implicitDeny');
    expect(decide(d, 'sagemaker:StopTrainingJob', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/j', alice, { 'aws:ResourceTag/project': 'fraud' })).toBe('implicitDeny');
  });
  it('treats ${*}, ${?} and ${$} as literal characters', () => {
    const d = doc(allow('s3:*', 'arn:aws:s3:::b/${*}${?}${$}'));
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/*?$')).toBe('allowed');
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/xy$')).toBe('implicitDeny');
  });
  it('treats a substituted value literally, not as a wildcard', () => {
    const d = doc(allow('s3:*', '*', { Condition: { StringLike: { 's3:prefix': '${aws:PrincipalTag/prefix}' } } }));
    expect(decide(d, 's3:ListBucket', 'arn:aws:s3:::b', { ...alice, tags: { prefix: 'a*' } }, { 's3:prefix': 'abc' })).toBe('implicitDeny');
    expect(decide(d, 's3:ListBucket', 'arn:aws:s3:::b', { ...alice, tags: { prefix: 'a*' } }, { 's3:prefix': 'a*' })).toBe('allowed');
  });
  it('does not substitute in Version 2008-10-17 or without a Version', () => {
    const old = { Version: '2008-10-17', Statement: [allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*')] };
    expect(decide(old, 's3:GetObject', 'arn:aws:s3:::home/alice/x')).toBe('implicitDeny');
    expect(decide(old, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/x')).toBe('allowed');
    const none = { Statement: [allow('s3:*', 'arn:aws:s3:::home/${aws:username}/*')] };
    expect(decide(none, 's3:GetObject', 'arn:aws:s3:::home/alice/x')).toBe('implicitDeny');
  });
  it('derives aws:PrincipalArn, aws:PrincipalAccount and aws:userid from the principal', () => {
    const d = doc(allow('s3:*', '*', { Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ml-training` }, StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:PrincipalType': 'AssumedRole' } } }));
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/k', session)).toBe('allowed');
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/k', alice)).toBe('implicitDeny');
    const byId = doc(allow('s3:*', '*', { Condition: { StringLike: { 'aws:userid': 'AROAEXAMPLE:*' } } }));
    expect(decide(byId, 's3:GetObject', 'arn:aws:s3:::b/k', { ...session, userId: 'AROAEXAMPLE:job-42' })).toBe('allowed');
  });
});

describe('statements and principals', () => {
  it('accepts Statement as a single object', () => {
    expect(decide({ Version: '2012-10-17', Statement: allow('s3:GetObject') }, 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allowed');
  });

  const bucketDecision = (principalElement: unknown, principal: RequestPrincipal) =>
    authorize({ principal, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: ACCOUNT }, {
      resourcePolicy: { name: 'BucketPolicy', document: doc(allow('s3:GetObject', '*', { Principal: principalElement })) },
      identity: principal.type === 'user' && principal.arn?.includes(OTHER) ? [policy('B', allow('s3:*'))] : [],
    }).decision;

  it.each([
    ['"*"', '*', alice, true],
    ['an account id (cross-account)', { AWS: OTHER }, bob, true],
    ['an account root ARN (cross-account)', { AWS: `arn:aws:iam::${OTHER}:root` }, bob, true],
    ['the user ARN', { AWS: alice.arn }, alice, true],
    ['another user ARN', { AWS: `arn:aws:iam::${ACCOUNT}:user/carol` }, alice, false],
    ['a list containing the user', { AWS: ['arn:aws:iam::333333333333:root', alice.arn] }, alice, true],
    ['the session ARN', { AWS: session.arn }, session, true],
    ['the role ARN for its session', { AWS: `arn:aws:iam::${ACCOUNT}:role/ml-training` }, session, true],
    ['the role ARN with a path for its session', { AWS: `arn:aws:iam::${ACCOUNT}:role/teams/ml-training` }, session, true],
    ['a service principal', { Service: 'sagemaker.amazonaws.com' }, { type: 'service', arn: 'sagemaker.amazonaws.com' }, true],
    ['a canonical user', { CanonicalUser: 'abc123' }, { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/x`, canonicalUserId: 'abc123' }, true],
    ['a federated provider (never matches here)', { Federated: 'cognito-identity.amazonaws.com' }, alice, false],
  ] as [string, unknown, RequestPrincipal, boolean][])('Principal %s', (_, element, principal, expected) => {
    expect(bucketDecision(element, principal)).toBe(expected ? 'allowed' : 'implicitDeny');
  });
});

describe('grammar errors', () => {
  it.each([
    ['not JSON', '{"Version": ', 'identity', /not valid JSON/],
    ['no Statement', { Version: '2012-10-17' }, 'identity', /no Statement/],
    ['a bad Version', { Version: '2012-10-18', Statement: [allow('*')] }, 'identity', /Version: "2012-10-18" is not a policy version/],
    ['a bad Effect', doc({ Effect: 'allow', Action: '*', Resource: '*' }), 'identity', /Statement\[0\]\.Effect: Effect must be "Allow" or "Deny"/],
    ['Action and NotAction', doc({ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }), 'identity', /exactly one of Action or NotAction/],
    ['no Action', doc({ Effect: 'Allow', Resource: '*' }), 'identity', /exactly one of Action or NotAction/],
    ['a malformed action', doc(allow('s3GetObject')), 'identity', /Statement\[0\]\.Action\[0\]: "s3GetObject" is not an action/],
    ['an action without a service prefix', doc(allow('sagemaker*')), 'identity', /"sagemaker\*" is not an action/],
    ['no Resource in an identity policy', doc({ Effect: 'Allow', Action: '*' }), 'identity', /must contain a Resource or NotResource/],
    ['a Principal in an identity policy', doc(allow('*', '*', { Principal: '*' })), 'identity', /must not name a principal/],
    ['no Principal in a bucket policy', doc(allow('s3:*')), 'resource', /must have a Principal or NotPrincipal/],
    ['an unknown element', doc(allow('*', '*', { Actions: 's3:*' })), 'identity', /Statement\[0\]\.Actions: unknown statement element/],
    ['a bad principal', doc(allow('*', '*', { Principal: { AWS: 'alice' } })), 'resource', /"alice" is not a valid principal/],
    ['a bad variable', doc(allow('*', 'arn:aws:s3:::b/${username}')), 'identity', /is not a valid policy variable/],
  ] as const)('%s', (_, document, type, message) => {
    expect(() => compilePolicy({ name: 'P', document }, type)).toThrow(PolicyDocumentError);
    expect(validatePolicy(document, type)).toMatch(message);
  });

  it('accepts a trust policy without Resource', () => {
    expect(validatePolicy(doc({ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'resource')).toBeUndefined();
  });
});
