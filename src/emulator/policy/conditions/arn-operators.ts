/**
 * Arn* operators. ArnEquals and ArnLike behave the same in IAM: each of the six ARN segments is
 * compared separately, case-sensitively, and each may carry `*`/`?` wildcards.
 */
import { compileArnPattern, splitArn } from '../language/arn.ts';
import type { StringTest } from '../language/wildcard.ts';
import type { BaseOperator, OperatorFamily } from './family.ts';

const arn: OperatorFamily = {
  variables: true,
  parse: (v) => compileArnPattern(v),
  // A request value that is not an ARN is not comparable: it matches neither ArnLike nor ArnNotLike.
  compare: (r, p) => (splitArn(r) ? (p as StringTest)(r) : undefined),
};

export const arnOperators: BaseOperator[] = [
  { name: 'ArnEquals', family: arn, negated: false },
  { name: 'ArnLike', family: arn, negated: false },
  { name: 'ArnNotEquals', family: arn, negated: true },
  { name: 'ArnNotLike', family: arn, negated: true },
];
