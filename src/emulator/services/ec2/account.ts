/** Account- and region-level EC2 facts: Availability Zones, regions, account attributes, AWS-managed prefix lists. */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { type Ctx, ec2, paginate } from './common.ts';
import { ec2Error, invalidParameterValue } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { isKnownRegion, knownRegions, managedPrefixLists, type ManagedPrefixList, type Zone, zonesOf } from './regions.ts';
import { defaultVpcOf } from './vpcs.ts';

const ZONE_FILTERS: FilterTable<Zone> = {
  'group-name': (z) => z.region,
  'group-long-name': (z) => z.region,
  'network-border-group': (z) => z.region,
  'opt-in-status': () => 'opt-in-not-required',
  'region-name': (z) => z.region,
  state: () => 'available',
  'zone-id': (z) => z.zoneId,
  'zone-name': (z) => z.zoneName,
  'zone-type': () => 'availability-zone',
};

export function describeAvailabilityZones(input: EC2.DescribeAvailabilityZonesRequest, ctx: Ctx): Output<EC2.DescribeAvailabilityZonesResult> {
  let zones = zonesOf(ctx.region);
  for (const name of input.ZoneNames ?? []) if (!zones.some((z) => z.zoneName === name)) throw invalidParameterValue(`Invalid availability zone: [${name}]`);
  for (const id of input.ZoneIds ?? []) if (!zones.some((z) => z.zoneId === id)) throw invalidParameterValue(`Invalid availability zone id: [${id}]`);
  if (input.ZoneNames?.length || input.ZoneIds?.length) {
    zones = zones.filter((z) => input.ZoneNames?.includes(z.zoneName) || input.ZoneIds?.includes(z.zoneId));
  }
  return {
    AvailabilityZones: applyFilters(zones, input.Filters, ZONE_FILTERS).map((z) => ({
      OptInStatus: 'opt-in-not-required',
      Messages: [],
      RegionName: z.region,
      ZoneName: z.zoneName,
      ZoneId: z.zoneId,
      GroupName: z.region,
      NetworkBorderGroup: z.region,
      ZoneType: 'availability-zone',
      GroupLongName: z.region,
      State: 'available',
    })),
  };
}

interface RegionRow {
  name: string;
  optIn: boolean;
}

export function describeRegions(input: EC2.DescribeRegionsRequest, ctx: Ctx): Output<EC2.DescribeRegionsResult> {
  let regions: RegionRow[] = knownRegions();
  // A region the caller signs for is one it can use, even when our table does not list it.
  if (!isKnownRegion(ctx.region)) regions.push({ name: ctx.region, optIn: false });
  if (input.RegionNames?.length) {
    const unknown = input.RegionNames.filter((n) => !regions.some((r) => r.name === n));
    if (unknown.length) throw invalidParameterValue(`Invalid region names: [${unknown.join(', ')}]`);
    regions = regions.filter((r) => input.RegionNames!.includes(r.name));
  } else if (!input.AllRegions) {
    regions = regions.filter((r) => !r.optIn);
  }
  const status = (r: RegionRow) => (r.optIn ? 'not-opted-in' : 'opt-in-not-required');
  const table: FilterTable<RegionRow> = {
    endpoint: (r) => `ec2.${r.name}.amazonaws.com`,
    'opt-in-status': status,
    'region-name': (r) => r.name,
  };
  return { Regions: applyFilters(regions, input.Filters, table).map((r) => ({ Endpoint: `ec2.${r.name}.amazonaws.com`, RegionName: r.name, OptInStatus: status(r) })) };
}

export function describeAccountAttributes(input: EC2.DescribeAccountAttributesRequest, ctx: Ctx): Output<EC2.DescribeAccountAttributesResult> {
  const state = ec2(ctx);
  const values: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpcOf(state)?.vpcId ?? 'none'],
    'max-instances': ['20'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const names = input.AttributeNames?.length ? input.AttributeNames : Object.keys(values);
  for (const name of names) if (!(name in values)) throw ec2Error('InvalidParameterValue', `Value (${name}) for parameter attributeName is invalid. Unknown attribute.`);
  return { AccountAttributes: names.map((name) => ({ AttributeName: name, AttributeValues: values[name]!.map((v) => ({ AttributeValue: v })) })) };
}

export function describePrefixLists(input: EC2.DescribePrefixListsRequest, ctx: Ctx): Output<EC2.DescribePrefixListsResult> {
  let lists = managedPrefixLists(ctx.region);
  for (const id of input.PrefixListIds ?? []) if (!lists.some((l) => l.id === id)) throw ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
  if (input.PrefixListIds?.length) lists = lists.filter((l) => input.PrefixListIds!.includes(l.id));
  const table: FilterTable<ManagedPrefixList> = { 'prefix-list-id': (l) => l.id, 'prefix-list-name': (l) => l.name };
  const page = paginate(applyFilters(lists, input.Filters, table), input);
  return { PrefixLists: page.items.map((l) => ({ Cidrs: [...l.cidrs], PrefixListId: l.id, PrefixListName: l.name })), NextToken: page.NextToken };
}
