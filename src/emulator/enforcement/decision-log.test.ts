/**
 * The decision log's two bounds: the newest `capacity` decisions per account, and the newest
 * `totalCapacity` of all accounts together (the oldest of any account go first) — against a plain
 * model, for random streams of decisions, resets included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecisionRecord, DecisionLog } from './decision-log.ts';

function entry(accountId: string, requestId: string): Omit<DecisionRecord, 'sequence'> {
  return {
    requestId, time: '2026-01-01T00:00:00Z', accountId, region: 'us-east-1', service: 's3', operation: 'GetObject',
    principal: { type: 'Root', arn: `arn:aws:iam::${accountId}:root` }, sourceIp: '127.0.0.1', secure: false, decision: 'allowed', evaluations: [],
  };
}

const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444'];

describe('DecisionLog', () => {
  it('keeps the newest decisions per account and of all accounts together', () => {
    const step = fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...ACCOUNTS).map((account) => ({ kind: 'add' as const, account })) },
      { weight: 1, arbitrary: fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined }).map((account) => ({ kind: 'reset' as const, account })) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 15 }), (steps, perAccount, total) => {
        const log = new DecisionLog(perAccount, total);
        // The model: every decision still kept, oldest first.
        let kept: { account: string; id: string }[] = [];
        steps.forEach((s, i) => {
          if (s.kind === 'reset') {
            log.reset(s.account);
            kept = kept.filter((k) => s.account !== undefined && k.account !== s.account);
            return;
          }
          const id = `req-${i}`;
          log.add(entry(s.account, id));
          kept.push({ account: s.account, id });
          const mine = kept.filter((k) => k.account === s.account);
          if (mine.length > perAccount) kept = kept.filter((k) => k !== mine[0]);
          if (kept.length > log.totalCapacity) kept.shift();
        });
        expect(log.size).toBe(kept.length);
        expect(log.recent({ limit: 1000 }).map((r) => r.requestId)).toEqual(kept.map((k) => k.id).reverse());
        for (const account of ACCOUNTS) {
          expect(log.recent({ accountId: account, limit: 1000 }).map((r) => r.requestId)).toEqual(kept.filter((k) => k.account === account).map((k) => k.id).reverse());
        }
        for (let i = 0; i < steps.length; i++) expect(log.byRequestId(`req-${i}`) !== undefined).toBe(kept.some((k) => k.id === `req-${i}`));
      }),
    );
  });

  it('never keeps fewer than one account\'s worth in total', () => {
    expect(new DecisionLog(500, 10).totalCapacity).toBe(500);
  });

  it('stays bounded through a long run of one busy account and many quiet ones', () => {
    const log = new DecisionLog(50, 200);
    for (let a = 0; a < 20; a++) log.add(entry(String(a).padStart(12, '0'), `quiet-${a}`));
    for (let i = 0; i < 20_000; i++) log.add(entry('999999999999', `busy-${i}`));
    expect(log.size).toBe(70);
    expect(log.recent({ accountId: '999999999999', limit: 1000 })).toHaveLength(50);
    expect(log.byRequestId('quiet-0')).toBeDefined();
  });
});
