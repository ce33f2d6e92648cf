/** Schedule expressions: rate() unit grammar and cron() fields, plus robustness on arbitrary text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidScheduleExpression } from './schedule-expression.ts';

describe('schedule expressions', () => {
  it('accepts rate(n unit) with singular units only for 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('minute', 'hour', 'day'), (n, unit) => {
        expect(isValidScheduleExpression(`rate(${n} ${unit}${n === 1 ? '' : 's'})`)).toBe(true);
        expect(isValidScheduleExpression(`rate(${n} ${unit}${n === 1 ? 's' : ''})`)).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void isValidScheduleExpression(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 8 }), (fields) => void isValidScheduleExpression(`cron(${fields.join(' ')})`)));
  });

  it.each([
    ['cron(0 12 * * ? *)', true],
    ['cron(15 10 ? * 6L 2026-2027)', true],
    ['cron(0 8 1W * ? *)', true],
    ['cron(0/5 * ? * MON-FRI *)', true],
    ['cron(0 18 ? * SUN#2 *)', true],
    ['cron(0 12 * * * *)', false],
    ['cron(0 12 ? * ? *)', false],
    ['cron(0 24 * * ? *)', false],
    ['cron(0 12 * 13 ? *)', false],
    ['cron(0 12 * * ?)', false],
    ['rate(0 minutes)', false],
    ['rate(5 seconds)', false],
    ['at(2026-01-01T00:00:00)', false],
  ])('%s is %s', (expression, valid) => {
    expect(isValidScheduleExpression(expression)).toBe(valid);
  });
});
