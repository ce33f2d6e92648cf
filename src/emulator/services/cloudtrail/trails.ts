/** Trails: create, update, delete, get, describe (with shadow trails), list. */
import type * as CT from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { type CloudTrailState, defaultEventSelectors, MAX_TRAILS_PER_REGION, type Trail, trailArn } from './state.ts';
import { checkTags } from './tags.ts';
import { checkDestinations } from './trail-destinations.ts';
import { checkTrailName, homeTrail, trailReference, trailsIn, visibleTrail } from './trail-names.ts';

type Ctx = RequestContext<CloudTrailState>;

function invalidCombination(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterCombinationException', message, { status: 400 });
}

function snsTopicArn(ctx: RequestContext, name: string): string {
  return name.startsWith('arn:') ? name : `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;
}

/** A trail as CreateTrail/UpdateTrail answer. */
function trailOutput(trail: Trail): Output<CT.CreateTrailResponse> {
  return {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    S3KeyPrefix: trail.s3KeyPrefix,
    SnsTopicName: trail.snsTopicName,
    SnsTopicARN: trail.snsTopicArn,
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
    CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn,
    KmsKeyId: trail.kmsKeyId,
    IsOrganizationTrail: trail.isOrganizationTrail,
  };
}

/** A trail as DescribeTrails and GetTrail show it. */
export function describeTrail(trail: Trail): CT.Trail {
  return {
    Name: trail.name,
    S3BucketName: trail.s3BucketName,
    S3KeyPrefix: trail.s3KeyPrefix,
    SnsTopicName: trail.snsTopicName,
    SnsTopicARN: trail.snsTopicArn,
    IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
    IsMultiRegionTrail: trail.isMultiRegionTrail,
    HomeRegion: trail.homeRegion,
    TrailARN: trail.arn,
    LogFileValidationEnabled: trail.logFileValidationEnabled,
    CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
    CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn,
    KmsKeyId: trail.kmsKeyId,
    HasCustomEventSelectors: trail.customSelectors,
    HasInsightSelectors: trail.insightSelectors.length > 0,
    IsOrganizationTrail: trail.isOrganizationTrail,
  };
}

function checkCombination(multiRegion: boolean, includeGlobal: boolean): void {
  if (multiRegion && !includeGlobal) throw invalidCombination('Multi-Region trail must include global service events.');
}

function checkOrganizationTrail(value: boolean | undefined): void {
  if (value) {
    throw new AwsServiceError('OrganizationsNotInUseException', 'This account is not a member of an organization. Organization trails need AWS Organizations, which this emulator does not tie to CloudTrail yet.', { status: 400 });
  }
}

export function createTrail(input: CT.CreateTrailRequest, ctx: Ctx): Output<CT.CreateTrailResponse> {
  const name = input.Name!;
  if (name.startsWith('arn:')) throw new AwsServiceError('InvalidTrailNameException', 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).', { status: 400 });
  checkTrailName(name);
  const state = ctx.state();
  if (state.trails.has(name)) {
    throw new AwsServiceError('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${ctx.accountId}`, { status: 400 });
  }
  if (trailsIn(ctx, ctx.region).length >= MAX_TRAILS_PER_REGION) {
    throw new AwsServiceError('MaximumNumberOfTrailsExceededException', `User: ${ctx.accountId} already has ${MAX_TRAILS_PER_REGION} trails in ${ctx.region}.`, { status: 400 });
  }
  const includeGlobal = input.IncludeGlobalServiceEvents ?? true;
  const multiRegion = input.IsMultiRegionTrail ?? false;
  checkCombination(multiRegion, includeGlobal);
  checkOrganizationTrail(input.IsOrganizationTrail);
  const tags = checkTags(input.TagsList ?? []);
  const arn = trailArn(ctx.region, ctx.accountId, name);
  const settings = {
    name,
    arn,
    s3BucketName: input.S3BucketName!,
    s3KeyPrefix: input.S3KeyPrefix || undefined,
    cloudWatchLogsLogGroupArn: input.CloudWatchLogsLogGroupArn || undefined,
    cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn || undefined,
    kmsKeyId: input.KmsKeyId || undefined,
  };
  const { kmsKeyArn } = checkDestinations(ctx, settings);
  const trail: Trail = {
    ...settings,
    kmsKeyId: kmsKeyArn,
    accountId: ctx.accountId,
    homeRegion: ctx.region,
    createdAt: ctx.now,
    snsTopicName: input.SnsTopicName || undefined,
    snsTopicArn: input.SnsTopicName ? snsTopicArn(ctx, input.SnsTopicName) : undefined,
    includeGlobalServiceEvents: includeGlobal,
    isMultiRegionTrail: multiRegion,
    logFileValidationEnabled: input.EnableLogFileValidation ?? false,
    isOrganizationTrail: false,
    eventSelectors: defaultEventSelectors(),
    customSelectors: false,
    insightSelectors: [],
    tags,
    // A trail made through the API does not log until StartLogging (the console starts it for you).
    status: { isLogging: false },
  };
  state.trails.set(name, trail);
  return trailOutput(trail);
}

