import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatShorthand, parseShorthand, ShorthandSyntaxError, type ShorthandValue } from './shorthand.ts';

describe('parseShorthand (the AWS CLI grammar)', () => {
  it.each<[string, Record<string, ShorthandValue>]>([
    ['Key=Name,Value=x', { Key: 'Name', Value: 'x' }],
    ['Name=tag:Env,Values=prod,dev', { Name: 'tag:Env', Values: ['prod', 'dev'] }],
    ['Name=vpc-id,Values=vpc-1', { Name: 'vpc-id', Values: 'vpc-1' }],
    ['a=b,c,d=e', { a: ['b', 'c'], d: 'e' }],
    ['Values=[a,b],Other={X=1,Y=[2,3]}', { Values: ['a', 'b'], Other: { X: '1', Y: ['2', '3'] } }],
    ['Names=[]', { Names: [] }],
    ['Empty=', { Empty: '' }],
    ["Key='has, comma',Value=\"say \\\"hi\\\"\"", { Key: 'has, comma', Value: 'say "hi"' }],
    ['Key=a\\,b', { Key: 'a,b' }],
    ['Arn=arn:aws:iam::123456789012:role/x,Path=/a/b/', { Arn: 'arn:aws:iam::123456789012:role/x', Path: '/a/b/' }],
    ['Key = spaced , Value = v', { Key: 'spaced', Value: 'v' }],
    ['Deep={A={B=[{C=d}]}}', { Deep: { A: { B: [{ C: 'd' }] } } }],
  ])('%s', (input, expected) => {
    expect(parseShorthand(input)).toEqual(expected);
  });

  it('says what was expected and points at it', () => {
    expect(() => parseShorthand('Values=[a,b')).toThrow(ShorthandSyntaxError);
    expect(parseShorthand('Key=a,Value')).toEqual({ Key: ['a', 'Value'] }); // as the CLI reads it
    try {
      parseShorthand('Key=a,Key=b');
    } catch (error) {
      expect((error as Error).message).toMatch(/the key "Key" appears twice/);
      expect((error as Error).message).toContain('\n  Key=a,Key=b\n');
    }
    try {
      parseShorthand('Values=[a,b');
    } catch (error) {
      expect((error as ShorthandSyntaxError).index).toBe(11);
    }
  });

  it('resolves key@=file://… only when given a file reader', () => {
    expect(() => parseShorthand('Doc@=file://a.json')).toThrow(/not available/);
    expect(parseShorthand('Doc@=file://a.json', { resolveFile: (ref) => (ref === 'file://a.json' ? 'contents' : undefined) })).toEqual({ Doc: 'contents' });
  });
});

// Structures as shorthand can express them: string leaves, non-empty keys, lists of ≥ 2 items at
// the top level (one item reads back as a scalar there, as in the CLI).
const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:-]{0,8}$/);
const text = fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !s.includes('\\') && s.trim() === s && !/[\r\n]/.test(s));
const nested: fc.Arbitrary<ShorthandValue> = fc.letrec<{ value: ShorthandValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { minKeys: 1, maxKeys: 3 }),
  ),
})).value;
const topValue = fc.oneof(text, fc.array(text, { minLength: 2, maxLength: 4 }), fc.array(nested, { maxLength: 3 }).map((v) => v), fc.dictionary(key, nested, { minKeys: 1, maxKeys: 3 }));

describe('shorthand round trips (property)', () => {
  it('parse(format(x)) gives x back for generated structures', () => {
    fc.assert(
      fc.property(fc.dictionary(key, topValue, { minKeys: 1, maxKeys: 4 }), (value) => {
        // A top-level list of two plain strings is written a=b,c; other lists in brackets.
        expect(parseShorthand(formatShorthand(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});
