/** Metric math: robustness on arbitrary text, and arithmetic that agrees with a plain reference. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, MathError, parseExpression, type Series } from './metric-math.ts';
import { parseRule, RuleError } from './composite-rule.ts';

const env = (values: Record<string, Series>) => ({ resolve: (id: string) => values[id], metricStats: () => Object.values(values), grid: [0, 60_000, 120_000], label: 'e1' });

describe('metric math', () => {
  it('answers any text with an expression or a MathError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom('m1', 'SUM(', 'AVG(', ')', '[', ']', ',', '+', '-', '*', '/', '^', '2', '(', 'FILL(', 'REPEAT', '"x"', 'METRICS()')).map((t) => t.join(''))), (text) => {
        try {
          const node = parseExpression(text);
          evaluate(node, env({ m1: { label: 'm1', points: new Map([[0, 1]]) } }));
        } catch (error) {
          expect(error).toBeInstanceOf(MathError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  type Tree = number | [Tree, '+' | '-' | '*', Tree];
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
    t: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.integer({ min: -50, max: 50 }), fc.tuple(tie('t'), fc.constantFrom('+' as const, '-' as const, '*' as const), tie('t'))),
  })).t;
  const text = (t: Tree): string => (typeof t === 'number' ? (t < 0 ? `(${t})` : String(t)) : `(${text(t[0])} ${t[1]} ${text(t[2])})`);
  const value = (t: Tree): number => (typeof t === 'number' ? t : t[1] === '+' ? value(t[0]) + value(t[2]) : t[1] === '-' ? value(t[0]) - value(t[2]) : value(t[0]) * value(t[2]));

  it('computes arithmetic like JavaScript', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(evaluate(parseExpression(text(t)), env({}))).toBe(value(t));
      }),
    );
  });

  it('aligns series by timestamp and reduces arrays per timestamp', () => {
    const m1: Series = { label: 'a', points: new Map([[0, 1], [60_000, 2]]) };
    const m2: Series = { label: 'b', points: new Map([[60_000, 10], [120_000, 20]]) };
    expect([...(evaluate(parseExpression('m1 + m2'), env({ m1, m2 })) as Series).points]).toEqual([[60_000, 12]]);
    expect([...(evaluate(parseExpression('SUM([m1, m2])'), env({ m1, m2 })) as Series).points]).toEqual([[0, 1], [60_000, 12], [120_000, 20]]);
    expect(evaluate(parseExpression('MAX(m2)'), env({ m1, m2 }))).toBe(20);
    expect([...(evaluate(parseExpression('FILL(m1, 0)'), env({ m1 })) as Series).points]).toEqual([[0, 1], [60_000, 2], [120_000, 0]]);
    expect([...(evaluate(parseExpression('RATE(m1)'), env({ m1 })) as Series).points]).toEqual([[60_000, 1 / 60]]);
  });
});

describe('composite alarm rules', () => {
  it('answers any text with a rule or a RuleError', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('ALARM(', 'OK(', '"a"', 'b', ')', 'AND', 'OR', 'NOT', '(', 'TRUE', 'FALSE', 'INSUFFICIENT_DATA(')).map((t) => t.join(' ')), (text) => {
        try {
          parseRule(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RuleError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
