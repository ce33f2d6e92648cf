/**
 * IAM wildcard patterns: `*` matches any run of characters (also none), `?` exactly one.
 * Compiled once into the cheapest test that answers: equality, prefix, suffix, or a regular expression.
 */

export type StringTest = (value: string) => boolean;

const REGEX_SPECIALS = /[.+^${}()|[\]\\]/g;

/**
 * Stand-ins for a `*` or `?` that must match literally: what `${*}` and `${?}` produce, and any
 * wildcard character inside a substituted variable value. Private-use code points never occur in ARNs.
 */
export const LITERAL_STAR = '\uE000';
export const LITERAL_QUESTION = '\uE001';

function literal(s: string): string {
  return s.includes(LITERAL_STAR) || s.includes(LITERAL_QUESTION)
    ? s.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?')
    : s;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** A matcher for one pattern. `ignoreCase` lowers both sides (actions, StringEqualsIgnoreCase). */
export function compileWildcard(pattern: string, ignoreCase = false): StringTest {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  if (p === '*') return () => true;
  if (!hasWildcard(p)) {
    const lit = literal(p);
    return ignoreCase ? (v) => v.length === lit.length && v.toLowerCase() === lit : (v) => v === lit;
  }
  const star = p.indexOf('*');
  if (!p.includes('?') && star === p.length - 1 && p.indexOf('*') === p.lastIndexOf('*')) {
    const prefix = literal(p.slice(0, -1));
    return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  if (!p.includes('?') && star === 0 && p.indexOf('*', 1) === -1) {
    const suffix = literal(p.slice(1));
    return ignoreCase ? (v) => v.toLowerCase().endsWith(suffix) : (v) => v.endsWith(suffix);
  }
  const regex = wildcardRegex(p, ignoreCase);
  return (v) => regex.test(v);
}

export function wildcardRegex(pattern: string, ignoreCase = false): RegExp {
  let source = '^';
  for (const ch of pattern) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else if (ch === LITERAL_STAR) source += '\\*';
    else if (ch === LITERAL_QUESTION) source += '\\?';
    else source += ch.replace(REGEX_SPECIALS, '\\$&');
  }
  return new RegExp(source + '$', ignoreCase ? 'i' : '');
}

/** A matcher for several patterns: true when any matches. Literal patterns go into one Set lookup. */
export function compileWildcardSet(patterns: readonly string[], ignoreCase = false): StringTest {
  if (patterns.some((p) => p === '*')) return () => true;
  const literals = new Set<string>();
  const tests: StringTest[] = [];
  for (const p of patterns) {
    if (hasWildcard(p)) tests.push(compileWildcard(p, ignoreCase));
    else literals.add(literal(ignoreCase ? p.toLowerCase() : p));
  }
  if (tests.length === 0) {
    if (literals.size === 1) {
      const [only] = literals;
      return ignoreCase ? (v) => v.toLowerCase() === only : (v) => v === only;
    }
    return ignoreCase ? (v) => literals.has(v.toLowerCase()) : (v) => literals.has(v);
  }
  return (v) => {
    if (literals.size > 0 && literals.has(ignoreCase ? v.toLowerCase() : v)) return true;
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}
