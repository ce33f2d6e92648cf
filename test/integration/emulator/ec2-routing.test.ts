/**
 * Route tables, internet gateways, NAT gateways, Elastic IPs and network ACLs through the real SDK
 * over HTTP: the local route, routes to gateways with AWS's errors, blackholes, associations,
 * attach/detach rules, NAT failure without an internet gateway.
 */
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteNetworkAclCommand,
  DeleteNetworkAclEntryCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ReleaseAddressCommand,
  ReplaceNetworkAclAssociationCommand,
  ReplaceNetworkAclEntryCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ec2Client, ec2IdPattern } from './ec2-support.ts';
import { awsError, emulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.stop());

async function network() {
  const ec2 = ec2Client(emu.url);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
  const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!;
  return { ec2, vpcId: vpc.VpcId!, subnetId: subnet.SubnetId! };
}

async function routeTable(ec2: ReturnType<typeof ec2Client>, id: string) {
  return (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables![0]!;
}

describe('internet gateways', () => {
  it('attach to one VPC, refuse a second attachment, detach and delete', async () => {
    const { ec2, vpcId } = await network();
    const igw = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'igw' }] }] }))).InternetGateway!;
    expect(igw).toMatchObject({ Attachments: [], Tags: [{ Key: 'Name', Value: 'igw' }] });
    expect(igw.InternetGatewayId).toMatch(ec2IdPattern('igw'));
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
    const again = await awsError(() => ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId })));
    expect([again.name, again.message]).toEqual(['Resource.AlreadyAssociated', `resource ${igw.InternetGatewayId} is already attached to network ${vpcId}`]);
    const second = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
    const twoGateways = await awsError(() => ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: second.InternetGatewayId, VpcId: vpcId })));
    expect(twoGateways.name).toBe('InvalidParameterValue');
    const attached = await awsError(() => ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId })));
    expect([attached.name, attached.message]).toEqual(['DependencyViolation', `The internetGateway '${igw.InternetGatewayId}' has dependencies and cannot be deleted.`]);
    const wrongVpc = await awsError(() => ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: second.InternetGatewayId, VpcId: vpcId })));
    expect([wrongVpc.name, wrongVpc.message]).toEqual(['Gateway.NotAttached', `resource ${second.InternetGatewayId} is not attached to network ${vpcId}`]);
    const filtered = await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }));
    expect(filtered.InternetGateways!.map((g) => g.InternetGatewayId)).toEqual([igw.InternetGatewayId]);
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId }));
    const gone = await awsError(() => ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw.InternetGatewayId!] })));
    expect([gone.name, gone.message]).toEqual(['InvalidInternetGatewayID.NotFound', `The internetGateway ID '${igw.InternetGatewayId}' does not exist`]);
  });
});

