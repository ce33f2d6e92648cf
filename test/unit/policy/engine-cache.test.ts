/**
 * The decision cache answers repeated questions without re-evaluating, and never answers a
 * question whose inputs changed: other context values, other policies, or after invalidate().
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, createPolicyEngine } from '../../../src/emulator/policy/index.ts';
import { alice, allow, deny, doc, object, policy } from './fixtures.ts';

const tlsOnly = compilePolicy({ name: 'BucketPolicy', document: doc(allow('s3:GetObject', '*', { Principal: '*' }), deny('s3:*', '*', { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })) }, 'resource');
const request = (secure: boolean, extra = {}) => ({ principal: alice, action: 's3:GetObject', resource: object, context: { 'aws:SecureTransport': secure, ...extra } });

describe('decision cache', () => {
  it('serves the second identical request from the cache', () => {
    const engine = createPolicyEngine();
    const first = engine.authorize(request(true), { resourcePolicy: tlsOnly });
    const second = engine.authorize(request(true), { resourcePolicy: tlsOnly });
    expect(first.cached).toBeUndefined();
    expect(second.cached).toBe(true);
    expect(second.decision).toBe(first.decision);
    expect(second.matchedStatements).toEqual(first.matchedStatements);
    expect(engine.cacheStats).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it('keys on the context values the policies read', () => {
    const engine = createPolicyEngine();
    expect(engine.authorize(request(true), { resourcePolicy: tlsOnly }).decision).toBe('allowed');
    expect(engine.authorize(request(false), { resourcePolicy: tlsOnly }).decision).toBe('explicitDeny');
    expect(engine.authorize(request(true), { resourcePolicy: tlsOnly }).cached).toBe(true);
  });

  it('ignores context keys no policy reads', () => {
    const engine = createPolicyEngine();
    engine.authorize(request(true, { 'aws:SourceIp': '203.0.113.1' }), { resourcePolicy: tlsOnly });
    expect(engine.authorize(request(true, { 'aws:SourceIp': '198.51.100.7' }), { resourcePolicy: tlsOnly }).cached).toBe(true);
  });

  it('keys on principal tags read through policy variables', () => {
    const engine = createPolicyEngine();
    const abac = [policy('Abac', allow('s3:*', 'arn:aws:s3:::training-data/${aws:PrincipalTag/folder}/*'))];
    const ask = (folder: string) => engine.authorize({ principal: { ...alice, tags: { folder } }, action: 's3:GetObject', resource: object }, { identity: abac });
    expect(ask('datasets').decision).toBe('allowed');
    expect(ask('models').decision).toBe('implicitDeny');
  });

  it('gives a recompiled (changed) policy a fresh answer', () => {
    const engine = createPolicyEngine();
    const v1 = compilePolicy(policy('Data', allow('s3:GetObject')), 'identity');
    expect(engine.authorize(request(true), { identity: [v1] }).decision).toBe('allowed');
    const v2 = compilePolicy(policy('Data', deny('s3:GetObject')), 'identity');
    expect(engine.authorize(request(true), { identity: [v2] }).decision).toBe('explicitDeny');
  });

  it('forgets everything when the generation is bumped', () => {
    const engine = createPolicyEngine();
    engine.authorize(request(true), { resourcePolicy: tlsOnly });
    expect(engine.generation).toBe(0);
    expect(engine.invalidate()).toBe(1);
    expect(engine.cacheStats.size).toBe(0);
    expect(engine.authorize(request(true), { resourcePolicy: tlsOnly }).cached).toBeUndefined();
  });

  it('evicts the least recently used answer when full', () => {
    const engine = createPolicyEngine({ cacheCapacity: 2 });
    const ask = (key: string) => engine.authorize({ principal: alice, action: 's3:GetObject', resource: `arn:aws:s3:::b/${key}` }, { identity: [policy('All', allow('s3:*'))] });
    ask('a');
    ask('b');
    ask('a');
    ask('c');
    expect(ask('a').cached).toBe(true);
    expect(ask('b').cached).toBeUndefined();
  });

  it('can run without a cache', () => {
    const engine = createPolicyEngine({ cache: false });
    engine.authorize(request(true), { resourcePolicy: tlsOnly });
    expect(engine.authorize(request(true), { resourcePolicy: tlsOnly }).cached).toBeUndefined();
  });
});

describe('referencedContextKeys', () => {
  it('lists the condition keys and variables the policies read, as written', async () => {
    const { referencedContextKeys } = await import('../../../src/emulator/policy/index.ts');
    const keys = referencedContextKeys({
      identity: [policy('Abac', allow('s3:*', 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))],
      resourcePolicy: tlsOnly,
    });
    expect(keys.sort()).toEqual(['aws:PrincipalTag/team', 'aws:SecureTransport']);
  });
});
