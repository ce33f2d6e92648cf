/**
 * Matching events against compiled EventBridge patterns (event-pattern.ts), with event-ruler's
 * semantics: every pattern field must match; a leaf matches when any of its values matches any of
 * the event's values; an event array matches when any element does, and the fields of one pattern
 * object must match within a single element; `$or` needs one alternative.
 */
import { type CompiledPattern, type Matcher, wildcardRegex } from './event-pattern.ts';
import { ipValue } from './ip-ranges.ts';

const ABSENT = Symbol('absent');

export function matchesPattern(pattern: CompiledPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: CompiledPattern, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((element) => matchObject(pattern, element));
  const obj = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  for (const [name, sub] of pattern.fields) {
    const child = obj && Object.hasOwn(obj, name) ? obj[name] : ABSENT;
    if (Array.isArray(sub)) {
      if (!matchLeaf(sub, child)) return false;
    } else if (child === ABSENT) {
      if (!onlyAbsence(sub)) return false;
    } else if (!matchObject(sub, child)) return false;
  }
  for (const alternatives of pattern.ors) {
    if (!alternatives.some((alt) => matchObject(alt, obj ?? {}))) return false;
  }
  return true;
}

/** A nested pattern an absent object still satisfies: every leaf is {"exists": false}. */
function onlyAbsence(pattern: CompiledPattern): boolean {
  for (const sub of pattern.fields.values()) {
    if (Array.isArray(sub)) {
      if (!sub.some((m) => m.kind === 'exists' && !m.value)) return false;
    } else if (!onlyAbsence(sub)) return false;
  }
  return pattern.ors.every((alts) => alts.some(onlyAbsence));
}

function leafValues(value: unknown): unknown[] | typeof ABSENT {
  if (value === ABSENT) return ABSENT;
  if (Array.isArray(value)) {
    const flat = value.filter((v) => v === null || typeof v !== 'object');
    return flat.length ? flat : ABSENT;
  }
  if (value !== null && typeof value === 'object') return ABSENT;
  return [value];
}

function matchLeaf(matchers: Matcher[], raw: unknown): boolean {
  const values = leafValues(raw);
  return matchers.some((m) => {
    if (m.kind === 'exists') return m.value ? values !== ABSENT : values === ABSENT;
    if (values === ABSENT) return false;
    return values.some((v) => matchValue(m, v));
  });
}

function matchValue(m: Matcher, v: unknown): boolean {
  switch (m.kind) {
    case 'exact':
      if (typeof m.value === 'number') return typeof v === 'number' && v === m.value;
      return v === m.value;
    case 'prefix':
      return typeof v === 'string' && (m.ignoreCase ? v.toLowerCase().startsWith(m.value.toLowerCase()) : v.startsWith(m.value));
    case 'suffix':
      return typeof v === 'string' && (m.ignoreCase ? v.toLowerCase().endsWith(m.value.toLowerCase()) : v.endsWith(m.value));
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === m.value.toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && m.value.test(v);
    case 'anything-but':
      return !m.values.some((x) => (typeof x === 'number' ? typeof v === 'number' && v === x : v === x));
    case 'anything-but-ic':
      return typeof v !== 'string' || !m.values.some((x) => x.toLowerCase() === v.toLowerCase());
    case 'anything-but-prefix':
      return typeof v !== 'string' || !m.values.some((x) => v.startsWith(x));
    case 'anything-but-suffix':
      return typeof v !== 'string' || !m.values.some((x) => v.endsWith(x));
    case 'anything-but-wildcard':
      return typeof v !== 'string' || !m.values.some((x) => wildcardRegex(x, () => false as never).test(v));
    case 'numeric': {
      if (typeof v !== 'number') return false;
      if (m.equals !== undefined) return v === m.equals;
      if (m.lower && (m.lower.open ? v <= m.lower.value : v < m.lower.value)) return false;
      if (m.upper && (m.upper.open ? v >= m.upper.value : v > m.upper.value)) return false;
      return true;
    }
    case 'cidr': {
      if (typeof v !== 'string') return false;
      const ip = ipValue(v);
      return ip !== undefined && ip.v6 === m.range.v6 && ip.value >= m.range.low && ip.value <= m.range.high;
    }
    case 'exists':
      return true;
  }
}
