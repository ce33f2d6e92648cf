/** String* operators: exact (case-sensitive or not) and StringLike with `*`/`?` wildcards. */
import { compileWildcard, LITERAL_QUESTION, LITERAL_STAR, type StringTest } from '../language/wildcard.ts';
import type { BaseOperator, OperatorFamily } from './family.ts';

function literalText(s: string): string {
  return s.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?');
}

const exact: OperatorFamily = {
  variables: true,
  parse: (v) => literalText(v),
  compare: (r, p) => r === p,
};

const exactIgnoreCase: OperatorFamily = {
  variables: true,
  parse: (v) => literalText(v).toLowerCase(),
  compare: (r, p) => r.toLowerCase() === p,
};

const like: OperatorFamily = {
  variables: true,
  parse: (v) => compileWildcard(v),
  compare: (r, p) => (p as StringTest)(r),
};

export const stringOperators: BaseOperator[] = [
  { name: 'StringEquals', family: exact, negated: false },
  { name: 'StringNotEquals', family: exact, negated: true },
  { name: 'StringEqualsIgnoreCase', family: exactIgnoreCase, negated: false },
  { name: 'StringNotEqualsIgnoreCase', family: exactIgnoreCase, negated: true },
  { name: 'StringLike', family: like, negated: false },
  { name: 'StringNotLike', family: like, negated: true },
];
