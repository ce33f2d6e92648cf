import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeys } from './duplicate-keys.ts';

describe('duplicateKeys', () => {
  it('finds nothing in any JSON that JSON.stringify wrote (its objects never repeat a key)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
      expect(duplicateKeys(JSON.stringify(value))).toEqual([]);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
      expect(duplicateKeys(JSON.stringify(value, null, 2))).toEqual([]);
    }), { numRuns: 500 });
  });

  it('finds a key repeated anywhere, with its path, however the text is laid out and escaped', () => {
    const arbitraryKey = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(arbitraryKey, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4, selector: ([k]) => k }), arbitraryKey, fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.nat(3), (members, key, a, b, depth) => {
        const unique = members.filter(([k]) => k !== key);
        const inner = `{${[...unique.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`), `${JSON.stringify(key)}:${JSON.stringify(a)}`, `${JSON.stringify(key)} : ${JSON.stringify(b)}`].join(' , ')}}`;
        let text = inner;
        let path = key;
        // Wrapped alternately in an array (as its second element) and an object.
        for (let i = 0; i < depth; i++) {
          text = i % 2 ? `{"level${i}":${text}}` : `[1,${text}]`;
          path = i % 2 ? `level${i}${path}` : `[1].${path}`;
        }
        expect(JSON.parse(text)).toBeDefined();
        expect(duplicateKeys(text)).toEqual([path]);
      }),
      { numRuns: 1000 },
    );
  });

  it('names the repeated Statement of a policy', () => {
    expect(duplicateKeys('{"Version":"2012-10-17","Statement":{"Effect":"Allow"},"Statement":{"Effect":"Deny"}}')).toEqual(['Statement']);
    expect(duplicateKeys('{"Statement":[{"Effect":"Allow","Action":"a","Action":"b"}]}')).toEqual(['Statement[0].Action']);
  });
});
