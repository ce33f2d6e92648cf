/** How session states show on the dashboard (the dashboard query itself: workshop-storage.test.ts). */
import { describe, expect, it } from 'vitest';
import { statusOf } from './dashboard.ts';

describe('workshop dashboard statuses', () => {
  it('maps session states to the dashboard statuses', () => {
    const grade = (passed: boolean) => ({ lastGrade: { passed } as never });
    expect(['idle', 'preflight', 'provisioning', 'resetting'].map((s) => statusOf(s, {}))).toEqual(Array(4).fill('provisioning'));
    expect(statusOf('ready', {})).toBe('ready');
    expect(statusOf('checking', {})).toBe('checking');
    expect(statusOf('solving', {})).toBe('checking');
    expect(statusOf('passed', grade(true))).toBe('passed');
    expect(statusOf('failed', {})).toBe('failed');
    expect(statusOf('done', grade(true))).toBe('passed');
    expect(statusOf('done', grade(false))).toBe('torn-down');
    expect(statusOf('tearingDown', {})).toBe('torn-down');
  });
});
