/** Property and table tests of EventBridge event patterns: the parser never fails unexpectedly, and matching follows EventBridge's rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, PatternError } from './event-pattern.ts';
import { matchesPattern } from './event-pattern-match.ts';

const matches = (pattern: object, event: unknown) => matchesPattern(compilePattern(JSON.stringify(pattern)), event);

describe('event pattern parser', () => {
  it('answers any text with a pattern or a PatternError, never another failure', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        try {
          compilePattern(text);
        } catch (error) {
          expect(error).toBeInstanceOf(PatternError);
          expect((error as Error).message).toMatch(/\n at \[Source: \(String\)".*"; line: \d+, column: \d+\]$/s);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.boolean(), fc.constant(null));
  const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '$or' && k !== '__proto__');

  it('matches an event against exact values taken from it, and not against changed ones', () => {
    fc.assert(
      fc.property(fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 6 }), fc.nat(), (detail, pick) => {
        const keys = Object.keys(detail);
        const k = keys[pick % keys.length]!;
        const event = { source: 'prop.test', detail };
        expect(matches({ source: ['prop.test'], detail: { [k]: [detail[k]] } }, event)).toBe(true);
        const other = typeof detail[k] === 'string' ? `${detail[k]}~` : typeof detail[k] === 'number' ? (detail[k] as number) + 1 : 'different';
        expect(matches({ detail: { [k]: [other] } }, event)).toBe(false);
        expect(matches({ detail: { [k]: [{ exists: true }] } }, event)).toBe(true);
        expect(matches({ detail: { [`${k}-missing`]: [{ exists: false }] } }, event)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('matches numeric ranges exactly at their bounds', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (lo === hi) return;
        const p = { detail: { v: [{ numeric: ['>=', lo, '<', hi] }] } };
        expect(matches(p, { detail: { v: lo } })).toBe(true);
        expect(matches(p, { detail: { v: hi } })).toBe(false);
        expect(matches(p, { detail: { v: String(lo) } })).toBe(false);
      }),
    );
  });

  it.each([
    [{ a: [{ prefix: 'ab' }] }, { a: 'abc' }, true],
    [{ a: [{ prefix: { 'equals-ignore-case': 'AB' } }] }, { a: 'abc' }, true],
    [{ a: [{ suffix: 'bc' }] }, { a: 'abc' }, true],
    [{ a: [{ 'anything-but': 'abc' }] }, { a: 'abc' }, false],
    [{ a: [{ 'anything-but': 'abc' }] }, {}, false],
    [{ a: [{ 'anything-but': [1, 2] }] }, { a: 3 }, true],
    [{ a: [{ 'anything-but': { suffix: '.tmp' } }] }, { a: 'x.tmp' }, false],
    [{ a: [{ 'anything-but': { 'equals-ignore-case': ['X'] } }] }, { a: 'x' }, false],
    [{ a: [{ 'anything-but': { wildcard: 'a*c' } }] }, { a: 'abd' }, true],
    [{ a: [{ wildcard: 'a*c' }] }, { a: 'abbbc' }, true],
    [{ a: [{ wildcard: 'a\\*c' }] }, { a: 'a*c' }, true],
    [{ a: [{ wildcard: 'a\\*c' }] }, { a: 'abc' }, false],
    [{ a: [{ numeric: ['=', 5] }] }, { a: 5.0 }, true],
    [{ a: [5] }, { a: [1, 5, 9] }, true],
    [{ a: ['x'] }, { a: [] }, false],
    [{ a: [{ exists: false }] }, { a: [] }, true],
    [{ a: [{ exists: true }] }, { a: { b: 1 } }, false],
    [{ a: [null] }, { a: null }, true],
    [{ a: [null] }, {}, false],
    [{ a: [true] }, { a: true }, true],
    [{ a: ['true'] }, { a: true }, false],
    [{ a: { b: ['1'], c: ['2'] } }, { a: [{ b: '1', c: '9' }, { b: '9', c: '2' }] }, false],
    [{ a: { b: ['1'], c: ['2'] } }, { a: [{ b: '1', c: '9' }, { b: '1', c: '2' }] }, true],
    [{ a: [{ cidr: '2001:db8::/32' }] }, { a: '2001:db8::1' }, true],
    [{ a: ['10.0.0.0/8'] }, { a: '10.1.2.3' }, true],
    [{ $or: [{ a: ['1'] }, { b: ['2'] }], c: ['3'] }, { b: '2', c: '3' }, true],
    [{ $or: [{ a: ['1'] }, { b: ['2'] }], c: ['3'] }, { b: '2', c: '4' }, false],
    [{ a: { $or: [{ b: [{ numeric: ['>', 1] }] }, { c: ['x'] }] } }, { a: { c: 'x' } }, true],
  ])('%j against %j is %s', (pattern, detail, expected) => {
    expect(matches(pattern, detail)).toBe(expected);
  });

  it.each([
    ['{"a": ["x"], }', /Unexpected character: was expecting double-quote to start field name/],
    ['{"a": [{"prefix": 1}]}', /prefix match pattern must be a string/],
    ['{"a": [{"exists": "yes"}]}', /exists match pattern must be either true or false./],
    ['{"a": [{"numeric": [">", 5, ">", 6]}]}', /Bad numeric range operator: >/],
    ['{"a": [{"numeric": ["<", 5, "<", 6]}]}', /Too many elements in numeric expression/],
    ['{"a": [{"numeric": ["!=", 5]}]}', /Unrecognized numeric range operator: !=/],
    ['{"a": [{"prefix": "x", "suffix": "y"}]}', /Only one key allowed in match expression/],
    ['{"a": [{"anything-but": {"prefix": ""}}]}', /Null prefix\/suffix not allowed/],
    ['{"a": [["x"]]}', /Match value must be String, number, true, false, or null/],
    ['{}', /Empty objects are not allowed/],
    ['{"$or": {"a": ["x"]}}', /It must be an Array followed with \$or./],
    ['{"a": [{"cidr": "10.0.0.0/40"}]}', /Invalid CIDR: 10.0.0.0\/40/],
  ])('refuses %s', (pattern, reason) => {
    expect(() => compilePattern(pattern)).toThrow(reason);
  });
});
