/**
 * Trail names and ARNs: AWS's naming rules with its InvalidTrailNameException messages, and how a
 * name or ARN finds a trail — in its home region for changes, or as a shadow of a multi-Region
 * trail for reads by ARN from any region (as GetTrailStatus documents).
 */
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { CloudTrailRuntime } from './recording/recorder.ts';
import { type CloudTrailState, type Trail, trailArn } from './state.ts';

function invalidName(message: string): AwsServiceError {
  return new AwsServiceError('InvalidTrailNameException', message, { status: 400 });
}

/** CloudTrail's trail naming rules, checked in the order AWS reports them. */
export function checkTrailName(name: string): void {
  if (name.length < 3) throw invalidName(`Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${name.length} characters.`);
  if (name.length > 128) throw invalidName(`Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${name.length} characters.`);
  if (!/^[A-Za-z0-9]/.test(name)) throw invalidName('Trail name must starts with a letter or number.');
  if (!/[A-Za-z0-9]$/.test(name)) throw invalidName('Trail name must ends with a letter or number.');
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw invalidName('Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).');
  }
  if (/[._-]{2}/.test(name)) throw invalidName('Trail name or ARN cannot have adjacent periods (.), hyphens (-), or underscores (_).');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) throw invalidName('Trail name must not be formatted as an IP address.');
}

interface TrailReference {
  readonly name: string;
  /** Region the reference points at: the ARN's, or the caller's for a bare name. */
  readonly region: string;
  readonly accountId: string;
  readonly byArn: boolean;
}

const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

/** Reads a `Name`/`TrailName` parameter: a trail name (checked) or a trail ARN. */
export function trailReference(ctx: RequestContext, nameOrArn: string): TrailReference {
  if (nameOrArn.startsWith('arn:')) {
    const m = TRAIL_ARN.exec(nameOrArn);
    if (!m) throw new AwsServiceError('CloudTrailARNInvalidException', `Invalid trail ARN: ${nameOrArn}`, { status: 400 });
    checkTrailName(m[3]!);
    return { name: m[3]!, region: m[1]!, accountId: m[2]!, byArn: true };
  }
  checkTrailName(nameOrArn);
  return { name: nameOrArn, region: ctx.region, accountId: ctx.accountId, byArn: false };
}

export function trailNotFound(ctx: RequestContext, ref: TrailReference): AwsServiceError {
  return new AwsServiceError('TrailNotFoundException', `Unknown trail: ${trailArn(ref.region, ref.accountId, ref.name)} for the user: ${ctx.accountId}`, { status: 400 });
}

function lookup(ctx: RequestContext, ref: TrailReference): Trail | undefined {
  if (ref.accountId !== ctx.accountId) return undefined;
  return ctx.peekStateOf<CloudTrailState>('cloudtrail', ctx.accountId, ref.region)?.trails.get(ref.name);
}

/** A trail the caller may change: it must be addressed in (or from) its home region. */
export function homeTrail(ctx: RequestContext<CloudTrailState>, nameOrArn: string): Trail {
  const ref = trailReference(ctx, nameOrArn);
  const trail = lookup(ctx, ref);
  if (!trail) throw trailNotFound(ctx, ref);
  if (trail.homeRegion !== ctx.region) {
    throw new AwsServiceError('InvalidHomeRegionException', 'This operation must be called from the region in which the trail was created.', { status: 400 });
  }
  // The state object the handler changes is the home region's (marks the account as touched).
  return ctx.state().trails.get(trail.name)!;
}

/** A trail the caller may read: its own region's, or another region's multi-Region trail by ARN. */
export function visibleTrail(ctx: RequestContext, nameOrArn: string): Trail {
  const ref = trailReference(ctx, nameOrArn);
  const trail = lookup(ctx, ref);
  if (!trail || (trail.homeRegion !== ctx.region && !trail.isMultiRegionTrail)) throw trailNotFound(ctx, ref);
  return trail;
}

/** Trails that apply in a region: its own and every other region's multi-Region trails. */
export function trailsIn(ctx: RequestContext, region: string, includeShadows = true): Trail[] {
  const runtime = ctx.attachment<CloudTrailRuntime>();
  const regions = runtime ? runtime.regionsOf(ctx.accountId) : [region];
  const out: Trail[] = [];
  for (const r of regions.includes(region) ? regions : [...regions, region]) {
    const state = ctx.peekStateOf<CloudTrailState>('cloudtrail', ctx.accountId, r);
    for (const trail of state?.trails.values() ?? []) {
      if (r === region || (includeShadows && trail.isMultiRegionTrail)) out.push(trail);
    }
  }
  return out.sort((a, b) => (a.homeRegion === region ? 0 : 1) - (b.homeRegion === region ? 0 : 1) || a.name.localeCompare(b.name));
}
