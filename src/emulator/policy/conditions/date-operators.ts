/**
 * Date* operators. Values are ISO 8601 dates or times (`2026-01-31`, `2026-01-31T12:00:00Z`) or
 * epoch seconds (`1767225600`), the two forms AWS accepts; compared as instants in milliseconds.
 */
import type { BaseOperator, OperatorFamily } from './family.ts';

export function parseDate(value: string): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}

function date(test: (request: number, policy: number) => boolean): OperatorFamily {
  return {
    variables: false,
    parse: parseDate,
    compare: (r, p) => {
      const t = parseDate(r);
      return t === undefined || p === undefined ? undefined : test(t, p as number);
    },
  };
}

const equals = date((r, p) => r === p);

export const dateOperators: BaseOperator[] = [
  { name: 'DateEquals', family: equals, negated: false },
  { name: 'DateNotEquals', family: equals, negated: true },
  { name: 'DateLessThan', family: date((r, p) => r < p), negated: false },
  { name: 'DateLessThanEquals', family: date((r, p) => r <= p), negated: false },
  { name: 'DateGreaterThan', family: date((r, p) => r > p), negated: false },
  { name: 'DateGreaterThanEquals', family: date((r, p) => r >= p), negated: false },
];
