/** Long-term access keys of IAM users (and of the root user), backed by the credential store. */
import type * as IAM from '@aws-sdk/client-iam';
import type { IssuedCredential } from '../../auth/credentials.ts';
import { rootPrincipal } from '../../auth/principal.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { accessKeyId, secretAccessKey } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { limitExceeded, noSuchEntity, paginate } from './common.ts';
import { findUser } from './users.ts';

const KEYS_PER_USER = 2;

/** The user a call is about: the named one, or the caller (an IAM user, or root when no name is given). */
function subject(ctx: RequestContext, userName: string | undefined): { userName?: string; userId?: string } {
  if (userName) {
    const user = findUser(ctx, userName);
    return { userName: user.userName, userId: user.userId };
  }
  if (ctx.principal.type === 'IAMUser' && ctx.principal.userName) return subject(ctx, ctx.principal.userName);
  if (ctx.principal.type === 'Root') return {};
  throw new AwsServiceError('ValidationError', 'Must specify userName when calling with non-User credentials', { status: 400 });
}

function keysOf(ctx: RequestContext, who: { userId?: string }): IssuedCredential[] {
  return ctx.credentials
    .list()
    .filter((k) => (who.userId ? k.issuer === 'iam' && k.principal.userId === who.userId : k.issuer === 'root'))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function findKey(ctx: RequestContext, who: { userId?: string }, id: string): IssuedCredential {
  const key = keysOf(ctx, who).find((k) => k.accessKeyId === id);
  if (!key) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return key;
}

export function createAccessKey(input: IAM.CreateAccessKeyRequest, ctx: RequestContext): Output<IAM.CreateAccessKeyResponse> {
  const who = subject(ctx, input.UserName);
  if (keysOf(ctx, who).length >= KEYS_PER_USER) throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
  const id = accessKeyId(false);
  const secret = secretAccessKey();
  const user = who.userName ? findUser(ctx, who.userName) : undefined;
  ctx.credentials.issue({
    accessKeyId: id,
    secretAccessKey: secret,
    accountId: ctx.accountId,
    principal: user
      ? { type: 'IAMUser', accountId: ctx.accountId, arn: user.arn, userId: user.userId, userName: user.userName, accessKeyId: id }
      : rootPrincipal(ctx.accountId, id),
    status: 'Active',
    createdAt: ctx.now.toISOString(),
    issuer: user ? 'iam' : 'root',
  });
  return { AccessKey: { UserName: who.userName as string, AccessKeyId: id, Status: 'Active', SecretAccessKey: secret, CreateDate: ctx.now } };
}

export function deleteAccessKey(input: IAM.DeleteAccessKeyRequest, ctx: RequestContext): Output<unknown> {
  const key = findKey(ctx, subject(ctx, input.UserName), input.AccessKeyId!);
  ctx.credentials.revoke(key.accessKeyId);
  return {};
}

export function updateAccessKey(input: IAM.UpdateAccessKeyRequest, ctx: RequestContext): Output<unknown> {
  new ProblemList().oneOf('status', input.Status, ['Active', 'Inactive']).check();
  const key = findKey(ctx, subject(ctx, input.UserName), input.AccessKeyId!);
  ctx.credentials.issue({ ...key, status: input.Status as 'Active' | 'Inactive' });
  return {};
}

export function listAccessKeys(input: IAM.ListAccessKeysRequest, ctx: RequestContext): Output<IAM.ListAccessKeysResponse> {
  const who = subject(ctx, input.UserName);
  const page = paginate(keysOf(ctx, who), input.Marker, input.MaxItems);
  return {
    AccessKeyMetadata: page.items.map((k) => ({ UserName: who.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: new Date(k.createdAt) })),
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

export function getAccessKeyLastUsed(input: IAM.GetAccessKeyLastUsedRequest, ctx: RequestContext): Output<IAM.GetAccessKeyLastUsedResponse> {
  const key = ctx.credentials.find(input.AccessKeyId!);
  if (!key || key.accountId !== ctx.accountId || key.issuer === 'sts') throw new AwsServiceError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${input.AccessKeyId}`, { status: 403 });
  return {
    UserName: key.principal.userName,
    AccessKeyLastUsed: key.lastUsed
      ? { LastUsedDate: new Date(key.lastUsed.date), ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
}
