import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from './errors.ts';
import { pageByToken } from './next-token.ts';

const invalidToken = () => new AwsServiceError('InvalidNextTokenException', 'bad token');

function all<T>(items: readonly T[], size: number, scope: unknown): T[] {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = pageByToken(items, { nextToken: token, maxResults: size, defaultMaxResults: 10, scope, invalidToken });
    expect(page.items.length).toBeLessThanOrEqual(size);
    out.push(...page.items);
    token = page.nextToken;
  } while (token);
  return out;
}

describe('pageByToken', () => {
  it('walks any list in pages of any size, every item exactly once and in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 60 }), fc.jsonValue(), (items, size, scope) => {
        expect(all(items, size, scope)).toEqual(items);
      }),
    );
  });

  it('uses the default size and leaves the token out on the last page', () => {
    const first = pageByToken([1, 2, 3], { defaultMaxResults: 2, invalidToken });
    expect(first.items).toEqual([1, 2]);
    expect(first.nextToken).toBeTypeOf('string');
    expect(pageByToken([1, 2, 3], { nextToken: first.nextToken, defaultMaxResults: 2, invalidToken })).toEqual({ items: [3] });
  });

  it('refuses tokens issued for other filters, and garbage', () => {
    const { nextToken } = pageByToken([1, 2, 3], { defaultMaxResults: 1, scope: { status: 'Active' }, invalidToken });
    expect(() => pageByToken([1, 2, 3], { nextToken, defaultMaxResults: 1, scope: { status: 'Inactive' }, invalidToken })).toThrow('bad token');
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        try {
          pageByToken([1], { nextToken: garbage, defaultMaxResults: 1, scope: 'x', invalidToken });
        } catch (error) {
          expect((error as AwsServiceError).code).toBe('InvalidNextTokenException');
        }
      }),
    );
  });
});