describe('route tables', () => {
  it('routes to an attached internet gateway, reports blackholes, replaces and deletes routes', async () => {
    const { ec2, vpcId, subnetId } = await network();
    const table = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!;
    expect(table.Routes).toEqual([{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
    expect(table.Associations).toEqual([]);
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
    const detached = await awsError(() => ec2.send(new CreateRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId })));
    expect([detached.name, detached.message]).toEqual(['InvalidParameterValue', `route table ${table.RouteTableId} and network gateway ${igw.InternetGatewayId} belong to different networks`]);
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
    expect((await ec2.send(new CreateRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId }))).Return).toBe(true);
    const exists = await awsError(() => ec2.send(new CreateRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId })));
    expect([exists.name, exists.message]).toEqual(['RouteAlreadyExists', 'The route identified by 0.0.0.0/0 already exists.']);
    const noTarget = await awsError(() => ec2.send(new CreateRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '1.0.0.0/8' })));
    expect(noTarget.name).toBe('MissingParameter');

    const association = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table.RouteTableId, SubnetId: subnetId }));
    expect(association.AssociationId).toMatch(ec2IdPattern('rtbassoc'));
    const public_ = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }, { Name: 'route.destination-cidr-block', Values: ['0.0.0.0/0'] }] }))).RouteTables!;
    expect(public_.map((t) => t.RouteTableId)).toEqual([table.RouteTableId]);

    // Detaching the gateway leaves the route behind as a blackhole.
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
    expect((await routeTable(ec2, table.RouteTableId!)).Routes![1]).toMatchObject({ DestinationCidrBlock: '0.0.0.0/0', State: 'blackhole' });

    const missing = await awsError(() => ec2.send(new ReplaceRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '192.168.0.0/16', GatewayId: igw.InternetGatewayId })));
    expect([missing.name, missing.message]).toEqual(['InvalidParameterValue', "There is no route defined for '192.168.0.0/16' in the route table. Use CreateRoute instead."]);
    const local = await awsError(() => ec2.send(new DeleteRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '10.0.0.0/16' })));
    expect([local.name, local.message]).toEqual(['InvalidParameterValue', `cannot remove local route 10.0.0.0/16 in route table ${table.RouteTableId}`]);
    await ec2.send(new DeleteRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    const notThere = await awsError(() => ec2.send(new DeleteRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' })));
    expect([notThere.name, notThere.message]).toEqual(['InvalidRoute.NotFound', `no route with destination-cidr-block 0.0.0.0/0 in route table ${table.RouteTableId}`]);

    const inUse = await awsError(() => ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId })));
    expect([inUse.name, inUse.message]).toEqual(['DependencyViolation', `The routeTable '${table.RouteTableId}' has dependencies and cannot be deleted.`]);
    await ec2.send(new DisassociateRouteTableCommand({ AssociationId: association.AssociationId }));
    await ec2.send(new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId }));
    const gone = await awsError(() => routeTable(ec2, table.RouteTableId!));
    expect([gone.name, gone.message]).toEqual(['InvalidRouteTableID.NotFound', `The routeTable ID '${table.RouteTableId}' does not exist`]);
  });

  it('keeps one explicit association per subnet and protects the main association', async () => {
    const { ec2, vpcId, subnetId } = await network();
    const a = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!;
    const b = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!;
    const association = await ec2.send(new AssociateRouteTableCommand({ RouteTableId: a.RouteTableId, SubnetId: subnetId }));
    const conflict = await awsError(() => ec2.send(new AssociateRouteTableCommand({ RouteTableId: b.RouteTableId, SubnetId: subnetId })));
    expect([conflict.name, conflict.message]).toEqual(['Resource.AlreadyAssociated', `the specified association for route table ${a.RouteTableId} conflicts with an existing association`]);
    const moved = await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: association.AssociationId, RouteTableId: b.RouteTableId }));
    expect((await routeTable(ec2, b.RouteTableId!)).Associations).toEqual([{ Main: false, RouteTableAssociationId: moved.NewAssociationId, RouteTableId: b.RouteTableId, SubnetId: subnetId, AssociationState: { State: 'associated' } }]);

    const main = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }))).RouteTables![0]!;
    const mainAssociation = main.Associations![0]!.RouteTableAssociationId;
    const cannot = await awsError(() => ec2.send(new DisassociateRouteTableCommand({ AssociationId: mainAssociation })));
    expect(cannot.name).toBe('InvalidParameterValue');
    const unknown = await awsError(() => ec2.send(new DisassociateRouteTableCommand({ AssociationId: 'rtbassoc-0000000000000dead' })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidAssociationID.NotFound', "The association ID 'rtbassoc-0000000000000dead' does not exist"]);
    const mainInUse = await awsError(() => ec2.send(new DeleteRouteTableCommand({ RouteTableId: main.RouteTableId })));
    expect(mainInUse.name).toBe('DependencyViolation');
    // Making another table the main one.
    await ec2.send(new ReplaceRouteTableAssociationCommand({ AssociationId: mainAssociation, RouteTableId: a.RouteTableId }));
    expect((await routeTable(ec2, a.RouteTableId!)).Associations![0]!.Main).toBe(true);
  });
});

