/**
 * Route tables: the main table and custom ones, routes to internet gateways, NAT gateways and
 * (managed by the endpoint) gateway VPC endpoints, the `local` route, subnet and gateway
 * associations. A route whose target is gone or detached reports `blackhole`, as on AWS.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { isCanonical4, isCanonical6, parseIpv4Cidr, parseIpv6Cidr } from './cidr.ts';
import { type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { dependencyViolation, ec2Error, invalidParameterValue, missingParameter } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import { managedPrefixLists } from './regions.ts';
import type { Ec2State, Route, RouteTable } from './state.ts';

const ROUTE_TABLES_PER_VPC = 200;
const ROUTES_PER_TABLE = 500;

function routeState(route: Route, table: RouteTable, state: Ec2State): 'active' | 'blackhole' {
  if (route.natGatewayId) return state.natGateways.get(route.natGatewayId)?.state === 'available' ? 'active' : 'blackhole';
  const gateway = route.gatewayId;
  if (gateway?.startsWith('igw-')) return state.internetGateways.get(gateway)?.attachedVpcId === table.vpcId ? 'active' : 'blackhole';
  if (gateway?.startsWith('vpce-')) return state.vpcEndpoints.has(gateway) ? 'active' : 'blackhole';
  if (route.vpcEndpointId) return state.vpcEndpoints.has(route.vpcEndpointId) ? 'active' : 'blackhole';
  return 'active';
}

function routeOut(route: Route, table: RouteTable, state: Ec2State): EC2.Route {
  return {
    DestinationCidrBlock: route.destinationCidrBlock,
    DestinationIpv6CidrBlock: route.destinationIpv6CidrBlock,
    DestinationPrefixListId: route.destinationPrefixListId,
    GatewayId: route.gatewayId,
    NatGatewayId: route.natGatewayId,
    Origin: route.origin,
    State: routeState(route, table, state),
  };
}

export function routeTableOut(table: RouteTable, state: Ec2State, ctx: Ctx): EC2.RouteTable {
  return {
    Associations: table.associations.map((a) => ({
      Main: a.main,
      RouteTableAssociationId: a.associationId,
      RouteTableId: table.routeTableId,
      SubnetId: a.subnetId,
      GatewayId: a.gatewayId,
      AssociationState: { State: 'associated' },
    })),
    PropagatingVgws: [],
    RouteTableId: table.routeTableId,
    Routes: table.routes.map((r) => routeOut(r, table, state)),
    Tags: tagsOut(table.tags),
    VpcId: table.vpcId,
    OwnerId: ctx.accountId,
  };
}

export function createRouteTable(input: EC2.CreateRouteTableRequest, ctx: Ctx): Output<EC2.CreateRouteTableResult> {
  const state = ec2(ctx);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  const tags = tagsFromSpecs(input.TagSpecifications, 'route-table');
  const count = [...state.routeTables.values()].filter((t) => t.vpcId === vpc.vpcId).length;
  if (count >= ROUTE_TABLES_PER_VPC) throw ec2Error('RouteTableLimitExceeded', `The maximum number of route tables (${ROUTE_TABLES_PER_VPC}) for VPC ${vpc.vpcId} has been reached.`);
  const table: RouteTable = {
    routeTableId: newId('rtb'),
    vpcId: vpc.vpcId,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [],
    tags,
  };
  if (vpc.ipv6) table.routes.push({ destinationIpv6CidrBlock: vpc.ipv6.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' });
  state.routeTables.set(table.routeTableId, table);
  return { RouteTable: routeTableOut(table, state, ctx), ClientToken: input.ClientToken };
}

export function deleteRouteTable(input: EC2.DeleteRouteTableRequest, ctx: Ctx): Output<EC2.DeleteRouteTableCommandOutput> {
  const state = ec2(ctx);
  const table = lookup(state.routeTables, 'route-table', input.RouteTableId);
  if (table.associations.length) throw dependencyViolation(`The routeTable '${table.routeTableId}' has dependencies and cannot be deleted.`);
  for (const endpoint of state.vpcEndpoints.values()) endpoint.routeTableIds = endpoint.routeTableIds.filter((id) => id !== table.routeTableId);
  state.routeTables.delete(table.routeTableId);
  return {};
}

// ── routes ──────────────────────────────────────────────────────────────────────────────────────

interface RouteRequest {
  RouteTableId?: string;
  DestinationCidrBlock?: string;
  DestinationIpv6CidrBlock?: string;
  DestinationPrefixListId?: string;
  GatewayId?: string;
  NatGatewayId?: string;
  VpcEndpointId?: string;
  InstanceId?: string;
  NetworkInterfaceId?: string;
  VpcPeeringConnectionId?: string;
  TransitGatewayId?: string;
  EgressOnlyInternetGatewayId?: string;
  CarrierGatewayId?: string;
  LocalGatewayId?: string;
  CoreNetworkArn?: string;
  OdbNetworkArn?: string;
}

type Destination = Pick<Route, 'destinationCidrBlock' | 'destinationIpv6CidrBlock' | 'destinationPrefixListId'>;

function destinationOf(input: RouteRequest, ctx: Ctx): { destination: Destination; text: string; kind: string } {
  const given = [input.DestinationCidrBlock, input.DestinationIpv6CidrBlock, input.DestinationPrefixListId].filter((d) => d !== undefined);
  if (given.length === 0) throw missingParameter('destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId');
  if (given.length > 1) throw ec2Error('InvalidParameterCombination', 'Specify only one of destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId.');
  if (input.DestinationCidrBlock !== undefined) {
    const cidr = parseIpv4Cidr(input.DestinationCidrBlock);
    if (!cidr || !isCanonical4(cidr)) throw invalidParameterValue(`Value (${input.DestinationCidrBlock}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
    return { destination: { destinationCidrBlock: input.DestinationCidrBlock }, text: input.DestinationCidrBlock, kind: 'destination-cidr-block' };
  }
  if (input.DestinationIpv6CidrBlock !== undefined) {
    const cidr = parseIpv6Cidr(input.DestinationIpv6CidrBlock);
    if (!cidr || !isCanonical6(cidr)) throw invalidParameterValue(`Value (${input.DestinationIpv6CidrBlock}) for parameter destinationIpv6CidrBlock is invalid. This is not a valid IPv6 CIDR block.`);
    return { destination: { destinationIpv6CidrBlock: input.DestinationIpv6CidrBlock }, text: input.DestinationIpv6CidrBlock, kind: 'destination-ipv6-cidr-block' };
  }
  const id = input.DestinationPrefixListId!;
  if (!managedPrefixLists(ctx.region).some((p) => p.id === id)) throw ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
  return { destination: { destinationPrefixListId: id }, text: id, kind: 'destination-prefix-list-id' };
}

function sameDestination(route: Route, d: Destination): boolean {
  return (
    (d.destinationCidrBlock !== undefined && route.destinationCidrBlock === d.destinationCidrBlock) ||
    (d.destinationIpv6CidrBlock !== undefined && route.destinationIpv6CidrBlock === d.destinationIpv6CidrBlock) ||
    (d.destinationPrefixListId !== undefined && route.destinationPrefixListId === d.destinationPrefixListId)
  );
}

const UNSUPPORTED_TARGETS = ['InstanceId', 'NetworkInterfaceId', 'VpcPeeringConnectionId', 'TransitGatewayId', 'EgressOnlyInternetGatewayId', 'CarrierGatewayId', 'LocalGatewayId', 'CoreNetworkArn', 'OdbNetworkArn'] as const;

/** The route's target, checked: it must exist and live in the table's VPC. */
function targetOf(input: RouteRequest, table: RouteTable, state: Ec2State): Pick<Route, 'gatewayId' | 'natGatewayId' | 'vpcEndpointId'> {
  const unsupported = UNSUPPORTED_TARGETS.find((t) => input[t] !== undefined);
  if (unsupported) throw invalidParameterValue(`Routes to a ${unsupported.replace(/Id$|Arn$/, '')} are not available in this emulator; route to an internet gateway (GatewayId) or a NAT gateway (NatGatewayId).`);
  const targets = [input.GatewayId, input.NatGatewayId, input.VpcEndpointId].filter((t) => t !== undefined);
  if (targets.length === 0) throw missingParameter('gatewayId, natGatewayId or vpcEndpointId (exactly one target)');
  if (targets.length > 1) throw ec2Error('InvalidParameterCombination', 'More than one target specified: give exactly one of gatewayId, natGatewayId or vpcEndpointId.');
  if (input.GatewayId !== undefined) {
    const id = input.GatewayId;
    if (id.startsWith('vpce-')) return { vpcEndpointId: endpointTarget(id, state) };
    const gateway = lookup(state.internetGateways, 'internet-gateway', id);
    if (gateway.attachedVpcId !== table.vpcId) throw invalidParameterValue(`route table ${table.routeTableId} and network gateway ${id} belong to different networks`);
    return { gatewayId: id };
  }
  if (input.NatGatewayId !== undefined) {
    const nat = state.natGateways.get(input.NatGatewayId);
    if (!nat || nat.state === 'deleted') throw ec2Error('InvalidNatGatewayID.NotFound', `The natGateway ID '${input.NatGatewayId}' does not exist`);
    if (nat.vpcId !== table.vpcId) throw invalidParameterValue(`route table ${table.routeTableId} and NAT gateway ${nat.natGatewayId} belong to different networks`);
    return { natGatewayId: nat.natGatewayId };
  }
  return { vpcEndpointId: endpointTarget(input.VpcEndpointId!, state) };
}

