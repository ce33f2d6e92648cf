/** Filter patterns: robustness on arbitrary input, and matching that agrees with a plain reference. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterPatternError, parseFilterPattern } from './filter-pattern.ts';

describe('filter patterns', () => {
  it('answers any text with a pattern or a FilterPatternError, and matching never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string(), fc.json()), (text, message) => {
        let pattern;
        try {
          pattern = parseFilterPattern(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterPatternError);
          return;
        }
        pattern.match(message);
      }),
      { numRuns: 3000 },
    );
  });

  const word = fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/);

  it('matches terms as case-sensitive substrings, all required, ? any, - none', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), word, (words, absent) => {
        const message = words.join(' ');
        if (message.includes(absent)) return;
        expect(parseFilterPattern(words.map((w) => `"${w}"`).join(' ')).match(message).matched).toBe(true);
        expect(parseFilterPattern(`${words[0]} ${absent}`).match(message).matched).toBe(false);
        expect(parseFilterPattern(`?${absent} ?${words[0]}`).match(message).matched).toBe(true);
        expect(parseFilterPattern(`${words[0]} -${absent}`).match(message).matched).toBe(true);
      }),
    );
  });

  it('compares JSON numbers as numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), (value, limit) => {
        const message = JSON.stringify({ metrics: { latency: value } });
        expect(parseFilterPattern(`{ $.metrics.latency > ${limit} }`).match(message).matched).toBe(value > limit);
        expect(parseFilterPattern(`{ $.metrics.latency <= ${limit} }`).match(message).matched).toBe(value <= limit);
        expect(parseFilterPattern(`{ $.metrics.latency = ${value} }`).match(message).extracted).toEqual({ '$.metrics.latency': String(value) });
      }),
    );
  });

  it.each([
    ['{ $.eventName = "Delete*" }', '{"eventName":"DeleteAlarms"}', true],
    ['{ $.errorCode = "AccessDenied" || $.errorCode = "UnauthorizedOperation" }', '{"errorCode":"UnauthorizedOperation"}', true],
    ['{ ($.a = 1) && ($.b != "x") }', '{"a":1,"b":"y"}', true],
    ['{ $.list[1] = "b" }', '{"list":["a","b"]}', true],
    ['{ $.ok IS TRUE }', '{"ok":true}', true],
    ['{ $.gone IS NULL }', '{"gone":null}', true],
    ['{ $.user NOT EXISTS }', '{"other":1}', true],
    ['{ $.msg = %time(out|d)%  }', '{"msg":"timeout"}', true],
    ['{ $.a = 1 }', 'not json', false],
    ['[ip, user, ...]', '1.2.3.4 bob GET / 200', true],
    ['[ip, user]', '1.2.3.4 bob GET / 200', false],
    ['[..., status = 5*, size]', '1.2.3.4 bob GET / 503 42', true],
    ['[ip = 10.*, ...]', '1.2.3.4 bob', false],
  ])('%s on %s is %s', (pattern, message, expected) => {
    expect(parseFilterPattern(pattern).match(message).matched).toBe(expected);
  });

  it.each(['{ $.a > x }', '{ $.a = 1', '{ a = 1 }', '{ $.a ~ 1 }', '"unbalanced', '[a, b c]', '{ $.a IS MAYBE }'])('refuses %s', (pattern) => {
    expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});
