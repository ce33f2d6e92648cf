/**
 * Where a trail delivers, checked as CloudTrail checks it on CreateTrail/UpdateTrail:
 *  - the S3 bucket must exist and its policy must let `cloudtrail.amazonaws.com` call
 *    s3:GetBucketAcl on the bucket and s3:PutObject under `<prefix>/AWSLogs/<account>/` with
 *    `s3:x-amz-acl = bucket-owner-full-control`, `aws:SourceArn` = the trail and
 *    `aws:SourceAccount` = the account (the policy AWS documents), else
 *    InsufficientS3BucketPolicyException;
 *  - CloudWatch Logs: log group ARN and role ARN together, the group in this region and account,
 *    the role existing with a trust policy that lets CloudTrail assume it;
 *  - KMS: the key must resolve (when KMS is emulated), be usable, share the bucket's region, and
 *    its key policy must let CloudTrail call kms:GenerateDataKey*.
 * Services that are not emulated in this emulator are not consulted (see limitations.ts).
 */
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { IamState } from '../iam/state.ts';
import { type KmsState, lookupKmsKey } from '../kms/key-access.ts';
import type { S3State } from '../s3/state.ts';
import type { CloudTrailRuntime } from './recording/recorder.ts';
import { policyAllowsService } from './service-principal-access.ts';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/** What the destination checks need to know of a trail (new or updated). */
export interface DestinationSettings {
  readonly name: string;
  readonly arn: string;
  readonly s3BucketName: string;
  readonly s3KeyPrefix?: string;
  readonly cloudWatchLogsLogGroupArn?: string;
  readonly cloudWatchLogsRoleArn?: string;
  readonly kmsKeyId?: string;
}

function error(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { status: 400 });
}

function runtime(ctx: RequestContext): CloudTrailRuntime | undefined {
  return ctx.attachment<CloudTrailRuntime>();
}

/** The account owning a bucket name (the S3 namespace is global). */
export function bucketOwnerOf(ctx: RequestContext, name: string): string | undefined {
  if (ctx.peekStateOf<S3State>('s3', ctx.accountId)?.buckets.has(name)) return ctx.accountId;
  return ctx.accountIds().find((id) => ctx.peekStateOf<S3State>('s3', id)?.buckets.has(name));
}

export function logObjectPrefix(prefix: string | undefined, accountId: string): string {
  return `${prefix ? `${prefix}/` : ''}AWSLogs/${accountId}/`;
}

