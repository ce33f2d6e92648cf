/** Bool (`true`/`false`, any case) and BinaryEquals (base64 text compared exactly). */
import { LITERAL_QUESTION, LITERAL_STAR } from '../language/wildcard.ts';
import type { BaseOperator, OperatorFamily } from './family.ts';

function parseBool(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

// AWS: policy variables work only with string and ARN operators.
const bool: OperatorFamily = {
  variables: false,
  parse: parseBool,
  compare: (r, p) => {
    const b = parseBool(r);
    return b === undefined || p === undefined ? undefined : b === p;
  },
};

const binary: OperatorFamily = {
  variables: false,
  parse: (v) => v.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?'),
  compare: (r, p) => r === p,
};

export const boolBinaryOperators: BaseOperator[] = [
  { name: 'Bool', family: bool, negated: false },
  { name: 'BinaryEquals', family: binary, negated: false },
];
