/**
 * EC2's tag APIs over every taggable networking resource: CreateTags, DeleteTags (by key, or by key
 * and value), DescribeTags with its filters. A resource is found by its id prefix; an id of a kind
 * this emulator does not keep is refused with InvalidID, an unknown id of a known kind with that
 * kind's NotFound error. All resources are checked before any is changed.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { checkTags, type Ctx, ec2, MAX_TAGS, paginate, tagLimit } from './common.ts';
import { ec2Error, notFound, type ResourceKind } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import type { Ec2State, Tag } from './state.ts';

interface Taggable {
  readonly prefix: string;
  readonly kind: ResourceKind;
  /** The resource type DescribeTags reports (and TagSpecifications name). */
  readonly type: string;
  all(state: Ec2State): Iterable<{ id: string; tags: Tag[] }>;
}

function fromMap<T extends { tags: Tag[] }>(map: (s: Ec2State) => Map<string, T>) {
  return function* (state: Ec2State) {
    for (const [id, item] of map(state)) yield { id, tags: item.tags };
  };
}

const TAGGABLE: readonly Taggable[] = [
  { prefix: 'vpc-', kind: 'vpc', type: 'vpc', all: fromMap((s) => s.vpcs) },
  { prefix: 'subnet-', kind: 'subnet', type: 'subnet', all: fromMap((s) => s.subnets) },
  { prefix: 'sg-', kind: 'security-group', type: 'security-group', all: fromMap((s) => s.securityGroups) },
  {
    prefix: 'sgr-',
    kind: 'security-group-rule',
    type: 'security-group-rule',
    *all(state) {
      for (const group of state.securityGroups.values()) for (const rule of group.rules) yield { id: rule.ruleId, tags: rule.tags };
    },
  },
  { prefix: 'rtb-', kind: 'route-table', type: 'route-table', all: fromMap((s) => s.routeTables) },
  { prefix: 'igw-', kind: 'internet-gateway', type: 'internet-gateway', all: fromMap((s) => s.internetGateways) },
  { prefix: 'nat-', kind: 'natgateway', type: 'natgateway', all: fromMap((s) => s.natGateways) },
  { prefix: 'eipalloc-', kind: 'elastic-ip', type: 'elastic-ip', all: fromMap((s) => s.addresses) },
  { prefix: 'acl-', kind: 'network-acl', type: 'network-acl', all: fromMap((s) => s.networkAcls) },
  { prefix: 'vpce-', kind: 'vpc-endpoint', type: 'vpc-endpoint', all: fromMap((s) => s.vpcEndpoints) },
  { prefix: 'fl-', kind: 'vpc-flow-log', type: 'vpc-flow-log', all: fromMap((s) => s.flowLogs) },
  { prefix: 'eni-', kind: 'network-interface', type: 'network-interface', all: fromMap((s) => s.networkInterfaces) },
];

/** The tag list of a resource, or AWS's error for the id. */
function tagsOfResource(state: Ec2State, id: string): Tag[] {
  const taggable = TAGGABLE.find((t) => id.startsWith(t.prefix));
  if (!taggable) throw ec2Error('InvalidID', `The ID '${id}' is not valid`);
  for (const item of taggable.all(state)) if (item.id === id) return item.tags;
  throw notFound(taggable.kind, id);
}

export function createTags(input: EC2.CreateTagsRequest, ctx: Ctx): Output<EC2.CreateTagsCommandOutput> {
  const state = ec2(ctx);
  const tags = checkTags(input.Tags);
  if (!input.Resources?.length) throw ec2Error('MissingParameter', 'The request must contain the parameter resourceIdSet');
  if (!tags.length) throw ec2Error('MissingParameter', 'The request must contain the parameter tagSet');
  const targets = [...new Set(input.Resources)].map((id) => tagsOfResource(state, id));
  for (const existing of targets) {
    const added = tags.filter((t) => !existing.some((e) => e.Key === t.Key)).length;
    if (existing.length + added > MAX_TAGS) throw tagLimit();
  }
  for (const existing of targets) {
    for (const tag of tags) {
      const i = existing.findIndex((e) => e.Key === tag.Key);
      if (i === -1) existing.push({ ...tag });
      else existing[i] = { ...tag };
    }
  }
  return {};
}

export function deleteTags(input: EC2.DeleteTagsRequest, ctx: Ctx): Output<EC2.DeleteTagsCommandOutput> {
  const state = ec2(ctx);
  if (!input.Resources?.length) throw ec2Error('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const targets = [...new Set(input.Resources)].map((id) => tagsOfResource(state, id));
  for (const tags of targets) {
    const keep = tags.filter((tag) => {
      if (!input.Tags) return false; // no Tags: every user tag goes
      return !input.Tags.some((d) => d.Key === tag.Key && (d.Value === undefined || d.Value === tag.Value));
    });
    tags.splice(0, tags.length, ...keep);
  }
  return {};
}

interface TagRow {
  Key: string;
  Value: string;
  ResourceId: string;
  ResourceType: string;
  resourceTags: readonly Tag[];
}

export function describeTags(input: EC2.DescribeTagsRequest, ctx: Ctx): Output<EC2.DescribeTagsResult> {
  const state = ec2(ctx);
  const rows: TagRow[] = [];
  for (const taggable of TAGGABLE) {
    for (const item of taggable.all(state)) for (const tag of item.tags) rows.push({ Key: tag.Key, Value: tag.Value, ResourceId: item.id, ResourceType: taggable.type, resourceTags: item.tags });
  }
  const table: FilterTable<TagRow> = {
    key: (r) => r.Key,
    'resource-id': (r) => r.ResourceId,
    'resource-type': (r) => r.ResourceType,
    value: (r) => r.Value,
  };
  // `tag:<key>` filters a row by the tags of its resource.
  const page = paginate(applyFilters(rows, input.Filters, table, (r) => r.resourceTags), input);
  return { Tags: page.items.map((r) => ({ Key: r.Key, ResourceId: r.ResourceId, ResourceType: r.ResourceType as EC2.ResourceType, Value: r.Value })), NextToken: page.NextToken };
}
