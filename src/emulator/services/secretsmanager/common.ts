/** What every Secrets Manager handler needs: AWS's errors, names and ARNs, tags, paging tokens. */
import { randomBytes } from 'node:crypto';
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

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A secret's ARN: its name, a hyphen and six random characters (so a re-created name gets a new ARN). */
export function secretArn(region: string, accountId: string, name: string): string {
  const bytes = randomBytes(6);
  let suffix = '';
  for (const b of bytes) suffix += SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length];
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
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

const TAG_KEY = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined, member = 'tags'): SecretTag[] {
  const list = tags ?? [];
  const problems = new ProblemList();
  list.forEach((t, i) => {
    const key = `${member}.${i + 1}.member.key`;
    problems.minLength(key, t.Key, 1).maxLength(key, t.Key, 128).pattern(key, t.Key, TAG_KEY, '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
    problems.maxLength(`${member}.${i + 1}.member.value`, t.Value, 256);
  });
  problems.check();
  for (const t of list) {
    if (t.Key === undefined) throw smError('InvalidParameterException', 'Every tag needs a Key.');
    if (t.Key.toLowerCase().startsWith('aws:')) throw smError('InvalidParameterException', `The tag key ${t.Key} begins with aws:, which is reserved for tags AWS adds.`);
  }
  return list.map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }));
}

export function mergeTags(existing: SecretTag[], added: SecretTag[]): SecretTag[] {
  const out = [...existing];
  for (const tag of added) {
    const i = out.findIndex((t) => t.Key === tag.Key);
    if (i === -1) out.push(tag);
    else out[i] = tag;
  }
  if (out.length > 50) throw smError('ValidationException', `A secret can have at most 50 tags; this request would give it ${out.length}.`);
  return out;
}

/** NextToken for Secrets Manager lists: an opaque offset. */
export function pageOf<T>(items: readonly T[], token: string | undefined, max: number | undefined, defaultMax = 100): { items: T[]; NextToken?: string } {
  new ProblemList().range('maxResults', max, 1, 100).check();
  let start = 0;
  if (token !== undefined) {
    const text = Buffer.from(token, 'base64url').toString('utf8');
    if (!/^o\d{1,9}$/.test(text) || Buffer.from(text).toString('base64url') !== token) {
      throw smError('InvalidNextTokenException', `The NextToken ${token} is not one this operation returned; pass the NextToken of the previous response unchanged.`);
    }
    start = Number(text.slice(1));
  }
  const size = max ?? defaultMax;
  const next = start + size;
  return { items: items.slice(start, next), NextToken: next < items.length ? Buffer.from(`o${next}`).toString('base64url') : undefined };
}

/** AWS records last-accessed dates to the day (midnight UTC). */
export function dayOf(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
