/**
 * Which tag keys (and values) are on the account's resources, as the billing pipeline would see them.
 * Each emulated service that bills for its resources is read through the few fields named here;
 * services that are not emulated are skipped. Reading never creates state.
 *
 * Scanned: S3 buckets; in every region, SageMaker resources, EC2 resources (VPCs, subnets, endpoints,
 * NAT gateways …), KMS keys, Secrets Manager secrets, CloudWatch Logs log groups and CloudWatch alarms.
 */
import type { RequestContext } from '../../core/context.ts';

/** Regions scanned for regional services (AWS's commercial regions). */
export const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
];

export const SCANNED_SERVICES = ['s3', 'sagemaker', 'ec2', 'kms', 'secretsmanager', 'logs', 'cloudwatch'];

/** Tag keys → the values seen for them. */
export type DiscoveredTags = Map<string, Set<string>>;

function add(found: DiscoveredTags, key: unknown, value: unknown): void {
  if (typeof key !== 'string' || key === '') return;
  let values = found.get(key);
  if (!values) found.set(key, (values = new Set()));
  if (typeof value === 'string') values.add(value);
}

/** Reads one resource's tags in any of the shapes services keep them: [{Key, Value}], [{TagKey, TagValue}] or {key: value}. */
function addTags(found: DiscoveredTags, tags: unknown): void {
  if (Array.isArray(tags)) {
    for (const t of tags) if (t && typeof t === 'object') add(found, (t as { Key?: unknown }).Key ?? (t as { TagKey?: unknown }).TagKey, (t as { Value?: unknown }).Value ?? (t as { TagValue?: unknown }).TagValue);
  } else if (tags instanceof Map) {
    for (const [k, v] of tags) add(found, k, v);
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) add(found, k, v);
  }
}

function entries(collection: unknown): Iterable<unknown> {
  if (collection instanceof Map) return collection.values();
  if (Array.isArray(collection)) return collection;
  return [];
}

/** Every resource collection of a state object (its Map-valued members) whose entries carry `tags`. */
function addCollections(found: DiscoveredTags, state: unknown, names?: readonly string[]): void {
  if (!state || typeof state !== 'object') return;
  for (const [name, collection] of Object.entries(state)) {
    if (names && !names.includes(name)) continue;
    for (const resource of entries(collection)) {
      if (resource && typeof resource === 'object' && 'tags' in resource) addTags(found, (resource as { tags: unknown }).tags);
    }
  }
}

export function discoverTags(ctx: RequestContext): DiscoveredTags {
  const found: DiscoveredTags = new Map();
  const peek = (service: string, region?: string) => (ctx.hasService(service) ? ctx.peekStateOf<Record<string, unknown>>(service, ctx.accountId, region) : undefined);
  addCollections(found, peek('s3'), ['buckets']);
  for (const region of REGIONS) {
    // SageMaker keeps every resource's tags in one map, by ARN.
    for (const tags of entries(peek('sagemaker', region)?.tags)) addTags(found, tags);
    addCollections(found, peek('ec2', region));
    addCollections(found, peek('kms', region), ['keys']);
    addCollections(found, peek('secretsmanager', region), ['secrets']);
    addCollections(found, peek('logs', region), ['groups']);
    addCollections(found, peek('cloudwatch', region), ['alarms']);
  }
  return found;
}
