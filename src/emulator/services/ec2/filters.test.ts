/** Property tests of EC2 filter matching: wildcards against a reference matcher, AND/OR semantics, unknown names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFilters, wildcardMatch } from './filters.ts';

/** A slow, obviously correct wildcard matcher (dynamic programming) to compare against. */
function reference(pattern: string, text: string): boolean {
  const tokens: { kind: 'char' | 'any' | 'one'; c?: string }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', c: pattern[++i] });
    else if (c === '*') tokens.push({ kind: 'any' });
    else if (c === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'char', c });
  }
  const memo = new Map<string, boolean>();
  const match = (t: number, s: number): boolean => {
    const key = `${t}:${s}`;
    if (memo.has(key)) return memo.get(key)!;
    let result: boolean;
    if (t === tokens.length) result = s === text.length;
    else {
      const token = tokens[t]!;
      if (token.kind === 'any') result = match(t + 1, s) || (s < text.length && match(t, s + 1));
      else if (s === text.length) result = false;
      else if (token.kind === 'one') result = match(t + 1, s + 1);
      else result = token.c === text[s] && match(t + 1, s + 1);
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

const alphabet = fc.constantFrom('a', 'b', '.', '-', '/', '*', '?', '\\', '(', '[', '+', '$');

describe('EC2 filter values', () => {
  it('match like the reference wildcard matcher', () => {
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 8 }), fc.string({ unit: alphabet, maxLength: 10 }), (pattern, text) => {
        expect(wildcardMatch(pattern, text)).toBe(reference(pattern, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('a value without wildcards matches only itself', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[*?\\]/.test(s)), fc.string(), (value, other) => {
      expect(wildcardMatch(value, value)).toBe(true);
      expect(wildcardMatch(value, other)).toBe(value === other);
    }));
  });

  it('AND across filters, OR across values, tag filters, and AWS\'s error for unknown names', () => {
    const items = [
      { id: 'a', zone: 'us-east-1a', tags: [{ Key: 'Name', Value: 'public' }] },
      { id: 'b', zone: 'us-east-1b', tags: [{ Key: 'Name', Value: 'private' }] },
      { id: 'c', zone: 'us-east-1a', tags: [] },
    ];
    const table = { zone: (i: (typeof items)[number]) => i.zone };
    const ids = (filters: { Name: string; Values: string[] }[]) => applyFilters(items, filters, table, (i) => i.tags).map((i) => i.id);
    expect(ids([{ Name: 'zone', Values: ['us-east-1a', 'us-east-1b'] }])).toEqual(['a', 'b', 'c']);
    expect(ids([{ Name: 'zone', Values: ['*a'] }, { Name: 'tag:Name', Values: ['p*'] }])).toEqual(['a']);
    expect(ids([{ Name: 'tag-key', Values: ['Name'] }])).toEqual(['a', 'b']);
    expect(ids([{ Name: 'tag-value', Values: ['private'] }])).toEqual(['b']);
    expect(() => ids([{ Name: 'colour', Values: ['x'] }])).toThrow("The filter 'colour' is invalid");
    expect(() => applyFilters(items, [{ Name: 'tag:Name', Values: ['x'] }], table)).toThrow("The filter 'tag:Name' is invalid");
  });
});
