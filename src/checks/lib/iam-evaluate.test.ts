/**
 * The identity-side evaluator behind iam-role-effective-permissions: IAM's rules for a role's own
 * policies (explicit deny, allow, permissions boundary), conditions, and "unknown" instead of a guess.
 */
import { describe, expect, it } from 'vitest';
import type { IamRolePolicy, PolicyStatement } from '../../inventory/types.ts';
import { evaluateRoleRequest } from './iam-evaluate.ts';

const policy = (name: string, ...Statement: PolicyStatement[]): IamRolePolicy => ({ name, kind: 'inline', document: { Version: '2012-10-17', Statement } });
const get = { action: 's3:GetObject', resource: 'arn:aws:s3:::data/training/a.csv' };

describe('evaluateRoleRequest', () => {
  it('denies implicitly when nothing allows, and allows with a matching statement (actions case-insensitive, resources by glob)', () => {
    expect(evaluateRoleRequest(get, [], null).decision).toBe('implicitDeny');
    const d = evaluateRoleRequest(get, [policy('p', { Sid: 'Read', Effect: 'Allow', Action: 'S3:Get*', Resource: 'arn:aws:s3:::data/training/*' })], null);
    expect(d.decision).toBe('allowed');
    expect(d.matched).toEqual([{ policy: 'p', kind: 'inline', index: 0, sid: 'Read', effect: 'Allow' }]);
    expect(evaluateRoleRequest({ ...get, resource: 'arn:aws:s3:::data/output/a.csv' }, [policy('p', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/training/*' })], null).decision).toBe('implicitDeny');
  });

  it('lets an explicit deny win over any allow, in identity policies and in the boundary', () => {
    const admin = policy('admin', { Effect: 'Allow', Action: '*', Resource: '*' });
    expect(evaluateRoleRequest(get, [admin, policy('deny', { Effect: 'Deny', Action: 's3:*', Resource: '*' })], null).decision).toBe('explicitDeny');
    expect(evaluateRoleRequest(get, [admin], policy('boundary', { Effect: 'Deny', NotAction: 'kms:*', Resource: '*' })).decision).toBe('explicitDeny');
  });

  it('needs the permissions boundary to allow as well', () => {
    const admin = policy('admin', { Effect: 'Allow', Action: '*', Resource: '*' });
    expect(evaluateRoleRequest(get, [admin], policy('b', { Effect: 'Allow', Action: 'kms:*', Resource: '*' })).decision).toBe('implicitDeny');
    expect(evaluateRoleRequest(get, [admin], policy('b', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })).decision).toBe('allowed');
    expect(evaluateRoleRequest(get, [], policy('b', { Effect: 'Allow', Action: '*', Resource: '*' })).decision).toBe('implicitDeny');
  });

  it('handles NotAction and NotResource', () => {
    expect(evaluateRoleRequest(get, [policy('p', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], null).decision).toBe('allowed');
    expect(evaluateRoleRequest(get, [policy('p', { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::data/training/*' })], null).decision).toBe('implicitDeny');
  });

  it('evaluates conditions against the request context', () => {
    const list = { action: 's3:ListBucket', resource: 'arn:aws:s3:::data' };
    const byPrefix = policy('p', { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data', Condition: { StringLike: { 's3:prefix': ['training/*', 'training/'] } } });
    expect(evaluateRoleRequest({ ...list, context: { 's3:prefix': 'training/' } }, [byPrefix], null).decision).toBe('allowed');
    expect(evaluateRoleRequest({ ...list, context: { 's3:prefix': '' } }, [byPrefix], null).decision).toBe('implicitDeny');
    expect(evaluateRoleRequest(list, [byPrefix], null).decision).toBe('implicitDeny');
    const ifExists = policy('p', { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEqualsIfExists: { 's3:prefix': 'x/' } } });
    expect(evaluateRoleRequest(list, [ifExists], null).decision).toBe('allowed');
    const notEquals = policy('p', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } });
    expect(evaluateRoleRequest({ ...get, context: { 'aws:RequestedRegion': 'us-east-1' } }, [policy('a', { Effect: 'Allow', Action: '*', Resource: '*' }), notEquals], null).decision).toBe('explicitDeny');
    const bool = policy('p', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    expect(evaluateRoleRequest({ ...get, context: { 'aws:MultiFactorAuthPresent': true } }, [bool], null).decision).toBe('allowed');
    expect(evaluateRoleRequest(get, [bool], null).decision).toBe('implicitDeny');
  });

  it('answers unknown rather than guessing when a statement cannot be interpreted', () => {
    const ip = policy('p', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    const d = evaluateRoleRequest(get, [ip], null);
    expect(d.decision).toBe('unknown');
    expect(d.unknownBecause).toMatch(/IpAddress/);
    const variable = policy('p', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/${aws:username}/*' });
    expect(evaluateRoleRequest(get, [variable], null).decision).toBe('unknown');
    // An unknown Deny next to no Allow at all still denies.
    expect(evaluateRoleRequest(get, [policy('d', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })], null).decision).toBe('implicitDeny');
  });
});
