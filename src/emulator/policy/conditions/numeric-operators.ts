/** Numeric* operators over integers and decimals. */
import type { BaseOperator, OperatorFamily } from './family.ts';

export function parseNumber(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

function numeric(test: (request: number, policy: number) => boolean): OperatorFamily {
  return {
    variables: false,
    parse: parseNumber,
    compare: (r, p) => {
      const n = parseNumber(r);
      return n === undefined || p === undefined ? undefined : test(n, p as number);
    },
  };
}

const equals = numeric((r, p) => r === p);

export const numericOperators: BaseOperator[] = [
  { name: 'NumericEquals', family: equals, negated: false },
  { name: 'NumericNotEquals', family: equals, negated: true },
  { name: 'NumericLessThan', family: numeric((r, p) => r < p), negated: false },
  { name: 'NumericLessThanEquals', family: numeric((r, p) => r <= p), negated: false },
  { name: 'NumericGreaterThan', family: numeric((r, p) => r > p), negated: false },
  { name: 'NumericGreaterThanEquals', family: numeric((r, p) => r >= p), negated: false },
];