/** Only Gateway Load Balancer endpoints are route targets; gateway endpoints manage their own routes. */
function endpointTarget(id: string, state: Ec2State): never {
  const endpoint = lookup(state.vpcEndpoints, 'vpc-endpoint', id);
  const hint = endpoint.vpcEndpointType === 'Gateway' ? ` A gateway endpoint adds its own routes: use ModifyVpcEndpoint with AddRouteTableIds.` : '';
  throw ec2Error('RouteNotSupported', `Route table contains unsupported route target: ${id}. VPC Endpoints of this type cannot be used as route targets.${hint}`);
}

export function createRoute(input: EC2.CreateRouteRequest, ctx: Ctx): Output<EC2.CreateRouteResult> {
  const state = ec2(ctx);
  const table = lookup(state.routeTables, 'route-table', input.RouteTableId);
  const { destination, text } = destinationOf(input, ctx);
  const target = targetOf(input, table, state);
  if (table.routes.some((r) => sameDestination(r, destination))) throw ec2Error('RouteAlreadyExists', `The route identified by ${text} already exists.`);
  if (table.routes.length >= ROUTES_PER_TABLE) throw ec2Error('RouteLimitExceeded', `The maximum number of routes (${ROUTES_PER_TABLE}) in route table ${table.routeTableId} has been reached.`);
  table.routes.push({ ...destination, ...target, origin: 'CreateRoute' });
  return { Return: true };
}

