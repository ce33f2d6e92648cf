/**
 * Every condition operator, with and without IfExists, the set operators and Null, following the
 * IAM User Guide's "Condition operators" and "Single-valued vs. multivalued context keys".
 * Each row: one Allow statement with one condition; the request carries `context`; `matches` says
 * whether the statement applies.
 */
import { describe, expect, it } from 'vitest';
import { authorize, type ContextValue } from '../../../src/emulator/policy/index.ts';
import { alice, allow, policy } from './fixtures.ts';

type Row = [operator: string, key: string, values: unknown, context: Record<string, ContextValue>, matches: boolean];

const rows: Row[] = [
  // String
  ['StringEquals', 's3:x-amz-server-side-encryption', 'aws:kms', { 's3:x-amz-server-side-encryption': 'aws:kms' }, true],
  ['StringEquals', 's3:x-amz-server-side-encryption', 'aws:kms', { 's3:x-amz-server-side-encryption': 'AES256' }, false],
  ['StringEquals', 's3:x-amz-server-side-encryption', 'aws:kms', { 's3:x-amz-server-side-encryption': 'AWS:KMS' }, false],
  ['StringEquals', 's3:x-amz-server-side-encryption', ['AES256', 'aws:kms'], { 's3:x-amz-server-side-encryption': 'aws:kms' }, true],
  ['StringEquals', 's3:x-amz-server-side-encryption', 'aws:kms', {}, false],
  ['StringEquals', 'aws:PrincipalTag/team', 'ml*', { 'aws:PrincipalTag/team': 'ml-platform' }, false],
  ['StringNotEquals', 's3:x-amz-server-side-encryption', 'aws:kms', { 's3:x-amz-server-side-encryption': 'AES256' }, true],
  ['StringNotEquals', 's3:x-amz-server-side-encryption', ['aws:kms', 'AES256'], { 's3:x-amz-server-side-encryption': 'AES256' }, false],
  ['StringNotEquals', 's3:x-amz-server-side-encryption', 'aws:kms', {}, true],
  ['StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'ML', { 'aws:PrincipalTag/team': 'ml' }, true],
  ['StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'ML', { 'aws:PrincipalTag/team': 'ml' }, false],
  ['StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'ML', { 'aws:PrincipalTag/team': 'data' }, true],
  ['StringLike', 'kms:ViaService', 's3.*.amazonaws.com', { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, true],
  ['StringLike', 'kms:ViaService', 's3.*.amazonaws.com', { 'kms:ViaService': 'sagemaker.us-east-1.amazonaws.com' }, false],
  ['StringLike', 'aws:userid', 'AROA?EXAMPLE:*', { 'aws:userid': 'AROA1EXAMPLE:job-1' }, true],
  ['StringLike', 'aws:userid', 'AROA?EXAMPLE:*', { 'aws:userid': 'AROA12EXAMPLE:job-1' }, false],
  ['StringNotLike', 'kms:ViaService', 's3.*.amazonaws.com', { 'kms:ViaService': 'sagemaker.us-east-1.amazonaws.com' }, true],
  ['StringNotLike', 'kms:ViaService', 's3.*.amazonaws.com', {}, true],
  ['StringEqualsIfExists', 's3:x-amz-server-side-encryption', 'aws:kms', {}, true],
  ['StringEqualsIfExists', 's3:x-amz-server-side-encryption', 'aws:kms', { 's3:x-amz-server-side-encryption': 'AES256' }, false],
  ['StringNotEqualsIfExists', 'aws:PrincipalOrgID', 'o-abc', { 'aws:PrincipalOrgID': 'o-abc' }, false],
  ['StringEquals', 'sagemaker:VolumeKmsKey', 'arn:aws:kms:us-east-1:111111111111:key/k', { 'sagemaker:VolumeKmsKey': 'arn:aws:kms:us-east-1:111111111111:key/k' }, true],
  ['StringEquals', 'sagemaker:DirectInternetAccess', 'Disabled', { 'sagemaker:DirectInternetAccess': 'Disabled' }, true],
  ['StringEquals', 'sagemaker:RootAccess', 'Disabled', { 'sagemaker:RootAccess': 'Enabled' }, false],
  ['StringEquals', 'iam:PassedToService', 'sagemaker.amazonaws.com', { 'iam:PassedToService': 'sagemaker.amazonaws.com' }, true],
  ['StringEquals', 'AWS:SourceAccount', '111111111111', { 'aws:sourceaccount': '111111111111' }, true],
  // Numeric
  ['NumericEquals', 's3:max-keys', '10', { 's3:max-keys': '10' }, true],
  ['NumericEquals', 's3:max-keys', '10', { 's3:max-keys': 10.0 }, true],
  ['NumericNotEquals', 's3:max-keys', '10', { 's3:max-keys': '11' }, true],
  ['NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': '9' }, true],
  ['NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': '10' }, false],
  ['NumericLessThanEquals', 's3:max-keys', '10', { 's3:max-keys': '10' }, true],
  ['NumericGreaterThan', 'aws:MultiFactorAuthAge', '3600', { 'aws:MultiFactorAuthAge': '3601' }, true],
  ['NumericGreaterThanEquals', 'aws:MultiFactorAuthAge', 3600, { 'aws:MultiFactorAuthAge': '3600' }, true],
  ['NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': 'many' }, false],
  ['NumericNotEquals', 's3:max-keys', '10', { 's3:max-keys': 'many' }, false],
  ['NumericLessThanIfExists', 'aws:MultiFactorAuthAge', '3600', {}, true],
  ['NumericLessThan', 's3:max-keys', '2.5', { 's3:max-keys': '2.25' }, true],
  // Date
  ['DateLessThan', 'aws:CurrentTime', '2030-01-01T00:00:00Z', { 'aws:CurrentTime': '2026-06-01T12:00:00Z' }, true],
  ['DateGreaterThan', 'aws:CurrentTime', '2030-01-01T00:00:00Z', { 'aws:CurrentTime': '2026-06-01T12:00:00Z' }, false],
  ['DateEquals', 'aws:CurrentTime', '2026-06-01T12:00:00Z', { 'aws:CurrentTime': '2026-06-01T12:00:00.000Z' }, true],
  ['DateNotEquals', 'aws:CurrentTime', '2026-06-01T12:00:00Z', { 'aws:CurrentTime': '2026-06-01T12:00:01Z' }, true],
  ['DateLessThanEquals', 'aws:CurrentTime', '2026-06-01', { 'aws:CurrentTime': '2026-06-01T00:00:00Z' }, true],
  ['DateGreaterThanEquals', 'aws:EpochTime', '1780000000', { 'aws:EpochTime': '1780000000' }, true],
  ['DateGreaterThan', 'aws:TokenIssueTime', '2026-01-01T00:00:00Z', { 'aws:TokenIssueTime': '1790000000' }, true],
  ['DateLessThan', 'aws:CurrentTime', '2030-01-01', { 'aws:CurrentTime': 'yesterday' }, false],
  // Bool
  ['Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'true' }, true],
  ['Bool', 'aws:SecureTransport', true, { 'aws:SecureTransport': true }, true],
  ['Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': 'TRUE' }, false],
  ['Bool', 'aws:SecureTransport', 'false', {}, false],
  ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', {}, true],
  ['Bool', 'sagemaker:NetworkIsolation', 'true', { 'sagemaker:NetworkIsolation': true }, true],
  ['Bool', 'sagemaker:InterContainerTrafficEncryption', 'true', { 'sagemaker:InterContainerTrafficEncryption': false }, false],
  ['Bool', 'aws:ViaAWSService', 'true', { 'aws:ViaAWSService': 'true' }, true],
  // Binary
  ['BinaryEquals', 'aws:SomeBinary', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', { 'aws:SomeBinary': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true],
  ['BinaryEquals', 'aws:SomeBinary', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', { 'aws:SomeBinary': 'b3RoZXI=' }, false],
  // IP
  ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.113.77' }, true],
  ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.114.1' }, false],
  ['IpAddress', 'aws:SourceIp', '203.0.113.5', { 'aws:SourceIp': '203.0.113.5' }, true],
  ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '2001:db8::/32'], { 'aws:SourceIp': '2001:db8:0:1::5' }, true],
  ['IpAddress', 'aws:SourceIp', '2001:db8::/32', { 'aws:SourceIp': '2001:db9::1' }, false],
  ['IpAddress', 'aws:SourceIp', '2001:db8::/32', { 'aws:SourceIp': '203.0.113.5' }, false],
  ['IpAddress', 'aws:SourceIp', '::ffff:203.0.113.0/120', { 'aws:SourceIp': '::ffff:203.0.113.9' }, true],
  ['IpAddress', 'aws:SourceIp', '0.0.0.0/0', { 'aws:SourceIp': '198.51.100.1' }, true],
  ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '198.51.100.1' }, true],
  ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.113.1' }, false],
  ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', {}, true],
  ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': 'not-an-ip' }, false],
  ['IpAddressIfExists', 'aws:SourceIp', '203.0.113.0/24', {}, true],
  // ARN
  ['ArnEquals', 'aws:SourceArn', 'arn:aws:sagemaker:us-east-1:111111111111:training-job/*', { 'aws:SourceArn': 'arn:aws:sagemaker:us-east-1:111111111111:training-job/j1' }, true],
  ['ArnLike', 'aws:SourceArn', 'arn:aws:sagemaker:*:111111111111:*', { 'aws:SourceArn': 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/e' }, true],
  ['ArnLike', 'aws:SourceArn', 'arn:aws:sagemaker:*:111111111111:*', { 'aws:SourceArn': 'arn:aws:sagemaker:eu-west-1:222222222222:endpoint/e' }, false],
  ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/ml-*', { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/ml-training' }, true],
  ['ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/ML-*', { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/ml-training' }, false],
  ['ArnNotEquals', 'aws:PrincipalArn', 'arn:aws:iam::111111111111:role/admin', { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/ml-training' }, true],
  ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::111111111111:role/*', { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/ml-training' }, false],
  ['ArnNotLike', 'aws:SourceArn', 'arn:aws:s3:::*', {}, true],
  ['ArnLikeIfExists', 'aws:SourceArn', 'arn:aws:s3:::*', {}, true],
  // A wildcard in one segment does not reach into the next.
  ['ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*', { 'aws:SourceArn': 'arn:aws:s3:us-east-1::bucket' }, false],
  // Null
  ['Null', 'aws:RequestTag/project', 'true', {}, true],
  ['Null', 'aws:RequestTag/project', 'true', { 'aws:RequestTag/project': 'fraud' }, false],
  ['Null', 'aws:RequestTag/project', 'false', { 'aws:RequestTag/project': 'fraud' }, true],
  ['Null', 'aws:TagKeys', 'true', { 'aws:TagKeys': [] }, true],
  ['Null', 'sagemaker:VpcSubnets', 'false', { 'sagemaker:VpcSubnets': ['subnet-1'] }, true],
  // Set operators on multivalued keys
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['project', 'owner'], { 'aws:TagKeys': ['project'] }, true],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['project', 'owner'], { 'aws:TagKeys': ['project', 'cost'] }, false],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['project', 'owner'], {}, true],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['project', 'owner'], { 'aws:TagKeys': [] }, true],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['project', 'owner'], { 'aws:TagKeys': ['cost', 'owner'] }, true],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['project', 'owner'], { 'aws:TagKeys': ['cost'] }, false],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['project', 'owner'], {}, false],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['project', 'owner'], { 'aws:TagKeys': [] }, false],
  ['ForAllValues:StringLike', 'sagemaker:VpcSubnets', 'subnet-0a*', { 'sagemaker:VpcSubnets': ['subnet-0a1', 'subnet-0a2'] }, true],
  ['ForAllValues:StringLike', 'sagemaker:VpcSubnets', 'subnet-0a*', { 'sagemaker:VpcSubnets': ['subnet-0a1', 'subnet-0b2'] }, false],
  ['ForAnyValue:StringEquals', 'sagemaker:VpcSecurityGroupIds', 'sg-open', { 'sagemaker:VpcSecurityGroupIds': ['sg-1', 'sg-open'] }, true],
  ['ForAnyValue:StringNotEquals', 'aws:TagKeys', ['project'], { 'aws:TagKeys': ['project', 'owner'] }, true],
  ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['project', 'owner'] }, true],
  ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['project', 'secret'] }, false],
  ['ForAnyValue:StringEquals', 'aws:CalledVia', 'athena.amazonaws.com', { 'aws:CalledVia': ['athena.amazonaws.com'] }, true],
  ['ForAnyValue:StringEquals', 'aws:CalledVia', 'athena.amazonaws.com', { 'aws:CalledVia': 'athena.amazonaws.com' }, true],
  ['ForAnyValue:StringEqualsIfExists', 'aws:CalledVia', 'athena.amazonaws.com', {}, true],
  ['ForAllValues:NumericLessThan', 'aws:SomeNumbers', '10', { 'aws:SomeNumbers': [1, 5, 9] }, true],
  ['ForAnyValue:IpAddress', 'aws:SomeAddresses', '10.0.0.0/8', { 'aws:SomeAddresses': ['192.168.1.1', '10.1.2.3'] }, true],
  // A multivalued key without a set operator does not match.
  ['StringEquals', 'aws:TagKeys', 'project', { 'aws:TagKeys': ['project'] }, false],
  ['StringNotEquals', 'aws:TagKeys', 'project', { 'aws:TagKeys': ['owner'] }, false],
  // Several keys under one operator are ANDed (checked below too).
];

describe('condition operators', () => {
  it.each(rows)('%s %s %j with %j → %s', (operator, key, values, context, matches) => {
    const result = authorize({ principal: alice, action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', context }, {
      identity: [policy('P', allow('s3:PutObject', '*', { Condition: { [operator]: { [key]: values } } }))],
    });
    expect(result.decision).toBe(matches ? 'allowed' : 'implicitDeny');
  });

  const check = (condition: object, context: Record<string, ContextValue>) =>
    authorize({ principal: alice, action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', context }, { identity: [policy('P', allow('s3:PutObject', '*', { Condition: condition }))] }).decision;

  it('ANDs several keys under one operator and several operators', () => {
    const condition = {
      StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111111111111:key/k' },
      Bool: { 'aws:SecureTransport': 'true' },
    };
    const ok = { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111111111111:key/k', 'aws:SecureTransport': 'true' };
    expect(check(condition, ok)).toBe('allowed');
    expect(check(condition, { ...ok, 'aws:SecureTransport': 'false' })).toBe('implicitDeny');
    expect(check(condition, { ...ok, 's3:x-amz-server-side-encryption-aws-kms-key-id': 'other' })).toBe('implicitDeny');
  });

  it('compares condition keys without regard to case, values with it', () => {
    expect(check({ StringEquals: { 'AWS:PRINCIPALTAG/Team': 'ml' } }, { 'aws:principaltag/team': 'ml' })).toBe('allowed');
    expect(check({ StringEquals: { 'aws:PrincipalTag/team': 'ml' } }, { 'aws:PrincipalTag/team': 'ML' })).toBe('implicitDeny');
  });

  it('rejects an unknown operator with a clear message', () => {
    expect(() => check({ StringEqualz: { 'aws:SourceIp': 'x' } }, {})).toThrow(/Statement\[0\]\.Condition\.StringEqualz\.aws:SourceIp: unknown condition operator "StringEqualz"/);
    expect(() => check({ NullIfExists: { 'aws:SourceIp': 'true' } }, {})).toThrow(/Null takes no/);
    expect(() => check({ Null: { 'aws:SourceIp': 'maybe' } }, {})).toThrow(/Null takes "true" or "false"/);
  });
});
