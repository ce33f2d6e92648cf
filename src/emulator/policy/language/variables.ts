/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}`)
 * in Resource elements and condition values. A template is parsed once; resolving it against a
 * request yields the pattern text, or `undefined` when a variable has no value and no default —
 * then the element matches nothing, as in AWS.
 *
 * Substituted values match literally: a `*` inside a tag value is not a wildcard. Those characters
 * are carried as the stand-ins from `wildcard.ts`.
 */
import { PolicyDocumentError } from '../errors.ts';
import { LITERAL_QUESTION, LITERAL_STAR } from './wildcard.ts';

/** Reads a single-valued context key by its lower-cased name. */
export type VariableLookup = (lowerKey: string) => string | undefined;

type Part = string | { key: string; fallback?: string };

export interface Template {
  /** The text as written in the policy. */
  readonly raw: string;
  /** Lower-cased names of the context keys it reads (for the decision cache key). */
  readonly keys: readonly string[];
  /** True when the text has no variables: `raw` is the pattern. */
  readonly isStatic: boolean;
  readonly parts: readonly Part[];
}

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/;

/** Parses `text`. With `variablesEnabled` false (Version 2008-10-17 or none) `${…}` is plain text. */
export function parseTemplate(text: string, variablesEnabled: boolean, path: string): Template {
  if (!variablesEnabled || !text.includes('${')) return { raw: text, keys: [], isStatic: true, parts: [text] };
  const parts: Part[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const inner = match[1]!;
    if (inner === '*') parts.push(LITERAL_STAR);
    else if (inner === '?') parts.push(LITERAL_QUESTION);
    else if (inner === '$') parts.push('$');
    else {
      const withDefault = WITH_DEFAULT.exec(inner);
      const key = (withDefault ? withDefault[1]! : inner.trim()).toLowerCase();
      if (!/^[a-z0-9_.-]+:[^\s]+$/i.test(key)) {
        throw new PolicyDocumentError(path, `"${match[0]}" is not a valid policy variable; write \${service:key} or \${service:key, 'default'}.`);
      }
      keys.push(key);
      parts.push(withDefault ? { key, fallback: withDefault[2]! } : { key });
    }
  }
  if (last < text.length) parts.push(text.slice(last));
  return { raw: text, keys, isStatic: keys.length === 0 && parts.every((p) => typeof p === 'string'), parts };
}

function protect(value: string): string {
  return value.includes('*') || value.includes('?')
    ? value.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QUESTION)
    : value;
}

/** The pattern text after substitution, or undefined when a variable cannot be resolved. */
export function resolveTemplate(template: Template, lookup: VariableLookup): string | undefined {
  if (template.isStatic) return template.parts.length === 1 ? (template.parts[0] as string) : (template.parts as string[]).join('');
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = lookup(part.key) ?? part.fallback;
    if (value === undefined) return undefined;
    out += protect(value);
  }
  return out;
}
