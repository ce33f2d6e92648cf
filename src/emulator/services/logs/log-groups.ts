/**
 * Log groups: CreateLogGroup, DescribeLogGroups, ListLogGroups, DeleteLogGroup, retention
 * (PutRetentionPolicy / DeleteRetentionPolicy), KMS (AssociateKmsKey / DisassociateKmsKey) and
 * deletion protection. A fresh group keeps events forever (no retentionInDays), as on AWS.
 */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, decodeToken, encodeToken, findGroup, GROUP_NAME, groupArn, identifierName, invalidParameter } from './common.ts';
import type { LogGroupState } from './state.ts';
import { checkTags } from './tags.ts';

/** The retention values AWS accepts, in days. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'];

function checkGroupName(path: string, name: string | undefined): void {
  new ProblemList().minLength(path, name, 1).maxLength(path, name, 512).pattern(path, name, GROUP_NAME, '[\\.\\-_/#A-Za-z0-9]+').check();
}

/** KMS key ARNs only (not ids or aliases), in the log group's region, as CloudWatch Logs requires. */
function checkKmsKey(ctx: Ctx, kmsKeyId: string, groupName: string): void {
  new ProblemList().maxLength('kmsKeyId', kmsKeyId, 256).check();
  const m = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/.exec(kmsKeyId);
  if (!m) throw invalidParameter(`Specified KMS key ${kmsKeyId} is not a valid KMS key ARN. Give the key's full ARN (arn:aws:kms:<region>:<account>:key/<key-id>); key ids and aliases are not accepted.`);
  if (m[1] !== ctx.region) {
    throw new AwsServiceError('AccessDeniedException', `The specified KMS key does not exist or is not allowed to be used with Arn '${groupArn(ctx, groupName)}'`);
  }
}

export function createLogGroup(input: Logs.CreateLogGroupRequest, ctx: Ctx): Output<Record<string, never>> {
  checkGroupName('logGroupName', input.logGroupName);
  new ProblemList().oneOf('logGroupClass', input.logGroupClass, CLASSES).check();
  const name = input.logGroupName!;
  const state = ctx.state();
  if (state.groups.has(name)) throw new AwsServiceError('ResourceAlreadyExistsException', 'The specified log group already exists');
  if (input.kmsKeyId !== undefined) checkKmsKey(ctx, input.kmsKeyId, name);
  const tags = checkTags(input.tags, {});
  state.groups.set(name, {
    logGroupName: name,
    creationTime: ctx.now.getTime(),
    ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
    logGroupClass: input.logGroupClass ?? 'STANDARD',
    deletionProtectionEnabled: input.deletionProtectionEnabled ?? false,
    tags,
    streams: new Map(),
    metricFilters: new Map(),
    subscriptionFilters: new Map(),
  });
  return {};
}

export function describeGroup(ctx: Ctx, g: LogGroupState): Logs.LogGroup {
  const arn = groupArn(ctx, g.logGroupName);
  let storedBytes = 0;
  for (const s of g.streams.values()) storedBytes += s.storedBytes;
  return {
    logGroupName: g.logGroupName,
    creationTime: g.creationTime,
    retentionInDays: g.retentionInDays,
    metricFilterCount: g.metricFilters.size,
    arn: `${arn}:*`,
    storedBytes,
    kmsKeyId: g.kmsKeyId,
    logGroupClass: g.logGroupClass as Logs.LogGroupClass,
    logGroupArn: arn,
    deletionProtectionEnabled: g.deletionProtectionEnabled,
  };
}

export function describeLogGroups(input: Logs.DescribeLogGroupsRequest, ctx: Ctx): Output<Logs.DescribeLogGroupsResponse> {
  new ProblemList().range('limit', input.limit, 1, 50).maxLength('logGroupNamePrefix', input.logGroupNamePrefix, 512).maxLength('logGroupNamePattern', input.logGroupNamePattern, 512).oneOf('logGroupClass', input.logGroupClass, CLASSES).check();
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  if (input.logGroupIdentifiers && (input.logGroupNamePrefix !== undefined || input.logGroupNamePattern !== undefined)) {
    throw invalidParameter('logGroupIdentifiers is mutually exclusive with logGroupNamePrefix and logGroupNamePattern.');
  }
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const ids = input.logGroupIdentifiers?.map(identifierName);
  const groups = [...ctx.state().groups.values()]
    .filter((g) => input.logGroupNamePrefix === undefined || g.logGroupName.startsWith(input.logGroupNamePrefix))
    .filter((g) => pattern === undefined || g.logGroupName.toLowerCase().includes(pattern))
    .filter((g) => ids === undefined || ids.includes(g.logGroupName))
    .filter((g) => input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass)
    .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
  const limit = input.limit ?? 50;
  const fingerprint = JSON.stringify(['DescribeLogGroups', input.logGroupNamePrefix ?? null, pattern ?? null, ids ?? null, input.logGroupClass ?? null]);
  const after = decodeToken(input.nextToken, fingerprint);
  const page = groups.filter((g) => after === undefined || g.logGroupName > String(after)).slice(0, limit);
  const more = page.length === limit && groups.at(-1) !== page.at(-1);
  return { logGroups: page.map((g) => describeGroup(ctx, g)), nextToken: more ? encodeToken(page.at(-1)!.logGroupName, fingerprint) : undefined };
}

