/**
 * VPC endpoints. Gateway endpoints (S3, DynamoDB) add a route to the service's prefix list in each
 * of their route tables; interface endpoints (SageMaker API/runtime, STS, KMS, Secrets Manager,
 * CloudWatch, ECR …) place a network interface in each subnet (one per Availability Zone), use the
 * VPC's default security group when given none, and turn private DNS on by default — which AWS
 * allows only when the VPC has both DNS support and DNS hostnames.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import { randomHex } from '../../core/ids.ts';
import type { Output } from '../define-service.ts';
import { type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { ec2Error, invalidParameterValue, KINDS, missingParameter } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import { createNetworkInterface, deleteNetworkInterface } from './network-interfaces.ts';
import { type EndpointService, endpointHostedZone, endpointServices, findEndpointService, managedPrefixLists, stableHex, zonesOf } from './regions.ts';
import type { Ec2State, RouteTable, Vpc, VpcEndpoint } from './state.ts';

/** AWS's default endpoint policies: compact for gateway endpoints, pretty-printed for interface endpoints. */
const GATEWAY_DEFAULT_POLICY = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';
const INTERFACE_DEFAULT_POLICY = '{\n  "Statement": [\n    {\n      "Action": "*", \n      "Effect": "Allow", \n      "Principal": "*", \n      "Resource": "*"\n    }\n  ]\n}';

function invalidParameter(message: string) {
  return ec2Error('InvalidParameter', message);
}

function serviceOf(ctx: Ctx, endpoint: VpcEndpoint): EndpointService | undefined {
  return findEndpointService(ctx.region, endpoint.serviceName, endpoint.vpcEndpointType);
}

function dnsEntries(endpoint: VpcEndpoint, ctx: Ctx, state: Ec2State): EC2.DnsEntry[] {
  if (endpoint.vpcEndpointType !== 'Interface') return [];
  const service = serviceOf(ctx, endpoint);
  const short = service?.shortName ?? 'service';
  const zone = endpointHostedZone(ctx.region);
  const base = `${endpoint.vpcEndpointId}-${endpoint.dnsSuffix}`;
  const entries: EC2.DnsEntry[] = [{ DnsName: `${base}.${short}.${ctx.region}.vpce.amazonaws.com`, HostedZoneId: zone }];
  for (const subnetId of endpoint.subnetIds) {
    const zoneName = state.subnets.get(subnetId)?.availabilityZone;
    if (zoneName) entries.push({ DnsName: `${base}-${zoneName}.${short}.${ctx.region}.vpce.amazonaws.com`, HostedZoneId: zone });
  }
  if (endpoint.privateDnsEnabled && service?.privateDnsName) {
    entries.push({ DnsName: service.privateDnsName, HostedZoneId: `Z${stableHex(`private-zone/${endpoint.vpcEndpointId}`, 20).toUpperCase()}` });
  }
  return entries;
}

function endpointOut(endpoint: VpcEndpoint, ctx: Ctx, state: Ec2State, reportedState?: string): EC2.VpcEndpoint {
  const isInterface = endpoint.vpcEndpointType === 'Interface';
  return {
    VpcEndpointId: endpoint.vpcEndpointId,
    VpcEndpointType: endpoint.vpcEndpointType,
    VpcId: endpoint.vpcId,
    ServiceName: endpoint.serviceName,
    State: (reportedState ?? endpoint.state) as EC2.State,
    PolicyDocument: endpoint.policyDocument,
    RouteTableIds: [...endpoint.routeTableIds],
    SubnetIds: [...endpoint.subnetIds],
    Groups: endpoint.groupIds.map((id) => ({ GroupId: id, GroupName: state.securityGroups.get(id)?.groupName })),
    IpAddressType: isInterface ? (endpoint.ipAddressType as EC2.IpAddressType) : undefined,
    DnsOptions: isInterface ? { DnsRecordIpType: 'ipv4' } : undefined,
    PrivateDnsEnabled: endpoint.privateDnsEnabled,
    RequesterManaged: false,
    NetworkInterfaceIds: Object.values(endpoint.networkInterfaces),
    DnsEntries: dnsEntries(endpoint, ctx, state),
    CreationTimestamp: endpoint.creationTimestamp,
    Tags: tagsOut(endpoint.tags),
    OwnerId: ctx.accountId,
  };
}

