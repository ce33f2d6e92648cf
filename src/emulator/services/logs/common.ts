/** Errors, ARNs and look-ups shared by the CloudWatch Logs handlers. */
import { decodeScopedToken, encodeScopedToken } from '../../core/next-token.ts';
import { arnIn } from '../../core/arn.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { RequestContext } from '../../core/context.ts';
import type { LogGroupState, LogsState, LogStreamState } from './state.ts';

export type Ctx = RequestContext<LogsState>;

export const invalidParameter = (message: string) => new AwsServiceError('InvalidParameterException', message);
export const groupNotFound = () => new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
export const streamNotFound = () => new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (DescribeLogGroups' `arn` adds `:*`). */
export function groupArn(ctx: { region: string; accountId: string }, name: string): string {
  return arnIn(ctx, 'logs', `log-group:${name}`);
}

/** A log group by name or identifier (name or ARN, with or without `:*`). */
export function findGroup(ctx: Ctx, name: string | undefined, identifier?: string): LogGroupState {
  if (name !== undefined && identifier !== undefined) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const key = name ?? identifierName(identifier);
  if (key === undefined) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  const group = ctx.state().groups.get(key);
  if (!group) throw groupNotFound();
  return group;
}

export function identifierName(identifier: string | undefined): string | undefined {
  if (identifier === undefined) return undefined;
  const m = /^arn:aws[a-z-]*:logs:[a-z0-9-]*:\d{12}:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return m ? m[1] : identifier;
}

export function findStream(group: LogGroupState, name: string): LogStreamState {
  const stream = group.streams.get(name);
  if (!stream) throw streamNotFound();
  return stream;
}

/** Log group names: 1-512 characters of [.\-_/#A-Za-z0-9]. */
export const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
/** Log stream names: 1-512 characters, no ':' or '*'. */
export const STREAM_NAME = /^[^:*]*$/;

/** Opaque pagination tokens (core/next-token.ts) bound to the request that produced them. */
export function encodeToken(position: string | number, fingerprint: string): string {
  return encodeScopedToken(position, fingerprint);
}

export function decodeToken(token: string | undefined, fingerprint: string): string | number | undefined {
  return decodeScopedToken(token, fingerprint, () => invalidParameter('The specified nextToken is invalid.'));
}

/** Events still inside the group's retention (expired ones are deleted lazily, as AWS does eventually). */
export function retainedSince(group: LogGroupState, now: number): number {
  return group.retentionInDays === undefined ? -Infinity : now - group.retentionInDays * 86_400_000;
}