function findRoute(table: RouteTable, destination: Destination): Route | undefined {
  return table.routes.find((r) => sameDestination(r, destination));
}

function refuseManagedRoute(route: Route, table: RouteTable, text: string, verb: string): void {
  if (route.gatewayId === 'local') throw invalidParameterValue(`cannot ${verb} local route ${text} in route table ${table.routeTableId}`);
  if (route.gatewayId?.startsWith('vpce-')) {
    throw invalidParameterValue(`The route ${text} in route table ${table.routeTableId} belongs to VPC endpoint ${route.gatewayId}; change it with ModifyVpcEndpoint (RemoveRouteTableIds).`);
  }
}

export function replaceRoute(input: EC2.ReplaceRouteRequest, ctx: Ctx): Output<EC2.ReplaceRouteCommandOutput> {
  const state = ec2(ctx);
  const table = lookup(state.routeTables, 'route-table', input.RouteTableId);
  const { destination, text } = destinationOf(input, ctx);
  const route = findRoute(table, destination);
  if (!route) throw invalidParameterValue(`There is no route defined for '${text}' in the route table. Use CreateRoute instead.`);
  refuseManagedRoute(route, table, text, 'replace');
  const target = targetOf(input, table, state);
  delete route.gatewayId;
  delete route.natGatewayId;
  delete route.vpcEndpointId;
  Object.assign(route, target, { origin: 'CreateRoute' });
  return {};
}

export function deleteRoute(input: EC2.DeleteRouteRequest, ctx: Ctx): Output<EC2.DeleteRouteCommandOutput> {
  const state = ec2(ctx);
  const table = lookup(state.routeTables, 'route-table', input.RouteTableId);
  const { destination, text, kind } = destinationOf(input, ctx);
  const route = findRoute(table, destination);
  if (!route) throw ec2Error('InvalidRoute.NotFound', `no route with ${kind} ${text} in route table ${table.routeTableId}`);
  refuseManagedRoute(route, table, text, 'remove');
  table.routes.splice(table.routes.indexOf(route), 1);
  return {};
}

// ── associations ────────────────────────────────────────────────────────────────────────────────