function checkPolicy(document: string | undefined): void {
  if (document === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw ec2Error('InvalidPolicyDocument', 'The specified policy document is not a valid JSON policy document.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw ec2Error('InvalidPolicyDocument', 'The specified policy document is not a valid JSON policy document: it needs a Statement.');
  }
  if (document.length > 20480) throw ec2Error('InvalidPolicyDocument', 'The policy document exceeds the maximum size of 20480 characters.');
}

function prefixListFor(ctx: Ctx, serviceName: string): string {
  return managedPrefixLists(ctx.region).find((p) => p.name === serviceName)!.id;
}

function routeTablesIn(state: Ec2State, vpc: Vpc, ids: readonly string[]): RouteTable[] {
  return [...new Set(ids)].map((id) => {
    const table = lookup(state.routeTables, 'route-table', id);
    if (table.vpcId !== vpc.vpcId) throw invalidParameter(`The route table ${id} does not belong to VPC ${vpc.vpcId}`);
    return table;
  });
}

function addGatewayRoutes(endpoint: VpcEndpoint, tables: readonly RouteTable[], prefixListId: string): void {
  for (const table of tables) {
    if (table.routes.some((r) => r.destinationPrefixListId === prefixListId)) {
      throw ec2Error('RouteAlreadyExists', `route table ${table.routeTableId} already has a route with destination-prefix-list-id ${prefixListId}`);
    }
  }
  for (const table of tables) {
    table.routes.push({ destinationPrefixListId: prefixListId, gatewayId: endpoint.vpcEndpointId, origin: 'CreateRoute' });
    endpoint.routeTableIds.push(table.routeTableId);
  }
}

function removeGatewayRoutes(state: Ec2State, endpoint: VpcEndpoint, tableIds: readonly string[]): void {
  for (const id of tableIds) {
    const table = state.routeTables.get(id);
    if (table) table.routes = table.routes.filter((r) => r.gatewayId !== endpoint.vpcEndpointId);
  }
  endpoint.routeTableIds = endpoint.routeTableIds.filter((id) => !tableIds.includes(id));
}

function checkGroups(state: Ec2State, vpc: Vpc, ids: readonly string[]): string[] {
  return [...new Set(ids)].map((id) => {
    const group = lookup(state.securityGroups, 'security-group', id);
    if (group.vpcId !== vpc.vpcId) throw invalidParameter(`The security group ${id} does not belong to VPC ${vpc.vpcId}`);
    return id;
  });
}

/** Adds network interfaces in new subnets: subnets of the VPC, at most one per Availability Zone. */
function addSubnets(state: Ec2State, vpc: Vpc, endpoint: VpcEndpoint, ids: readonly string[]): void {
  const zones = new Map<string, string>();
  for (const id of endpoint.subnetIds) zones.set(state.subnets.get(id)!.availabilityZone, id);
  const subnets = [...new Set(ids)].map((id) => {
    const subnet = lookup(state.subnets, 'subnet', id);
    if (subnet.vpcId !== vpc.vpcId) throw invalidParameter(`The subnet ID '${id}' does not belong to VPC ${vpc.vpcId}`);
    if (endpoint.subnetIds.includes(id)) throw invalidParameter(`The subnet ${id} is already part of VPC endpoint ${endpoint.vpcEndpointId}`);
    if (zones.has(subnet.availabilityZone)) {
      throw ec2Error('DuplicateSubnetsInSameZone', `Found another VPC endpoint subnet in the availability zone of ${id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`);
    }
    zones.set(subnet.availabilityZone, id);
    return subnet;
  });
  for (const subnet of subnets) {
    const eni = createNetworkInterface(state, subnet, {
      description: `VPC Endpoint Interface ${endpoint.vpcEndpointId}`,
      interfaceType: 'vpc_endpoint',
      attachedTo: endpoint.vpcEndpointId,
      groupIds: endpoint.groupIds,
    });
    endpoint.subnetIds.push(subnet.subnetId);
    endpoint.networkInterfaces[subnet.subnetId] = eni.networkInterfaceId;
  }
}

function removeSubnets(state: Ec2State, endpoint: VpcEndpoint, ids: readonly string[]): void {
  for (const id of ids) {
    if (!endpoint.subnetIds.includes(id)) throw invalidParameter(`The subnet ${id} is not part of VPC endpoint ${endpoint.vpcEndpointId}`);
  }
  for (const id of ids) {
    const eni = endpoint.networkInterfaces[id];
    if (eni) deleteNetworkInterface(state, eni);
    delete endpoint.networkInterfaces[id];
  }
  endpoint.subnetIds = endpoint.subnetIds.filter((id) => !ids.includes(id));
}

/** Private DNS needs the VPC's DNS attributes and no other endpoint owning the same name in the VPC. */
function checkPrivateDns(state: Ec2State, ctx: Ctx, vpc: Vpc, endpoint: VpcEndpoint): void {
  if (!vpc.enableDnsSupport || !vpc.enableDnsHostnames) {
    throw invalidParameter(`Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.vpcId}`);
  }
  const name = serviceOf(ctx, endpoint)?.privateDnsName;
  const conflict = [...state.vpcEndpoints.values()].find((e) => e !== endpoint && e.vpcId === vpc.vpcId && e.privateDnsEnabled && e.serviceName === endpoint.serviceName);
  if (conflict && name) {
    throw invalidParameter(`private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${name.replace(/^\*\./, '')} in the VPC ${vpc.vpcId}`);
  }
}

export function createVpcEndpoint(input: EC2.CreateVpcEndpointRequest, ctx: Ctx): Output<EC2.CreateVpcEndpointResult> {
  const state = ec2(ctx);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  const type = input.VpcEndpointType ?? 'Gateway';
  if (type !== 'Gateway' && type !== 'Interface') {
    throw invalidParameterValue(`VPC endpoints of type ${type} are not available in this emulator; use Gateway (S3, DynamoDB) or Interface.`);
  }
  if (input.ResourceConfigurationArn || input.ServiceNetworkArn) throw invalidParameterValue('Resource and service-network endpoints are not available in this emulator.');
  if (input.ServiceName === undefined) throw missingParameter('serviceName');
  const service = findEndpointService(ctx.region, input.ServiceName, type);
  if (!service) {
    const otherType = endpointServices(ctx.region).some((s) => s.serviceName === input.ServiceName);
    throw ec2Error('InvalidServiceName', otherType
      ? `The Vpc Endpoint Service '${input.ServiceName}' does not support the endpoint type '${type}'.`
      : `The Vpc Endpoint Service '${input.ServiceName}' does not exist`);
  }
  checkPolicy(input.PolicyDocument);
  const ipAddressType = input.IpAddressType ?? 'ipv4';
  if (ipAddressType !== 'ipv4') throw invalidParameterValue(`IpAddressType ${ipAddressType} is not available in this emulator; endpoints are IPv4.`);
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpc-endpoint');
  const endpoint: VpcEndpoint = {
    vpcEndpointId: newId('vpce'),
    vpcEndpointType: type,
    vpcId: vpc.vpcId,
    serviceName: service.serviceName,
    state: 'available',
    policyDocument: input.PolicyDocument ?? (type === 'Gateway' ? GATEWAY_DEFAULT_POLICY : INTERFACE_DEFAULT_POLICY),
    routeTableIds: [],
    subnetIds: [],
    groupIds: [],
    networkInterfaces: {},
    privateDnsEnabled: false,
    ipAddressType,
    dnsSuffix: randomHex(8),
    creationTimestamp: ctx.now,
    tags,
  };
  if (type === 'Gateway') {
    if (input.SubnetIds?.length || input.SecurityGroupIds?.length || input.PrivateDnsEnabled) {
      throw invalidParameter('SubnetIds, SecurityGroupIds and PrivateDnsEnabled apply to Interface endpoints only; a Gateway endpoint takes RouteTableIds.');
    }
    addGatewayRoutes(endpoint, routeTablesIn(state, vpc, input.RouteTableIds ?? []), prefixListFor(ctx, service.serviceName));
  } else {
    if (input.RouteTableIds?.length) throw invalidParameter('RouteTableIds apply to Gateway endpoints only; an Interface endpoint takes SubnetIds and SecurityGroupIds.');
    endpoint.groupIds = input.SecurityGroupIds?.length ? checkGroups(state, vpc, input.SecurityGroupIds) : [vpc.defaultSecurityGroupId];
    // AWS turns private DNS on for interface endpoints to AWS services unless told otherwise.
    endpoint.privateDnsEnabled = input.PrivateDnsEnabled ?? true;
    if (endpoint.privateDnsEnabled) checkPrivateDns(state, ctx, vpc, endpoint);
    addSubnets(state, vpc, endpoint, input.SubnetIds ?? []);
  }
  state.vpcEndpoints.set(endpoint.vpcEndpointId, endpoint);
  return { VpcEndpoint: endpointOut(endpoint, ctx, state, type === 'Interface' ? 'pending' : undefined), ClientToken: input.ClientToken };
}

export function modifyVpcEndpoint(input: EC2.ModifyVpcEndpointRequest, ctx: Ctx): Output<EC2.ModifyVpcEndpointResult> {
  const state = ec2(ctx);
  const endpoint = lookup(state.vpcEndpoints, 'vpc-endpoint', input.VpcEndpointId);
  const vpc = state.vpcs.get(endpoint.vpcId)!;
  const gatewayOnly = input.AddRouteTableIds?.length || input.RemoveRouteTableIds?.length;
  const interfaceOnly = input.AddSubnetIds?.length || input.RemoveSubnetIds?.length || input.AddSecurityGroupIds?.length || input.RemoveSecurityGroupIds?.length || input.PrivateDnsEnabled !== undefined;
  if (endpoint.vpcEndpointType === 'Gateway' && interfaceOnly) throw invalidParameter('Subnets, security groups and private DNS apply to Interface endpoints only.');
  if (endpoint.vpcEndpointType === 'Interface' && gatewayOnly) throw invalidParameter('Route tables apply to Gateway endpoints only.');
  if (input.ResetPolicy && input.PolicyDocument !== undefined) throw ec2Error('InvalidParameterCombination', 'Specify either PolicyDocument or ResetPolicy, not both.');
  checkPolicy(input.PolicyDocument);
  if (input.IpAddressType !== undefined && input.IpAddressType !== 'ipv4') throw invalidParameterValue(`IpAddressType ${input.IpAddressType} is not available in this emulator; endpoints are IPv4.`);

  // Validate everything before changing anything, so a refused call leaves the endpoint as it was.
  const addTables = routeTablesIn(state, vpc, input.AddRouteTableIds ?? []);
  for (const id of input.RemoveRouteTableIds ?? []) {
    if (!endpoint.routeTableIds.includes(id)) throw invalidParameter(`The route table ${id} is not associated with VPC endpoint ${endpoint.vpcEndpointId}`);
  }
  const addGroups = checkGroups(state, vpc, input.AddSecurityGroupIds ?? []);
  for (const id of input.RemoveSecurityGroupIds ?? []) {
    if (!endpoint.groupIds.includes(id)) throw invalidParameter(`The security group ${id} is not associated with VPC endpoint ${endpoint.vpcEndpointId}`);
  }
  const groups = [...endpoint.groupIds.filter((id) => !(input.RemoveSecurityGroupIds ?? []).includes(id)), ...addGroups.filter((id) => !endpoint.groupIds.includes(id))];
  if (endpoint.vpcEndpointType === 'Interface' && groups.length === 0) throw invalidParameter('An interface endpoint needs at least one security group.');
  if (input.PrivateDnsEnabled === true && !endpoint.privateDnsEnabled) checkPrivateDns(state, ctx, vpc, endpoint);

  if (endpoint.vpcEndpointType === 'Gateway') {
    removeGatewayRoutes(state, endpoint, input.RemoveRouteTableIds ?? []);
    addGatewayRoutes(endpoint, addTables.filter((t) => !endpoint.routeTableIds.includes(t.routeTableId)), prefixListFor(ctx, endpoint.serviceName));
  } else {
    removeSubnets(state, endpoint, input.RemoveSubnetIds ?? []);
    addSubnets(state, vpc, endpoint, input.AddSubnetIds ?? []);
    endpoint.groupIds = groups;
    for (const eniId of Object.values(endpoint.networkInterfaces)) {
      const eni = state.networkInterfaces.get(eniId);
      if (eni) eni.groupIds = [...groups];
    }
    if (input.PrivateDnsEnabled !== undefined) endpoint.privateDnsEnabled = input.PrivateDnsEnabled;
  }
  if (input.ResetPolicy) endpoint.policyDocument = endpoint.vpcEndpointType === 'Gateway' ? GATEWAY_DEFAULT_POLICY : INTERFACE_DEFAULT_POLICY;
  if (input.PolicyDocument !== undefined) endpoint.policyDocument = input.PolicyDocument;
  return { Return: true };
}

export function deleteVpcEndpoints(input: EC2.DeleteVpcEndpointsRequest, ctx: Ctx): Output<EC2.DeleteVpcEndpointsResult> {
  const state = ec2(ctx);
  const unsuccessful: EC2.UnsuccessfulItem[] = [];
  for (const id of input.VpcEndpointIds ?? []) {
    const endpoint = state.vpcEndpoints.get(id);
    if (!endpoint) {
      const malformed = !id.startsWith(KINDS['vpc-endpoint'].prefix);
      unsuccessful.push({
        ResourceId: id,
        Error: malformed
          ? { Code: 'InvalidVpcEndpointId.Malformed', Message: `Invalid id: "${id}" (expecting "vpce-...")` }
          : { Code: 'InvalidVpcEndpoint.NotFound', Message: `The Vpc Endpoint Id '${id}' does not exist` },
      });
      continue;
    }
    removeGatewayRoutes(state, endpoint, [...endpoint.routeTableIds]);
    for (const eni of Object.values(endpoint.networkInterfaces)) deleteNetworkInterface(state, eni);
    state.vpcEndpoints.delete(id);
  }
  return { Unsuccessful: unsuccessful };
}

export function describeVpcEndpoints(input: EC2.DescribeVpcEndpointsRequest, ctx: Ctx): Output<EC2.DescribeVpcEndpointsResult> {
  const state = ec2(ctx);
  const table: FilterTable<VpcEndpoint> = {
    'ip-address-type': (e) => e.ipAddressType,
    'service-name': (e) => e.serviceName,
    'service-region': () => ctx.region,
    'vpc-id': (e) => e.vpcId,
    'vpc-endpoint-id': (e) => e.vpcEndpointId,
    'vpc-endpoint-state': (e) => e.state,
    'vpc-endpoint-type': (e) => e.vpcEndpointType,
  };
  const endpoints = applyFilters(selectByIds(state.vpcEndpoints, 'vpc-endpoint', input.VpcEndpointIds), input.Filters, table, (e) => e.tags);
  const page = paginate(endpoints, input, { min: 1, max: 1000 });
  return { VpcEndpoints: page.items.map((e) => endpointOut(e, ctx, state)), NextToken: page.NextToken };
}

function serviceDetail(service: EndpointService, ctx: Ctx): EC2.ServiceDetail {
  const zones = zonesOf(ctx.region).map((z) => z.zoneName);
  return {
    ServiceName: service.serviceName,
    ServiceId: `vpce-svc-${stableHex(`${service.serviceName}/${service.type}`, 17)}`,
    ServiceType: [{ ServiceType: service.type }],
    ServiceRegion: ctx.region,
    AvailabilityZones: zones,
    Owner: 'amazon',
    BaseEndpointDnsNames: [service.type === 'Gateway' ? `${service.shortName}.${ctx.region}.amazonaws.com` : `${service.shortName}.${ctx.region}.vpce.amazonaws.com`],
    PrivateDnsName: service.privateDnsName,
    PrivateDnsNames: service.privateDnsName ? [{ PrivateDnsName: service.privateDnsName }] : undefined,
    VpcEndpointPolicySupported: true,
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    PrivateDnsNameVerificationState: service.privateDnsName ? 'verified' : undefined,
    SupportedIpAddressTypes: ['ipv4'],
  };
}

export function describeVpcEndpointServices(input: EC2.DescribeVpcEndpointServicesRequest, ctx: Ctx): Output<EC2.DescribeVpcEndpointServicesResult> {
  let services = endpointServices(ctx.region);
  if (input.ServiceNames?.length) {
    for (const name of input.ServiceNames) {
      if (!services.some((s) => s.serviceName === name)) throw ec2Error('InvalidServiceName', `The Vpc Endpoint Service '${name}' does not exist`);
    }
    services = services.filter((s) => input.ServiceNames!.includes(s.serviceName));
  }
  const table: FilterTable<EndpointService> = {
    owner: () => 'amazon',
    'service-name': (s) => s.serviceName,
    'service-region': () => ctx.region,
    'service-type': (s) => s.type,
    'supported-ip-address-types': () => 'ipv4',
  };
  const filtered = applyFilters(services, input.Filters, table, () => []);
  const page = paginate(filtered, input, { min: 5, max: 1000 });
  return {
    ServiceNames: [...new Set(page.items.map((s) => s.serviceName))],
    ServiceDetails: page.items.map((s) => serviceDetail(s, ctx)),
    NextToken: page.NextToken,
  };
}
