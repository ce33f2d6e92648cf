import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleProblem } from './schedule-expression.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** One cron field: *, a value, a range, a list, with or without an increment. */
function field(min: number, max: number, names: readonly string[] = []): fc.Arbitrary<string> {
  const value = fc.oneof(fc.integer({ min, max }).map(String), ...(names.length ? [fc.constantFrom(...names)] : []));
  const range = fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
  const base = fc.oneof(fc.constant('*'), value, range);
  const stepped = fc.tuple(base, fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined })).map(([b, step]) => (step ? `${b}/${step}` : b));
  return fc.array(stepped, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(','));
}

const validCron = fc
  .tuple(field(0, 59), field(0, 23), field(1, 31), field(1, 12, ['JAN', 'jun', 'DEC']), field(1, 7, ['MON', 'fri']), field(1970, 2199), fc.boolean())
  .map(([mi, h, dom, mo, dow, y, questionInDom]) => `cron(${mi} ${h} ${questionInDom ? '?' : dom} ${mo} ${questionInDom ? dow : '?'} ${y})`);

describe('scheduleProblem', () => {
  it('accepts every well-formed cron, at and rate expression', () => {
    fc.assert(fc.property(validCron, (e) => {
      expect(scheduleProblem(e), e).toBeUndefined();
    }), { numRuns: 2000 });
    const validAt = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => `at(${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())})`);
    fc.assert(fc.property(validAt, (e) => {
      expect(scheduleProblem(e), e).toBeUndefined();
    }), { numRuns: 1000 });
    const validRate = fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('minute', 'minutes', 'hour', 'hours', 'day', 'days')).map(([n, u]) => `rate(${n} ${u})`);
    fc.assert(fc.property(validRate, (e) => {
      expect(scheduleProblem(e), e).toBeUndefined();
    }));
  });

  it('names the problem in anything else, and never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (e) => {
      const problem = scheduleProblem(e);
      expect(problem === undefined || typeof problem === 'string').toBe(true);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789*?,-/LW# JANMOF'.split('')), maxLength: 30 }), (inner) => {
      expect(() => scheduleProblem(`cron(${inner})`)).not.toThrow();
    }), { numRuns: 2000 });
    expect(scheduleProblem('cron(60 8 ? * MON *)')).toBe("minutes value '60' is outside 0-59");
    expect(scheduleProblem('cron(0 8 ? * MON)')).toBe('a cron expression has 6 fields (minutes hours day-of-month month day-of-week year); this one has 5');
    expect(scheduleProblem('cron(0 8 1 * MON *)')).toBe('exactly one of day-of-month and day-of-week must be ?');
    expect(scheduleProblem('at(2026-13-01T00:00:00)')).toBe('at(2026-13-01T00:00:00) is not a valid date and time');
    expect(scheduleProblem('rate(0 minutes)')).toBe('the rate value must be a positive whole number');
    expect(scheduleProblem('every day')).toBe('use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year)');
  });
});