export function associateRouteTable(input: EC2.AssociateRouteTableRequest, ctx: Ctx): Output<EC2.AssociateRouteTableResult> {
  const state = ec2(ctx);
  const table = lookup(state.routeTables, 'route-table', input.RouteTableId);
  if (input.PublicIpv4Pool) throw invalidParameterValue('Public IPv4 pool associations are not available in this emulator.');
  if ((input.SubnetId === undefined) === (input.GatewayId === undefined)) throw missingParameter('subnetId or gatewayId (exactly one)');
  const associationId = newId('rtbassoc');
  if (input.SubnetId !== undefined) {
    const subnet = lookup(state.subnets, 'subnet', input.SubnetId);
    if (subnet.vpcId !== table.vpcId) throw invalidParameterValue(`Route table ${table.routeTableId} and subnet ${subnet.subnetId} belong to different networks`);
    const existing = [...state.routeTables.values()].find((t) => t.associations.some((a) => a.subnetId === subnet.subnetId));
    if (existing) throw ec2Error('Resource.AlreadyAssociated', `the specified association for route table ${existing.routeTableId} conflicts with an existing association`);
    table.associations.push({ associationId, main: false, subnetId: subnet.subnetId });
  } else {
    const gateway = lookup(state.internetGateways, 'internet-gateway', input.GatewayId);
    if (gateway.attachedVpcId !== table.vpcId) throw invalidParameterValue(`Route table ${table.routeTableId} and gateway ${gateway.internetGatewayId} belong to different networks`);
    const existing = [...state.routeTables.values()].find((t) => t.associations.some((a) => a.gatewayId === gateway.internetGatewayId));
    if (existing) throw ec2Error('Resource.AlreadyAssociated', `the specified association for route table ${existing.routeTableId} conflicts with an existing association`);
    table.associations.push({ associationId, main: false, gatewayId: gateway.internetGatewayId });
  }
  return { AssociationId: associationId, AssociationState: { State: 'associated' } };
}

function findAssociation(state: Ec2State, associationId: string | undefined) {
  for (const table of state.routeTables.values()) {
    const association = table.associations.find((a) => a.associationId === associationId);
    if (association) return { table, association };
  }
  throw ec2Error('InvalidAssociationID.NotFound', `The association ID '${associationId ?? ''}' does not exist`);
}

export function disassociateRouteTable(input: EC2.DisassociateRouteTableRequest, ctx: Ctx): Output<EC2.DisassociateRouteTableCommandOutput> {
  const { table, association } = findAssociation(ec2(ctx), input.AssociationId);
  if (association.main) throw invalidParameterValue(`cannot disassociate the main route table association ${association.associationId}`);
  table.associations.splice(table.associations.indexOf(association), 1);
  return {};
}

export function replaceRouteTableAssociation(input: EC2.ReplaceRouteTableAssociationRequest, ctx: Ctx): Output<EC2.ReplaceRouteTableAssociationResult> {
  const state = ec2(ctx);
  const { table, association } = findAssociation(state, input.AssociationId);
  const target = lookup(state.routeTables, 'route-table', input.RouteTableId);
  if (target.vpcId !== table.vpcId) throw invalidParameterValue(`Route table ${target.routeTableId} and association ${association.associationId} belong to different networks`);
  table.associations.splice(table.associations.indexOf(association), 1);
  const moved = { ...association, associationId: newId('rtbassoc') };
  target.associations.push(moved);
  if (moved.main) state.vpcs.get(target.vpcId)!.mainRouteTableId = target.routeTableId;
  return { NewAssociationId: moved.associationId, AssociationState: { State: 'associated' } };
}

// ── describe ────────────────────────────────────────────────────────────────────────────────────

export function describeRouteTables(input: EC2.DescribeRouteTablesRequest, ctx: Ctx): Output<EC2.DescribeRouteTablesResult> {
  const state = ec2(ctx);
  const table: FilterTable<RouteTable> = {
    'association.route-table-association-id': (t) => t.associations.map((a) => a.associationId),
    'association.route-table-id': (t) => (t.associations.length ? t.routeTableId : undefined),
    'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
    'association.gateway-id': (t) => t.associations.map((a) => a.gatewayId),
    'association.main': (t) => t.associations.some((a) => a.main),
    'owner-id': () => ctx.accountId,
    'route-table-id': (t) => t.routeTableId,
    'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
    'route.destination-ipv6-cidr-block': (t) => t.routes.map((r) => r.destinationIpv6CidrBlock),
    'route.destination-prefix-list-id': (t) => t.routes.map((r) => r.destinationPrefixListId),
    'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
    'route.nat-gateway-id': (t) => t.routes.map((r) => r.natGatewayId),
    'route.origin': (t) => t.routes.map((r) => r.origin),
    'route.state': (t) => t.routes.map((r) => routeState(r, t, state)),
    'vpc-id': (t) => t.vpcId,
  };
  const tables = applyFilters(selectByIds(state.routeTables, 'route-table', input.RouteTableIds), input.Filters, table, (t) => t.tags);
  const page = paginate(tables, input, { min: 5, max: 100 });
  return { RouteTables: page.items.map((t) => routeTableOut(t, state, ctx)), NextToken: page.NextToken };
}
