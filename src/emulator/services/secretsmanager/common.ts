/** What every Secrets Manager handler needs: AWS's errors, names and ARNs, tags, paging tokens. */
import { checkTagMembers, isReservedTagKey, MAX_TAGS_PER_RESOURCE, memberPaths, mergeTagList, TAG_CHARACTERS, TAG_CHARACTERS_TEXT } from '../../core/tags.ts';
import { pageByToken } from '../../core/next-token.ts';
import { formatArn } from '../../core/arn.ts';
import { MIXED_ALPHANUMERIC, randomChars } from '../../core/ids.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { SecretsManagerState, SecretTag } from './state.ts';

export const SERVICE_ID = 'secretsmanager';
export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
export const AWSPENDING = 'AWSPENDING';
export const DAY_MS = 86_400_000;

/** Secrets Manager answers its errors with HTTP 400. */
export function smError(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { status: 400 });
}

export const NOT_FOUND = "Secrets Manager can't find the specified secret.";
export const MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion.";

export function notFound(): AwsServiceError {
  return smError('ResourceNotFoundException', NOT_FOUND);
}

export function markedForDeletion(): AwsServiceError {
  return smError('InvalidRequestException', MARKED_FOR_DELETION);
}

export function smState(ctx: RequestContext, accountId = ctx.accountId, region = ctx.region): SecretsManagerState {
  return ctx.stateOf<SecretsManagerState>(SERVICE_ID, accountId, region);
}

const NAME = /^[a-zA-Z0-9/_+=.@-]+$/;

export function checkSecretName(name: string): void {
  new ProblemList().minLength('name', name, 1).maxLength('name', name, 512).check();
  if (!NAME.test(name)) throw smError('ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
}

/** A secret's ARN: its name, a hyphen and six random characters (so a re-created name gets a new ARN). */
export function secretArn(region: string, accountId: string, name: string): string {
  return formatArn('secretsmanager', region, accountId, `secret:${name}-${randomChars(6, MIXED_ALPHANUMERIC)}`);
}

/** ClientRequestToken: 32–64 characters (the SDKs and the CLI send a UUID when the caller gives none). */
export function checkClientRequestToken(token: string | undefined): void {
  if (token !== undefined && (token.length < 32 || token.length > 64)) {
    throw smError('InvalidParameterException', 'ClientRequestToken must be 32-64 characters long.');
  }
}

export function checkDescription(description: string | undefined): void {
  new ProblemList().maxLength('description', description, 2048).check();
}

export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined, member = 'tags'): SecretTag[] {
  const list = tags ?? [];
  const problems = new ProblemList();
  checkTagMembers(problems, list, memberPaths(member), { keyOf: (t) => t.Key, valueOf: (t) => t.Value });
  list.forEach((t, i) => problems.pattern(`${member}.${i + 1}.member.key`, t.Key, TAG_CHARACTERS, TAG_CHARACTERS_TEXT));
  problems.check();
  for (const t of list) {
    if (t.Key === undefined) throw smError('InvalidParameterException', 'Every tag needs a Key.');
    if (isReservedTagKey(t.Key)) throw smError('InvalidParameterException', `The tag key ${t.Key} begins with aws:, which is reserved for tags AWS adds.`);
  }
  return list.map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }));
}

export function mergeTags(existing: SecretTag[], added: SecretTag[]): SecretTag[] {
  const out = mergeTagList(existing, added, (t) => t.Key);
  if (out.length > MAX_TAGS_PER_RESOURCE) throw smError('ValidationException', `A secret can have at most ${MAX_TAGS_PER_RESOURCE} tags; this request would give it ${out.length}.`);
  return out;
}

/** NextToken for Secrets Manager lists: an opaque offset. */
export function pageOf<T>(items: readonly T[], token: string | undefined, max: number | undefined, defaultMax = 100): { items: T[]; NextToken?: string } {
  new ProblemList().range('maxResults', max, 1, 100).check();
  const page = pageByToken(items, {
    nextToken: token,
    maxResults: max,
    defaultMaxResults: defaultMax,
    invalidToken: (_, given) => smError('InvalidNextTokenException', `The NextToken ${given} is not one this operation returned; pass the NextToken of the previous response unchanged.`),
  });
  return { items: page.items, NextToken: page.nextToken };
}

/** AWS records last-accessed dates to the day (midnight UTC). */
export function dayOf(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
