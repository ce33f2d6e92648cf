/**
 * EC2's Describe* filters: `Filter.N.Name` / `Filter.N.Value.M`. Filters are ANDed, the values of
 * one filter ORed; values may use `*` (any run of characters) and `?` (one character), `\` escapes
 * them. `tag:<key>`, `tag-key` and `tag-value` work on every taggable resource. An unknown filter
 * name is refused as AWS refuses it: InvalidParameterValue "The filter 'x' is invalid".
 */
import { AwsServiceError } from '../../core/errors.ts';
import type { Tag } from './state.ts';

export interface FilterInput {
  Name?: string;
  Values?: string[];
}

/** A resource's value(s) for one filter name; arrays match when any element matches. */
export type FilterValue = string | number | boolean | undefined | null | readonly (string | number | boolean | undefined | null)[];

/** Filter name → how to read it from a resource. */
export type FilterTable<T> = Readonly<Record<string, (item: T) => FilterValue>>;

const patternCache = new Map<string, RegExp | string>();

/** A filter value as a matcher: a plain string when it has no wildcards, else an anchored RegExp. */
function matcher(pattern: string): RegExp | string {
  let cached = patternCache.get(pattern);
  if (cached !== undefined) return cached;
  if (!/[*?\\]/.test(pattern)) {
    cached = pattern;
  } else {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
      else if (c === '*') source += '[\\s\\S]*';
      else if (c === '?') source += '[\\s\\S]';
      else source += escapeRegExp(c);
    }
    cached = new RegExp(`^${source}$`);
  }
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(pattern, cached);
  return cached;
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Whether `text` matches an EC2 filter value (with `*`, `?` and `\` escapes). */
export function wildcardMatch(pattern: string, text: string): boolean {
  const m = matcher(pattern);
  return typeof m === 'string' ? m === text : m.test(text);
}

function valueMatches(value: FilterValue, wanted: readonly string[]): boolean {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (v === undefined || v === null) continue;
    const text = String(v);
    for (const w of wanted) if (wildcardMatch(w, text)) return true;
  }
  return false;
}

export function invalidFilter(name: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterValue', `The filter '${name}' is invalid`);
}

/**
 * Keeps the items that pass every filter. `tagsOf` gives an item's tags for the tag filters; pass
 * undefined for resources that have none (then tag filters are unknown, as on AWS).
 */
export function applyFilters<T>(items: readonly T[], filters: readonly FilterInput[] | undefined, table: FilterTable<T>, tagsOf?: (item: T) => readonly Tag[]): T[] {
  if (!filters?.length) return [...items];
  const checks: ((item: T) => boolean)[] = [];
  for (const filter of filters) {
    const name = filter.Name ?? '';
    const wanted = filter.Values ?? [];
    if (name === '') throw new AwsServiceError('InvalidParameterValue', 'The filter name must not be empty');
    if (wanted.length === 0) throw new AwsServiceError('InvalidParameterValue', `The filter '${name}' requires at least one value`);
    const read = table[name];
    if (read) {
      checks.push((item) => valueMatches(read(item), wanted));
    } else if (tagsOf && name.startsWith('tag:') && name.length > 4) {
      const key = name.slice(4);
      checks.push((item) => valueMatches(tagsOf(item).filter((t) => t.Key === key).map((t) => t.Value), wanted));
    } else if (tagsOf && name === 'tag-key') {
      checks.push((item) => valueMatches(tagsOf(item).map((t) => t.Key), wanted));
    } else if (tagsOf && name === 'tag-value') {
      checks.push((item) => valueMatches(tagsOf(item).map((t) => t.Value), wanted));
    } else {
      throw invalidFilter(name);
    }
  }
  return items.filter((item) => checks.every((check) => check(item)));
}