export function listLogGroups(input: Logs.ListLogGroupsRequest, ctx: Ctx): Output<Logs.ListLogGroupsResponse> {
  new ProblemList().range('limit', input.limit, 1, 1000).oneOf('logGroupClass', input.logGroupClass, CLASSES).check();
  let matcher: RegExp | undefined;
  if (input.logGroupNamePattern !== undefined) {
    try {
      matcher = new RegExp(input.logGroupNamePattern);
    } catch {
      throw invalidParameter(`Invalid logGroupNamePattern: ${input.logGroupNamePattern}`);
    }
  }
  const groups = [...ctx.state().groups.values()]
    .filter((g) => !matcher || matcher.test(g.logGroupName))
    .filter((g) => input.logGroupClass === undefined || g.logGroupClass === input.logGroupClass)
    .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
  const limit = input.limit ?? 50;
  const fingerprint = JSON.stringify(['ListLogGroups', input.logGroupNamePattern ?? null, input.logGroupClass ?? null]);
  const offset = Number(decodeToken(input.nextToken, fingerprint) ?? 0);
  return {
    logGroups: groups.slice(offset, offset + limit).map((g) => ({ logGroupName: g.logGroupName, logGroupArn: groupArn(ctx, g.logGroupName), logGroupClass: g.logGroupClass as Logs.LogGroupClass })),
    nextToken: offset + limit < groups.length ? encodeToken(offset + limit, fingerprint) : undefined,
  };
}

export function deleteLogGroup(input: Logs.DeleteLogGroupRequest, ctx: Ctx): Output<Record<string, never>> {
  checkGroupName('logGroupName', input.logGroupName);
  const group = findGroup(ctx, input.logGroupName);
  if (group.deletionProtectionEnabled) {
    throw new AwsServiceError('OperationAbortedException', `Log group ${group.logGroupName} has deletion protection enabled. Disable it with PutLogGroupDeletionProtection before deleting the group.`);
  }
  ctx.state().groups.delete(group.logGroupName);
  return {};
}

export function putRetentionPolicy(input: Logs.PutRetentionPolicyRequest, ctx: Ctx): Output<Record<string, never>> {
  checkGroupName('logGroupName', input.logGroupName);
  new ProblemList().oneOf('retentionInDays', input.retentionInDays === undefined ? undefined : String(input.retentionInDays), RETENTION_DAYS.map(String)).check();
  findGroup(ctx, input.logGroupName).retentionInDays = input.retentionInDays;
  return {};
}

export function deleteRetentionPolicy(input: Logs.DeleteRetentionPolicyRequest, ctx: Ctx): Output<Record<string, never>> {
  checkGroupName('logGroupName', input.logGroupName);
  delete findGroup(ctx, input.logGroupName).retentionInDays;
  return {};
}

export function associateKmsKey(input: Logs.AssociateKmsKeyRequest, ctx: Ctx): Output<Record<string, never>> {
  if (input.resourceIdentifier !== undefined) throw invalidParameter('Associating a KMS key with query results (resourceIdentifier) is not supported by this emulator; give logGroupName.');
  if (input.logGroupName === undefined) throw invalidParameter('Either logGroupName or resourceIdentifier must be specified.');
  checkGroupName('logGroupName', input.logGroupName);
  const group = findGroup(ctx, input.logGroupName);
  checkKmsKey(ctx, input.kmsKeyId!, group.logGroupName);
  group.kmsKeyId = input.kmsKeyId;
  return {};
}

export function disassociateKmsKey(input: Logs.DisassociateKmsKeyRequest, ctx: Ctx): Output<Record<string, never>> {
  if (input.logGroupName === undefined) throw invalidParameter('Either logGroupName or resourceIdentifier must be specified.');
  delete findGroup(ctx, input.logGroupName).kmsKeyId;
  return {};
}

export function putLogGroupDeletionProtection(input: Logs.PutLogGroupDeletionProtectionRequest, ctx: Ctx): Output<Record<string, never>> {
  findGroup(ctx, undefined, input.logGroupIdentifier).deletionProtectionEnabled = input.deletionProtectionEnabled!;
  return {};
}
