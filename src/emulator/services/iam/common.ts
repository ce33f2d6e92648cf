/** Helpers every IAM resource module uses: errors, name checks, ARNs, paging, tags. */
import { checkTagMembers, MAX_TAGS_PER_RESOURCE, memberPaths, mergeTagList } from '../../core/tags.ts';
import { pageByToken } from '../../core/next-token.ts';
import { formatArn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { IamState, Tag } from './state.ts';

export function iam(ctx: RequestContext): IamState {
  return ctx.stateOf<IamState>('iam');
}


export function noSuchEntity(message: string): AwsServiceError {
  return new AwsServiceError('NoSuchEntity', message, { status: 404 });
}

export function alreadyExists(message: string): AwsServiceError {
  return new AwsServiceError('EntityAlreadyExists', message, { status: 409 });
}

export function deleteConflict(message: string): AwsServiceError {
  return new AwsServiceError('DeleteConflict', message, { status: 409 });
}

export function limitExceeded(message: string): AwsServiceError {
  return new AwsServiceError('LimitExceeded', message, { status: 409 });
}

export function invalidInput(message: string): AwsServiceError {
  return new AwsServiceError('InvalidInput', message, { status: 400 });
}

/** Names of users, roles, groups, policies, instance profiles: `[\w+=,.@-]+`. */
const NAME = /^[\w+=,.@-]+$/;
const PATH = /^(\u002F)|(\u002F[\u0021-\u007E]+\u002F)$/;

export function checkName(problems: ProblemList, member: string, value: string | undefined, max: number): ProblemList {
  return problems.minLength(member, value, 1).maxLength(member, value, max).pattern(member, value, NAME, '[\\w+=,.@-]+');
}

export function checkPath(problems: ProblemList, value: string | undefined, member = 'path'): ProblemList {
  return problems.minLength(member, value, 1).maxLength(member, value, 512).pattern(member, value, PATH, '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
}

export function iamArn(accountId: string, type: string, path: string | undefined, name: string): string {
  return formatArn('iam', '', accountId, `${type}${path ?? '/'}${name}`);
}

/** IAM returns policy documents URL-encoded (RFC 3986), as AWS does. */
export function encodeDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ── paging: Marker / MaxItems / IsTruncated ─────────────────────────────────────────────────────

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/** Pages a sorted list (core/next-token.ts): Marker is opaque to clients. */
export function paginate<T>(items: readonly T[], marker: string | undefined, maxItems: number | undefined): Page<T> {
  new ProblemList().range('maxItems', maxItems, 1, 1000).check();
  const page = pageByToken(items, { nextToken: marker, maxResults: maxItems, defaultMaxResults: 100, invalidToken: () => new AwsServiceError('ValidationError', 'Invalid Marker.', { status: 400 }) });
  return page.nextToken ? { items: page.items, IsTruncated: true, Marker: page.nextToken } : { items: page.items, IsTruncated: false };
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────

export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined, member = 'tags'): Tag[] {
  const problems = new ProblemList();
  const out: Tag[] = [];
  checkTagMembers(problems, tags ?? [], memberPaths(member), { keyOf: (t) => t.Key, valueOf: (t) => t.Value });
  (tags ?? []).forEach((t, i) => {
    problems.pattern(`${member}.${i + 1}.member.key`, t.Key, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    out.push({ Key: t.Key ?? '', Value: t.Value ?? '' });
  });
  problems.check();
  const keys = new Set<string>();
  for (const t of out) {
    const lower = t.Key.toLowerCase();
    if (keys.has(lower)) throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    keys.add(lower);
  }
  if (out.length > MAX_TAGS_PER_RESOURCE) throw limitExceeded('The number of tags has reached the maximum limit.');
  return out;
}

export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const result = mergeTagList(existing, added, (t) => t.Key);
  if (result.length > MAX_TAGS_PER_RESOURCE) throw limitExceeded('The number of tags has reached the maximum limit.');
  return result;
}
