/**
 * The dashboard's "stuck" rule (src/islands/workshops/stuck.ts): a running lab with no new passed
 * check for N minutes, measured from the lab's start until the first check passes.
 */
import { describe, expect, it } from 'vitest';
import { isStuck, observe, type Observations } from '../../../src/islands/workshops/stuck.ts';
import type { DashboardCell, DashboardRow } from '../../../src/islands/workshops/workshop-types.ts';

const minute = 60_000;
const t0 = Date.parse('2026-11-26T10:00:00Z');

function row(cell: Partial<DashboardCell>): DashboardRow {
  return {
    learnerId: 'l1',
    displayName: 'Ada',
    joinedAt: '2026-11-26T09:00:00Z',
    accountId: '111111111111',
    labs: [{ labId: 'lab', status: 'ready', checksPassed: 0, checksTotal: 4, assisted: false, hintsUsed: 0, timeSeconds: 0, ...cell }],
  };
}

describe('stuck learners on the dashboard', () => {
  it('counts from the lab start while no check has passed', () => {
    const seen: Observations = new Map();
    const r = row({ timeSeconds: 9 * 60 });
    observe(seen, [r], t0);
    expect(isStuck(seen, 'l1', r.labs[0]!, t0, 10)).toBe(false);
    expect(isStuck(seen, 'l1', r.labs[0]!, t0 + minute, 10)).toBe(true);
  });

  it('restarts the clock when a further check passes, and not when nothing changes', () => {
    const seen: Observations = new Map();
    observe(seen, [row({ timeSeconds: 20 * 60 })], t0);
    const progressed = row({ checksPassed: 2, timeSeconds: 21 * 60 });
    observe(seen, [progressed], t0 + minute);
    expect(isStuck(seen, 'l1', progressed.labs[0]!, t0 + 10 * minute, 10)).toBe(false);
    observe(seen, [row({ checksPassed: 2, timeSeconds: 30 * 60 })], t0 + 10 * minute);
    expect(isStuck(seen, 'l1', progressed.labs[0]!, t0 + 11 * minute, 10)).toBe(true);
  });

  it('never calls a lab stuck that is passed, provisioning, not started or torn down', () => {
    const seen: Observations = new Map();
    for (const status of ['passed', 'provisioning', 'not-started', 'torn-down'] as const) {
      const r = row({ status, timeSeconds: 3600 });
      observe(seen, [r], t0);
      expect(isStuck(seen, 'l1', r.labs[0]!, t0 + 60 * minute, 5), status).toBe(false);
    }
  });

  it('treats a reset (fewer passed checks) as a new start', () => {
    const seen: Observations = new Map();
    observe(seen, [row({ checksPassed: 3, timeSeconds: 600 })], t0);
    const reset = row({ checksPassed: 0, timeSeconds: 30 });
    observe(seen, [reset], t0 + 5 * minute);
    expect(isStuck(seen, 'l1', reset.labs[0]!, t0 + 5 * minute + 9 * minute, 10)).toBe(false);
    expect(isStuck(seen, 'l1', reset.labs[0]!, t0 + 5 * minute + 10 * minute, 10)).toBe(true);
  });
});
