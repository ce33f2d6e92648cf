/**
 * aws:RequestTag/<key> and aws:TagKeys from whatever member a request carries its tags in: `Tags`
 * (`[{Key, Value}]`, KMS's `[{TagKey, TagValue}]`, or a map), CloudTrail's `TagsList`, CloudWatch
 * Logs' `tags`, EC2's `TagSpecifications`, S3's `Tagging` (a `TagSet`, or PutObject's
 * `k=v&k2=v2` header).
 */
import type { ContextValue } from '../policy/index.ts';
import { tagRecord } from './access-check.ts';

function fromQueryString(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    out[decode(eq === -1 ? pair : pair.slice(0, eq))] = eq === -1 ? '' : decode(pair.slice(eq + 1));
  }
  return out;
}

/** The tags a request asks to set, as a record; undefined when it sets none. */
export function requestTagsOf(input: Readonly<Record<string, unknown>>): Record<string, string> | undefined {
  const direct = input.Tags ?? input.TagsList ?? input.tags ?? input.TagList;
  if (direct !== undefined) return tagRecord(direct);
  const tagging = input.Tagging;
  if (typeof tagging === 'string') return fromQueryString(tagging);
  if (tagging && typeof tagging === 'object') return tagRecord((tagging as { TagSet?: unknown }).TagSet);
  const specifications = input.TagSpecifications;
  if (Array.isArray(specifications)) {
    const out: Record<string, string> = {};
    for (const spec of specifications as { Tags?: unknown }[]) Object.assign(out, tagRecord(spec.Tags));
    return out;
  }
  return undefined;
}

/** aws:RequestTag/* and aws:TagKeys for a request (nothing when it carries no tags). */
export function requestTagContext(input: Readonly<Record<string, unknown>>, into: Record<string, ContextValue | undefined>): void {
  const tags = requestTagsOf(input);
  if (!tags) return;
  for (const [k, v] of Object.entries(tags)) into[`aws:RequestTag/${k}`] = v;
  into['aws:TagKeys'] = Object.keys(tags);
}

/** Keys removed by an Untag… request (aws:TagKeys for untagging). */
export function untagKeysOf(input: Readonly<Record<string, unknown>>): string[] | undefined {
  const keys = input.TagKeys ?? input.tagKeys ?? input.TagKeyList;
  return Array.isArray(keys) ? keys.map(String) : undefined;
}
