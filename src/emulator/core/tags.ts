/**
 * The tagging rules AWS services share (Tagging Best Practices, "Tag restrictions"): at most 50
 * tags per resource, keys of 1–128 and values of up to 256 Unicode letters, digits, spaces and
 * `_ . : / = + - @`, keys beginning with `aws:` reserved, a key given twice keeping one value. Each
 * service answers a broken rule with its own error code and wording (EC2's InvalidParameterValue,
 * KMS's TagException, Organizations' InvalidInputException …), so the rules live here and the
 * errors with the services.
 */
import type { ProblemList } from './validation.ts';

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** The characters tag keys and values may use, and the pattern as AWS's validation messages print it. */
export const TAG_CHARACTERS = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
export const TAG_CHARACTERS_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';

/** Keys beginning with `aws:` (any case) belong to AWS. */
export function isReservedTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

export interface TagMemberPaths {
  /** Where the n-th tag's key and value are (for the "Value … at 'tags.1.member.key'" wording). */
  (index: number): { key: string; value: string };
}

/** The usual member paths: `tags.1.member.key` / `tags.1.member.value` (or another list name). */
export function memberPaths(list = 'tags', keyName = 'key', valueName = 'value'): TagMemberPaths {
  return (i) => ({ key: `${list}.${i + 1}.member.${keyName}`, value: `${list}.${i + 1}.member.${valueName}` });
}

/**
 * Adds the length (and, with `characters`, character-set) problems of a tag list to `problems`, in
 * the model's validation wording. Keys and values are read with `keyOf`/`valueOf`.
 */
export function checkTagMembers<T>(problems: ProblemList, tags: readonly T[], paths: TagMemberPaths, options: { keyOf: (t: T) => string | undefined; valueOf: (t: T) => string | undefined; characters?: boolean }): ProblemList {
  tags.forEach((tag, i) => {
    const at = paths(i);
    const key = options.keyOf(tag);
    const value = options.valueOf(tag);
    problems.minLength(at.key, key, 1).maxLength(at.key, key, MAX_TAG_KEY_LENGTH).maxLength(at.value, value, MAX_TAG_VALUE_LENGTH);
    if (options.characters) problems.pattern(at.key, key, TAG_CHARACTERS, TAG_CHARACTERS_TEXT).pattern(at.value, value, TAG_CHARACTERS, TAG_CHARACTERS_TEXT);
  });
  return problems;
}

/** `existing` with `added` put over it (a key already there takes the new value, in place); a new list. */
export function mergeTagList<T>(existing: readonly T[], added: readonly T[], keyOf: (t: T) => string): T[] {
  const out = [...existing];
  for (const tag of added) {
    const i = out.findIndex((t) => keyOf(t) === keyOf(tag));
    if (i === -1) out.push(tag);
    else out[i] = tag;
  }
  return out;
}
