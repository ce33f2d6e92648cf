/**
 * A statement's Condition block compiled into tests. The rules, from AWS's condition-operator
 * reference and "Single-valued vs. multivalued context keys":
 * - several operators, and several keys under one operator, must all be true (AND);
 * - several values for one key: any may match (OR); for a negated operator none may match;
 * - an absent key makes the condition false, except for negated operators and `…IfExists`
 *   (true) and `Null` (which tests exactly that);
 * - `ForAllValues:` is true when every request value matches (and when the key is absent or empty);
 *   `ForAnyValue:` when at least one does (false when absent or empty);
 * - a multivalued request key tested without a set operator does not match.
 */
import { PolicyDocumentError } from '../errors.ts';
import { parseTemplate, resolveTemplate, type Template, type VariableLookup } from '../language/variables.ts';
import { arnOperators } from './arn-operators.ts';
import { boolBinaryOperators } from './bool-binary-operators.ts';
import { dateOperators } from './date-operators.ts';
import type { BaseOperator, PreparedValue } from './family.ts';
import { ipOperators } from './ip-operators.ts';
import { numericOperators } from './numeric-operators.ts';
import { stringOperators } from './string-operators.ts';

/** What a condition reads from the request. Keys are lower-cased. */
export interface ConditionContext {
  value(lowerKey: string): string | readonly string[] | undefined;
  readonly lookup: VariableLookup;
}

export interface CompiledCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The key as written, e.g. `aws:PrincipalTag/team`. */
  readonly key: string;
  readonly values: readonly string[];
  readonly test: (ctx: ConditionContext) => boolean;
}

export const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  [...stringOperators, ...numericOperators, ...dateOperators, ...boolBinaryOperators, ...ipOperators, ...arnOperators].map(
    (op) => [op.name.toLowerCase(), op],
  ),
);

/** Every operator name the engine understands (without set prefixes or the IfExists suffix). */
export const SUPPORTED_OPERATORS: readonly string[] = [...[...BASE_OPERATORS.values()].map((o) => o.name), 'Null'];

const OPERATOR = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/i;

function toStrings(value: unknown, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v, i) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new PolicyDocumentError(Array.isArray(value) ? `${path}[${i}]` : path, 'a condition value must be a string, number or boolean.');
  });
}

function asArray(raw: string | readonly string[]): readonly string[] {
  return typeof raw === 'string' ? [raw] : raw;
}

export function compileConditionBlock(block: unknown, variablesEnabled: boolean, path: string): CompiledCondition[] {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) {
    throw new PolicyDocumentError(path, 'Condition must be an object such as {"StringEquals": {"aws:PrincipalTag/team": "ml"}}.');
  }
  const compiled: CompiledCondition[] = [];
  for (const [operatorText, keys] of Object.entries(block)) {
    const opPath = `${path}.${operatorText}`;
    if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) {
      throw new PolicyDocumentError(opPath, 'each condition operator takes an object of condition keys and values.');
    }
    for (const [key, rawValues] of Object.entries(keys as Record<string, unknown>)) {
      compiled.push(compileCondition(operatorText, key, toStrings(rawValues, `${opPath}.${key}`), variablesEnabled, `${opPath}.${key}`));
    }
  }
  return compiled;
}

function compileCondition(operatorText: string, key: string, values: string[], variablesEnabled: boolean, path: string): CompiledCondition {
  const m = OPERATOR.exec(operatorText);
  const setOperator = m?.[1]?.toLowerCase() as 'forallvalues' | 'foranyvalue' | undefined;
  const baseName = m?.[2]?.toLowerCase() ?? '';
  const ifExists = m?.[3] !== undefined;
  const lowerKey = key.toLowerCase();

  if (baseName === 'null') {
    if (setOperator || ifExists) throw new PolicyDocumentError(path, `"${operatorText}" is not a condition operator; Null takes no ForAllValues/ForAnyValue prefix or IfExists suffix.`);
    const wanted = values.map((v) => {
      const b = v.trim().toLowerCase();
      if (b !== 'true' && b !== 'false') throw new PolicyDocumentError(path, `Null takes "true" or "false", not "${v}".`);
      return b === 'true';
    });
    return {
      operator: operatorText,
      key,
      values,
      test: (ctx) => {
        const raw = ctx.value(lowerKey);
        const absent = raw === undefined || (typeof raw !== 'string' && raw.length === 0);
        return wanted.includes(absent);
      },
    };
  }

  const base = BASE_OPERATORS.get(baseName);
  if (!base) {
    throw new PolicyDocumentError(path, `unknown condition operator "${operatorText}". Supported: ${SUPPORTED_OPERATORS.join(', ')}, with optional IfExists and ForAllValues:/ForAnyValue:.`);
  }
  const family = base.family;
  const prepared: PreparedValue[] = values.map((raw) => {
    const template: Template = parseTemplate(raw, variablesEnabled && family.variables, path);
    if (!template.isStatic) return { raw, template };
    return { raw, parsed: family.parse(resolveTemplate(template, () => undefined)!) };
  });
  const dynamic = prepared.some((p) => p.template !== undefined);

  const policyValue = (p: PreparedValue, lookup: VariableLookup): unknown => {
    if (!p.template) return p.parsed;
    const text = resolveTemplate(p.template, lookup);
    return text === undefined ? undefined : family.parse(text);
  };

  // One request value against all policy values.
  const matchValue = base.negated
    ? (v: string, lookup: VariableLookup): boolean => {
        for (const p of prepared) {
          const pv = dynamic ? policyValue(p, lookup) : p.parsed;
          if (pv === undefined) return false;
          if (family.compare(v, pv) !== false) return false;
        }
        return true;
      }
    : (v: string, lookup: VariableLookup): boolean => {
        for (const p of prepared) {
          const pv = dynamic ? policyValue(p, lookup) : p.parsed;
          if (pv !== undefined && family.compare(v, pv) === true) return true;
        }
        return false;
      };

  let test: (ctx: ConditionContext) => boolean;
  if (setOperator === 'forallvalues') {
    test = (ctx) => {
      const raw = ctx.value(lowerKey);
      if (raw === undefined) return true;
      for (const v of asArray(raw)) if (!matchValue(v, ctx.lookup)) return false;
      return true;
    };
  } else if (setOperator === 'foranyvalue') {
    test = (ctx) => {
      const raw = ctx.value(lowerKey);
      if (raw === undefined || (typeof raw !== 'string' && raw.length === 0)) return ifExists;
      for (const v of asArray(raw)) if (matchValue(v, ctx.lookup)) return true;
      return false;
    };
  } else {
    const whenAbsent = ifExists || base.negated;
    test = (ctx) => {
      const raw = ctx.value(lowerKey);
      if (raw === undefined) return whenAbsent;
      if (typeof raw !== 'string') return raw.length === 0 ? whenAbsent : false;
      return matchValue(raw, ctx.lookup);
    };
  }
  return { operator: operatorText, key, values, test };
}
