/**
 * Turns zod issues about a question file into sentences an author can act on:
 * which field, what is wrong with it, and what it should be instead.
 */
import { z } from 'zod';

type Path = readonly PropertyKey[];

/** `questions[1].options[0].text` — the field path as an author would write it. */
export function formatFieldPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The value found at `path` inside `data`, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return value.length > 40 ? `the text "${value.slice(0, 37)}…"` : `the text "${value}"`;
  if (typeof value === 'object') return 'a mapping (key: value pairs)';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value pairs)',
};

/** What a list at this field holds, for "has 3 options; needs exactly 4". */
function nounFor(path: Path): string {
  const last = [...path].reverse().find((k) => typeof k === 'string');
  return typeof last === 'string' ? last : 'entries';
}

/** Human sentence for one zod issue; `data` is the parsed file, `schema` the schema it was checked with. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): string {
  const value = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeWords[issue.expected] ?? issue.expected;
      if (value === undefined) return `is missing; it must be ${expected}`;
      // YAML reads 1, true or 2024-01-01 as non-text; quoting is the fix authors need.
      const quoteHint = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ` (put it in quotes: "${String(value)}")` : '';
      return `must be ${expected}, but it is ${describeValue(value)}${quoteHint}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        const length = typeof value === 'string' ? value.length : 0;
        return `is too short (${length} characters); write at least ${min}`;
      }
      if (issue.origin === 'array') {
        const count = Array.isArray(value) ? value.length : 0;
        const noun = nounFor(issue.path);
        return issue.exact ? `has ${count} ${noun}; it needs exactly ${min}` : `has ${count} ${noun}; it needs at least ${min}`;
      }
      return `is ${describeValue(value)}; the smallest allowed is ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `is too long; write at most ${max} characters`;
      if (issue.origin === 'array') {
        const count = Array.isArray(value) ? value.length : 0;
        const noun = nounFor(issue.path);
        return issue.exact ? `has ${count} ${noun}; it needs exactly ${max}` : `has ${count} ${noun}; at most ${max} are allowed`;
      }
      return `is ${describeValue(value)}; the largest allowed is ${max}`;
    }
    case 'unrecognized_keys': {
      const allowed = allowedFieldsAt(schema, data, issue.path);
      const names = issue.keys.map((k) => `"${k}"`).join(', ');
      const hint = allowed.length ? `; the fields allowed here are: ${allowed.join(', ')}` : '';
      return `${issue.keys.length === 1 ? 'has an unknown field' : 'has unknown fields'} ${names} (check the spelling${hint})`;
    }
    case 'invalid_union': {
      if (issue.discriminator) {
        const options = ('options' in issue ? (issue.options ?? []) : []).map(String).join(', ');
        const got = valueAt(data, issue.path);
        return got === undefined ? `is missing; it must be one of: ${options}` : `must be one of: ${options} (it is ${describeValue(got)})`;
      }
      return `does not match any allowed shape: ${issue.message}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return issue.values.length === 1 ? `must be ${options} (it is ${describeValue(value)})` : `must be one of ${options} (it is ${describeValue(value)})`;
    }
    case 'invalid_format': {
      const custom = issue.message.startsWith('Invalid') ? `must match the pattern ${issue.pattern ?? ''}` : issue.message;
      return `${describeValue(value)} is not valid: ${custom}`;
    }
    default:
      return issue.message;
  }
}

/** Field names the schema allows at `path` (best effort: objects, arrays, discriminated unions, defaults). */
export function allowedFieldsAt(schema: z.ZodType, data: unknown, path: Path): string[] {
  const target = unwrap(schemaAt(schema, data, path), valueAt(data, path));
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

function schemaAt(schema: z.ZodType | undefined, data: unknown, path: Path): z.ZodType | undefined {
  let current = schema;
  let value = data;
  for (const key of path) {
    current = unwrap(current, value);
    if (current instanceof z.ZodObject && typeof key === 'string') current = current.shape[key] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray && typeof key === 'number') current = current.element as z.ZodType;
    else return undefined;
    value = valueAt(value, [key]);
  }
  return current;
}

/** Looks through defaults, optionals and discriminated unions (picking the variant the data names). */
function unwrap(schema: z.ZodType | undefined, value: unknown): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; depth < 10 && current; depth++) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodDiscriminatedUnion) {
      const discriminator = current.def.discriminator;
      const wanted = valueAt(value, [discriminator]);
      current = (current.options as z.ZodType[]).find((option) => {
        const literal = option instanceof z.ZodObject ? option.shape[discriminator] : undefined;
        return literal instanceof z.ZodLiteral && literal.values.has(wanted as never);
      });
    } else {
      return current;
    }
  }
  return current;
}