export function updateTrail(input: CT.UpdateTrailRequest, ctx: Ctx): Output<CT.UpdateTrailResponse> {
  const trail = homeTrail(ctx, input.Name!);
  const includeGlobal = input.IncludeGlobalServiceEvents ?? trail.includeGlobalServiceEvents;
  const multiRegion = input.IsMultiRegionTrail ?? trail.isMultiRegionTrail;
  checkCombination(multiRegion, includeGlobal);
  checkOrganizationTrail(input.IsOrganizationTrail);
  // An empty string removes an optional setting (CloudWatch Logs delivery, KMS, SNS, prefix).
  const pick = (given: string | undefined, current: string | undefined) => (given === undefined ? current : given || undefined);
  const settings = {
    name: trail.name,
    arn: trail.arn,
    s3BucketName: input.S3BucketName ?? trail.s3BucketName,
    s3KeyPrefix: pick(input.S3KeyPrefix, trail.s3KeyPrefix),
    cloudWatchLogsLogGroupArn: pick(input.CloudWatchLogsLogGroupArn, trail.cloudWatchLogsLogGroupArn),
    cloudWatchLogsRoleArn: pick(input.CloudWatchLogsRoleArn, trail.cloudWatchLogsRoleArn),
    kmsKeyId: pick(input.KmsKeyId, trail.kmsKeyId),
  };
  const { kmsKeyArn } = checkDestinations(ctx, settings, {
    bucket: input.S3BucketName !== undefined || input.S3KeyPrefix !== undefined,
    logs: input.CloudWatchLogsLogGroupArn !== undefined || input.CloudWatchLogsRoleArn !== undefined,
    kms: input.KmsKeyId !== undefined && input.KmsKeyId !== '',
  });
  Object.assign(trail, settings, {
    kmsKeyId: kmsKeyArn,
    includeGlobalServiceEvents: includeGlobal,
    isMultiRegionTrail: multiRegion,
    logFileValidationEnabled: input.EnableLogFileValidation ?? trail.logFileValidationEnabled,
  });
  if (input.SnsTopicName !== undefined) {
    trail.snsTopicName = input.SnsTopicName || undefined;
    trail.snsTopicArn = input.SnsTopicName ? snsTopicArn(ctx, input.SnsTopicName) : undefined;
  }
  return trailOutput(trail);
}

export function deleteTrail(input: CT.DeleteTrailRequest, ctx: Ctx): Output<CT.DeleteTrailResponse> {
  const trail = homeTrail(ctx, input.Name!);
  ctx.state().trails.delete(trail.name);
  return {};
}

export function getTrail(input: CT.GetTrailRequest, ctx: Ctx): Output<CT.GetTrailResponse> {
  return { Trail: describeTrail(visibleTrail(ctx, input.Name!)) };
}

export function describeTrails(input: CT.DescribeTrailsRequest, ctx: Ctx): Output<CT.DescribeTrailsResponse> {
  const include = input.includeShadowTrails ?? true;
  const visible = trailsIn(ctx, ctx.region, include);
  const names = input.trailNameList ?? [];
  if (!names.length) return { trailList: visible.map(describeTrail) };
  const wanted = names.map((n) => trailReference(ctx, n));
  const out = visible.filter((t) => wanted.some((w) => (w.byArn ? trailArn(w.region, w.accountId, w.name) === t.arn : w.name === t.name)));
  return { trailList: out.map(describeTrail) };
}

const PAGE = 50;

export function listTrails(input: CT.ListTrailsRequest, ctx: Ctx): Output<CT.ListTrailsResponse> {
  const all = trailsIn(ctx, ctx.region);
  let start = 0;
  if (input.NextToken) {
    const decoded = Number(Buffer.from(input.NextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > all.length) throw new AwsServiceError('InvalidNextTokenException', 'The NextToken value is not valid. Use the token from the previous ListTrails response.', { status: 400 });
    start = decoded;
  }
  const page = all.slice(start, start + PAGE);
  const next = start + PAGE < all.length ? Buffer.from(String(start + PAGE)).toString('base64url') : undefined;
  return { Trails: page.map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.homeRegion })), NextToken: next };
}
