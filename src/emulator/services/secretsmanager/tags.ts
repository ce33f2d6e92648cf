/** Secret tags: TagResource, UntagResource (tags also come with CreateSecret and show in DescribeSecret). */
import type * as SM from '@aws-sdk/client-secrets-manager';
import type { RequestContext } from '../../core/context.ts';
import type { Output } from '../define-service.ts';
import { checkTags, mergeTags } from './common.ts';
import { findSecret } from './lookup.ts';
import type { SecretsManagerState } from './state.ts';

export function tagResource(input: SM.TagResourceRequest, ctx: RequestContext<SecretsManagerState>): Output<Record<string, never>> {
  const tags = checkTags(input.Tags);
  const secret = findSecret(ctx, input.SecretId!, 'TagResource', 'any');
  secret.tags = mergeTags(secret.tags, tags);
  secret.lastChangedDate = ctx.now;
  return {};
}

export function untagResource(input: SM.UntagResourceRequest, ctx: RequestContext<SecretsManagerState>): Output<Record<string, never>> {
  const secret = findSecret(ctx, input.SecretId!, 'UntagResource', 'any');
  const remove = new Set(input.TagKeys ?? []);
  secret.tags = secret.tags.filter((t) => !remove.has(t.Key));
  secret.lastChangedDate = ctx.now;
  return {};
}