describe('NAT gateways and Elastic IPs', () => {
  it('creates a public NAT gateway with an Elastic IP and routes private subnets through it', async () => {
    const { ec2, vpcId, subnetId } = await network();
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpcId }));
    const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    expect(eip.AllocationId).toMatch(ec2IdPattern('eipalloc'));
    expect(eip.PublicIp).toMatch(/^(198\.51\.100|203\.0\.113)\.\d+$/);
    const nat = (await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: eip.AllocationId }))).NatGateway!;
    expect(nat).toMatchObject({ State: 'pending', SubnetId: subnetId, VpcId: vpcId, ConnectivityType: 'public' });
    expect(nat.NatGatewayAddresses![0]).toMatchObject({ AllocationId: eip.AllocationId, PublicIp: eip.PublicIp, PrivateIp: '10.0.1.4', IsPrimary: true, Status: 'succeeded' });
    const described = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [nat.NatGatewayId!] }))).NatGateways![0]!;
    expect(described.State).toBe('available');
    const eni = (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnetId] }] }))).NetworkInterfaces!;
    expect(eni.map((e) => [e.InterfaceType, e.PrivateIpAddress])).toEqual([['nat_gateway', '10.0.1.4']]);

    const table = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!;
    await ec2.send(new CreateRouteCommand({ RouteTableId: table.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat.NatGatewayId }));
    expect((await routeTable(ec2, table.RouteTableId!)).Routes![1]).toEqual({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat.NatGatewayId, Origin: 'CreateRoute', State: 'active' });

    const inUse = await awsError(() => ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId })));
    expect(inUse.name).toBe('InvalidIPAddress.InUse');
    const subnetBusy = await awsError(() => ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
    expect([subnetBusy.name, subnetBusy.message]).toEqual(['DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`]);

    expect(await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: nat.NatGatewayId }))).toMatchObject({ NatGatewayId: nat.NatGatewayId });
    const deleted = (await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'state', Values: ['deleted'] }] }))).NatGateways!;
    expect(deleted.map((n) => n.NatGatewayId)).toEqual([nat.NatGatewayId]);
    expect((await routeTable(ec2, table.RouteTableId!)).Routes![1]!.State).toBe('blackhole');
    expect((await ec2.send(new DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] }))).Addresses![0]!.AssociationId).toBeUndefined();
    await ec2.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  });

  it('fails a public NAT gateway in a VPC without an internet gateway, as AWS does', async () => {
    const { ec2, subnetId, vpcId } = await network();
    const eip = await ec2.send(new AllocateAddressCommand({}));
    const nat = (await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: eip.AllocationId }))).NatGateway!;
    expect(nat).toMatchObject({ State: 'failed', FailureCode: 'Gateway.NotAttached', FailureMessage: `Network ${vpcId} has no Internet gateway attached` });
    const missingEip = await awsError(() => ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId })));
    expect(missingEip.name).toBe('MissingParameter');
    const unknown = await awsError(() => ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0000000000000dead'] })));
    expect([unknown.name, unknown.message]).toEqual(['NatGatewayNotFound', 'The Nat Gateway nat-0000000000000dead was not found']);
    const privateNat = (await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId, ConnectivityType: 'private' }))).NatGateway!;
    expect(privateNat.ConnectivityType).toBe('private');
  });
});

describe('network ACLs', () => {
  it('creates a deny-all ACL, adds entries, moves a subnet to it and back', async () => {
    const { ec2, vpcId, subnetId } = await network();
    const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!;
    expect(acl.IsDefault).toBe(false);
    expect(acl.NetworkAclId).toMatch(ec2IdPattern('acl'));
    expect(acl.Entries!.map((e) => [e.RuleNumber, e.RuleAction])).toEqual([[32767, 'deny'], [32767, 'deny']]);
    await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl.NetworkAclId, RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 443, To: 443 } }));
    const duplicate = await awsError(() => ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl.NetworkAclId, RuleNumber: 100, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' })));
    expect([duplicate.name, duplicate.message]).toEqual(['NetworkAclEntryAlreadyExists', 'The network acl entry identified by 100 already exists.']);
    await ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: acl.NetworkAclId, RuleNumber: 100, Protocol: 'tcp', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 443, To: 443 } }));
    const noEntry = await awsError(() => ec2.send(new ReplaceNetworkAclEntryCommand({ NetworkAclId: acl.NetworkAclId, RuleNumber: 200, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' })));
    expect(noEntry.name).toBe('InvalidNetworkAclEntry.NotFound');
    const noPorts = await awsError(() => ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl.NetworkAclId, RuleNumber: 110, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16' })));
    expect(noPorts.name).toBe('MissingParameter');
    const defaultAcl = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }))).NetworkAcls![0]!;
    const association = defaultAcl.Associations!.find((a) => a.SubnetId === subnetId)!;
    const moved = await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association.NetworkAclAssociationId, NetworkAclId: acl.NetworkAclId }));
    const now = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [acl.NetworkAclId!] }))).NetworkAcls![0]!;
    expect(now.Associations).toEqual([{ NetworkAclAssociationId: moved.NewAssociationId, NetworkAclId: acl.NetworkAclId, SubnetId: subnetId }]);
    expect(now.Entries!.find((e) => e.RuleNumber === 100)).toMatchObject({ Protocol: '6', PortRange: { From: 443, To: 443 }, CidrBlock: '10.0.0.0/16', Egress: false });
    const busy = await awsError(() => ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: acl.NetworkAclId })));
    expect(busy.name).toBe('DependencyViolation');
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: moved.NewAssociationId, NetworkAclId: defaultAcl.NetworkAclId }));
    await ec2.send(new DeleteNetworkAclEntryCommand({ NetworkAclId: acl.NetworkAclId, RuleNumber: 100, Egress: false }));
    await ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: acl.NetworkAclId }));
    const defaultDelete = await awsError(() => ec2.send(new DeleteNetworkAclCommand({ NetworkAclId: defaultAcl.NetworkAclId })));
    expect(defaultDelete.name).toBe('InvalidParameterValue');
    const unknown = await awsError(() => ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0000000000000dead'] })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidNetworkAclID.NotFound', "The networkAcl ID 'acl-0000000000000dead' does not exist"]);
  });
});
