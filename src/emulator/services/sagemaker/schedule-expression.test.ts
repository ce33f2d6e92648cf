/** Property tests of the Model Monitor schedule-expression parser. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSchedule, parseScheduleExpression, type Schedule } from './schedule-expression.ts';

const schedules: fc.Arbitrary<Schedule> = fc.oneof(
  fc.constant<Schedule>({ kind: 'now' }),
  fc.constant<Schedule>({ kind: 'hourly' }),
  fc.integer({ min: 0, max: 23 }).map((hour): Schedule => ({ kind: 'daily', hour })),
  fc.record({ startHour: fc.integer({ min: 0, max: 23 }), hours: fc.integer({ min: 1, max: 24 }) }).map((r): Schedule => ({ kind: 'every', ...r })),
);

describe('parseScheduleExpression', () => {
  it('reads back every schedule it can write', () => {
    fc.assert(fc.property(schedules, (s) => {
      expect(parseScheduleExpression(formatSchedule(s))).toEqual(s);
    }));
  });

  it('accepts AWS\'s documented examples, with two-digit hours', () => {
    for (const e of ['cron(0 * ? * * *)', 'cron(0 12 ? * * *)', 'cron(0 0 ? * * *)', 'cron(0 17/12 ? * * *)', 'cron(0 0/2 ? * * *)', 'cron(0 07 ? * * *)', 'NOW']) {
      expect(parseScheduleExpression(e), e).toBeDefined();
    }
  });

  it('refuses what Model Monitor refuses: minutes other than 0, hours out of range, day fields, rate()', () => {
    for (const e of ['cron(5 * ? * * *)', 'cron(0 24 ? * * *)', 'cron(0 1/25 ? * * *)', 'cron(0 1/0 ? * * *)', 'cron(0 * * * ? *)', 'cron(0 12 ? * MON *)', 'rate(1 hour)', 'now', 'cron(0 * ? * *)', '']) {
      expect(parseScheduleExpression(e), e).toBeUndefined();
    }
  });

  it('never throws, and anything it accepts normalises to an accepted expression', () => {
    const noise = fc.oneof(fc.string(), fc.stringMatching(/^cron\([0-9*?/ ]{0,20}\)$/));
    fc.assert(fc.property(noise, (text) => {
      const parsed = parseScheduleExpression(text);
      if (parsed) expect(parseScheduleExpression(formatSchedule(parsed))).toEqual(parsed);
    }));
  });
});