/** Returns the bucket's region; `checkPolicy` false only locates the bucket (for the KMS region check). */
function checkBucket(ctx: RequestContext, trail: DestinationSettings, checkPolicy: boolean): string | undefined {
  if (trail.s3KeyPrefix !== undefined && trail.s3KeyPrefix.length > 200) {
    throw error('InvalidS3PrefixException', `S3 prefix is longer than maximum length: ${trail.s3KeyPrefix.length}`);
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(trail.s3BucketName)) {
    throw error('InvalidS3BucketNameException', `Bucket name is not valid: ${trail.s3BucketName}`);
  }
  if (!runtime(ctx)?.hasService('s3')) return undefined;
  const owner = bucketOwnerOf(ctx, trail.s3BucketName);
  if (!owner) {
    if (!checkPolicy) return undefined;
    throw error('S3BucketDoesNotExistException', `S3 bucket ${trail.s3BucketName} does not exist.`);
  }
  const bucket = ctx.peekStateOf<S3State>('s3', owner)!.buckets.get(trail.s3BucketName)!;
  if (!checkPolicy) return bucket.region;
  const context = { 'aws:SourceArn': trail.arn, 'aws:SourceAccount': ctx.accountId, 'aws:SecureTransport': 'true' };
  const bucketArn = `arn:aws:s3:::${bucket.name}`;
  const objectArn = `${bucketArn}/${logObjectPrefix(trail.s3KeyPrefix, ctx.accountId)}CloudTrail/${ctx.region}/log.json.gz`;
  const canRead = policyAllowsService(bucket.policy, { service: CLOUDTRAIL, action: 's3:GetBucketAcl', resource: bucketArn, context });
  const canWrite = policyAllowsService(bucket.policy, { service: CLOUDTRAIL, action: 's3:PutObject', resource: objectArn, context: { ...context, 's3:x-amz-acl': 'bucket-owner-full-control' } });
  if (!canRead || !canWrite) throw error('InsufficientS3BucketPolicyException', `Incorrect S3 bucket policy is detected for bucket: ${bucket.name}`);
  return bucket.region;
}

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([\w\-./#]{1,512})(:\*)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

function checkCloudWatchLogs(ctx: RequestContext, trail: DestinationSettings): void {
  const group = trail.cloudWatchLogsLogGroupArn;
  const role = trail.cloudWatchLogsRoleArn;
  if (!group && !role) return;
  if (group && !role) throw error('InvalidCloudWatchLogsRoleArnException', 'You must specify a role ARN together with the CloudWatch Logs log group ARN.');
  if (role && !group) throw error('InvalidCloudWatchLogsLogGroupArnException', 'You must specify a CloudWatch Logs log group ARN together with the role ARN.');
  const g = LOG_GROUP_ARN.exec(group!);
  if (!g || g[2] !== ctx.accountId) throw error('InvalidCloudWatchLogsLogGroupArnException', 'CloudTrail cannot validate the specified log group ARN.');
  if (g[1] !== ctx.region) throw error('InvalidCloudWatchLogsLogGroupArnException', 'You must specify a log group that is in the current region.');
  const logs = runtime(ctx)?.logs();
  if (logs && !logs.hasLogGroup(ctx.accountId, ctx.region, g[3]!)) {
    throw error('InvalidCloudWatchLogsLogGroupArnException', 'CloudTrail cannot validate the specified log group ARN.');
  }
  const r = ROLE_ARN.exec(role!);
  if (!r || r[1] !== ctx.accountId) throw error('InvalidCloudWatchLogsRoleArnException', 'CloudTrail cannot validate the specified role ARN.');
  const iamRole = ctx.peekStateOf<IamState>('iam', ctx.accountId)?.roles.get(r[2]!);
  const trusted = iamRole && iamRole.arn === role && policyAllowsService(iamRole.assumeRolePolicyDocument, {
    service: CLOUDTRAIL,
    action: 'sts:AssumeRole',
    context: { 'aws:SourceArn': trail.arn, 'aws:SourceAccount': ctx.accountId },
  });
  if (!trusted) throw error('InvalidCloudWatchLogsRoleArnException', 'Access denied. Verify in IAM that the role has adequate permissions.');
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key\/[\w-]+|alias\/[\w/+=,.@-]+)$/;

/** The key's ARN for any form AWS accepts (key id, key ARN, alias name, alias ARN). */
function normalizeKeyId(ctx: RequestContext, keyId: string): { arn: string; region: string; accountId: string; resource: string } {
  const m = KEY_ARN.exec(keyId);
  if (m) return { arn: keyId, region: m[1]!, accountId: m[2]!, resource: m[3]! };
  if (/^alias\/[\w/+=,.@-]+$/.test(keyId) || /^[\w-]{1,2048}$/.test(keyId)) {
    const resource = keyId.startsWith('alias/') ? keyId : `key/${keyId}`;
    return { arn: `arn:aws:kms:${ctx.region}:${ctx.accountId}:${resource}`, region: ctx.region, accountId: ctx.accountId, resource };
  }
  throw error('InvalidKmsKeyIdException', `KMS key ID ${keyId} is not valid.`);
}

/** Returns the key ARN to store. */
function checkKmsKey(ctx: RequestContext, trail: DestinationSettings, bucketRegion: string | undefined): string | undefined {
  if (trail.kmsKeyId === undefined || trail.kmsKeyId === '') return undefined;
  const ref = normalizeKeyId(ctx, trail.kmsKeyId);
  const notFound = () => error('KmsKeyNotFoundException', `KMS key ID ${ref.arn} does not exist, or s3 bucket and key are not in the same region.`);
  if (!runtime(ctx)?.hasService('kms')) return ref.arn;
  // Read without side effects (services/kms/key-access.ts): CloudTrail only looks at the key here.
  const state = ctx.peekStateOf<KmsState>('kms', ref.accountId, ref.region);
  const key = state && lookupKmsKey(state, ref.arn);
  // AWS managed keys (alias/aws/s3 …) cannot encrypt trails: AWS answers as for a missing key.
  if (!key || key.keyManager === 'AWS' || (bucketRegion !== undefined && bucketRegion !== ref.region)) throw notFound();
  if (key.keyState !== 'Enabled') throw error('KmsException', `KMS key ${key.arn} is ${key.keyState === 'PendingDeletion' ? 'pending deletion' : 'disabled'}.`);
  const allowed = policyAllowsService(key.policy, {
    service: CLOUDTRAIL,
    action: 'kms:GenerateDataKey',
    resource: key.arn,
    context: { 'kms:EncryptionContext:aws:cloudtrail:arn': trail.arn, 'aws:SourceArn': trail.arn, 'aws:SourceAccount': ctx.accountId },
  });
  if (!allowed) {
    throw error('InsufficientEncryptionPolicyException', `Insufficient permissions to access S3 bucket ${trail.s3BucketName} or KMS key ${key.arn}.`);
  }
  return key.arn;
}

/** Which destinations a call sets (UpdateTrail re-checks only what it changes). */
export interface DestinationChanges {
  readonly bucket: boolean;
  readonly logs: boolean;
  readonly kms: boolean;
}

const ALL: DestinationChanges = { bucket: true, logs: true, kms: true };

/** Checks the destinations a call sets; returns the KMS key's ARN (or undefined for none). */
export function checkDestinations(ctx: RequestContext, trail: DestinationSettings, changes: DestinationChanges = ALL): { kmsKeyArn: string | undefined } {
  const bucketRegion = changes.bucket || changes.kms ? checkBucket(ctx, trail, changes.bucket) : undefined;
  if (changes.logs) checkCloudWatchLogs(ctx, trail);
  return { kmsKeyArn: changes.kms ? checkKmsKey(ctx, trail, bucketRegion) : trail.kmsKeyId };
}
