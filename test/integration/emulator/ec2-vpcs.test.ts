/**
 * EC2 VPCs and subnets through the real SDK over HTTP: the default VPC a fresh account has, CIDR
 * validation with AWS's codes, DNS attributes, dependency checks on delete, filters, paging,
 * DryRun, zones, regions and account attributes.
 */
import {
  CreateDefaultVpcCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DeleteSecurityGroupCommand,
  AttachInternetGatewayCommand,
  DetachInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  type EC2Client,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ec2Client, ec2IdPattern, freshAccount } from './ec2-support.ts';
import { awsError, emulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.stop());

async function newVpc(ec2: EC2Client, cidr = '10.0.0.0/16') {
  return (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!;
}

describe('the default VPC of a fresh account', () => {
  it('exists in every region with AWS\'s layout: 172.31.0.0/16, a public /20 subnet per zone, an internet gateway', async () => {
    const account = freshAccount();
    const ec2 = ec2Client(emu.url, account);
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({}));
    expect(Vpcs).toHaveLength(1);
    const vpc = Vpcs![0]!;
    expect(vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', OwnerId: account, InstanceTenancy: 'default' });
    expect(vpc.VpcId).toMatch(ec2IdPattern('vpc'));
    expect(vpc.DhcpOptionsId).toMatch(ec2IdPattern('dopt'));

    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(Subnets!.map((s) => s.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(Subnets!.map((s) => s.CidrBlock).sort()).toContain('172.31.0.0/20');
    for (const s of Subnets!) {
      expect(s).toMatchObject({ DefaultForAz: true, MapPublicIpOnLaunch: true, State: 'available', AvailableIpAddressCount: 4091 });
      expect(s.SubnetArn).toBe(`arn:aws:ec2:us-east-1:${account}:subnet/${s.SubnetId}`);
    }

    const { InternetGateways } = await ec2.send(new DescribeInternetGatewaysCommand({}));
    expect(InternetGateways![0]!.Attachments).toEqual([{ State: 'available', VpcId: vpc.VpcId }]);
    const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.main', Values: ['true'] }] }));
    expect(RouteTables![0]!.Routes).toEqual([
      { DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: InternetGateways![0]!.InternetGatewayId, Origin: 'CreateRoute', State: 'active' },
    ]);

    const attrs = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute: 'enableDnsHostnames' }));
    expect(attrs.EnableDnsHostnames).toEqual({ Value: true });

    const other = ec2Client(emu.url, account, 'eu-west-1');
    const euVpcs = (await other.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(euVpcs).toHaveLength(1);
    expect(euVpcs[0]!.VpcId).not.toBe(vpc.VpcId);
    expect((await other.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(3);
  });

  it('has a default security group with AWS\'s rules: all traffic from itself in, everything out', async () => {
    const account = freshAccount();
    const ec2 = ec2Client(emu.url, account);
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }));
    expect(SecurityGroups).toHaveLength(1);
    const group = SecurityGroups![0]!;
    expect(group).toMatchObject({ GroupName: 'default', Description: 'default VPC security group', OwnerId: account });
    expect(group.IpPermissions).toEqual([{ IpProtocol: '-1', UserIdGroupPairs: [{ UserId: account, GroupId: group.GroupId }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] }]);
    expect(group.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] }]);
  });

  it('keeps the same ids when only read (they derive from account and region) and differs between accounts', async () => {
    const account = freshAccount();
    const first = (await ec2Client(emu.url, account).send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    await emu.reset(account);
    const again = (await ec2Client(emu.url, account).send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    expect(again).toBe(first);
    const otherAccount = (await ec2Client(emu.url).send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    expect(otherAccount).not.toBe(first);
  });

  it('can be deleted piece by piece and recreated with CreateDefaultVpc', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!;
    const busy = await awsError(() => ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })));
    expect(busy.name).toBe('DependencyViolation');
    expect(busy.message).toBe(`The vpc '${vpc.VpcId}' has dependencies and cannot be deleted.`);
    for (const s of (await ec2.send(new DescribeSubnetsCommand({}))).Subnets!) await ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId }));
    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways![0]!;
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId }));
    await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId }));
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    expect((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups).toEqual([]);
    const attrs = await ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }));
    expect(attrs.AccountAttributes).toEqual([{ AttributeName: 'default-vpc', AttributeValues: [{ AttributeValue: 'none' }] }]);
    const noDefault = await awsError(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x' })));
    expect(noDefault.name).toBe('VPCIdNotSpecified');

    const created = (await ec2.send(new CreateDefaultVpcCommand({}))).Vpc!;
    expect(created).toMatchObject({ IsDefault: true, CidrBlock: '172.31.0.0/16', State: 'pending' });
    expect(created.VpcId).not.toBe(vpc.VpcId);
    expect((await ec2.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(6);
    const again = await awsError(() => ec2.send(new CreateDefaultVpcCommand({})));
    expect(again.name).toBe('DefaultVpcAlreadyExists');
    expect(again.message).toBe('A Default VPC already exists for this account in this region.');
  });
});

describe('CreateVpc', () => {
  it('creates a VPC with its main route table, default network ACL and default security group', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'ml-vpc' }] }] }))).Vpc!;
    expect(vpc).toMatchObject({ CidrBlock: '10.1.0.0/16', IsDefault: false, State: 'pending', Tags: [{ Key: 'Name', Value: 'ml-vpc' }] });
    expect(vpc.CidrBlockAssociationSet).toEqual([{ AssociationId: expect.stringMatching(ec2IdPattern('vpc-cidr-assoc')), CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } }]);
    const described = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }))).Vpcs![0]!;
    expect(described.State).toBe('available');

    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).RouteTables!;
    expect(tables).toHaveLength(1);
    expect(tables[0]!.Associations![0]!.Main).toBe(true);
    expect(tables[0]!.Routes).toEqual([{ DestinationCidrBlock: '10.1.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);

    const acls = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).NetworkAcls!;
    expect(acls).toHaveLength(1);
    expect(acls[0]!.IsDefault).toBe(true);
    expect(acls[0]!.Entries!.map((e) => [e.Egress, e.RuleNumber, e.RuleAction, e.CidrBlock])).toEqual([
      [false, 100, 'allow', '0.0.0.0/0'],
      [false, 32767, 'deny', '0.0.0.0/0'],
      [true, 100, 'allow', '0.0.0.0/0'],
      [true, 32767, 'deny', '0.0.0.0/0'],
    ]);

    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).SecurityGroups!;
    expect(groups.map((g) => g.GroupName)).toEqual(['default']);
    expect(groups[0]!.IpPermissions![0]!.UserIdGroupPairs![0]!.GroupId).toBe(groups[0]!.GroupId);

    // DNS: support on, hostnames off for a new (non-default) VPC.
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute: 'enableDnsSupport' }))).EnableDnsSupport).toEqual({ Value: true });
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames).toEqual({ Value: false });
  });

  it('validates the CIDR block with AWS\'s codes and messages', async () => {
    const ec2 = ec2Client(emu.url);
    const cases: [string, string, string][] = [
      ['10.0.0.0/8', 'InvalidVpc.Range', "The CIDR '10.0.0.0/8' is invalid."],
      ['10.0.0.0/29', 'InvalidVpc.Range', "The CIDR '10.0.0.0/29' is invalid."],
      ['banana', 'InvalidParameterValue', 'Value (banana) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
      ['10.0.0.1/16', 'InvalidParameterValue', 'Value (10.0.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
      ['300.0.0.0/16', 'InvalidParameterValue', 'Value (300.0.0.0/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.'],
    ];
    for (const [cidr, code, message] of cases) {
      const error = await awsError(() => ec2.send(new CreateVpcCommand({ CidrBlock: cidr })));
      expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([code, message, 400]);
    }
    const missing = await awsError(() => ec2.send(new CreateVpcCommand({})));
    expect(missing.name).toBe('MissingParameter');
    const wrongTag = await awsError(() => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'a', Value: 'b' }] }] })));
    expect([wrongTag.name, wrongTag.message]).toEqual(['InvalidParameterValue', "'subnet' is not a valid taggable resource type for this operation."]);
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });

  it('enforces the quota of 5 VPCs per region', async () => {
    const ec2 = ec2Client(emu.url);
    for (let i = 0; i < 4; i++) await newVpc(ec2, `10.${i}.0.0/16`);
    const error = await awsError(() => newVpc(ec2, '10.9.0.0/16'));
    expect([error.name, error.message]).toEqual(['VpcLimitExceeded', 'The maximum number of VPCs has been reached.']);
  });

  it('answers AWS\'s NotFound and Malformed errors for unknown ids', async () => {
    const ec2 = ec2Client(emu.url);
    const unknown = await awsError(() => ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-123'] })));
    expect([unknown.name, unknown.message, unknown.$metadata.httpStatusCode]).toEqual(['InvalidVpcID.NotFound', "The vpc ID 'vpc-123' does not exist", 400]);
    const malformed = await awsError(() => ec2.send(new DeleteVpcCommand({ VpcId: 'banana' })));
    expect([malformed.name, malformed.message]).toEqual(['InvalidVpcID.Malformed', 'Invalid id: "banana" (expecting "vpc-...")']);
    const missing = await awsError(() => ec2.send(new DeleteVpcCommand({} as never)));
    expect([missing.name, missing.message]).toEqual(['MissingParameter', 'The request must contain the parameter VpcId']);
  });

  it('answers DryRunOperation (412) and changes nothing', async () => {
    const ec2 = ec2Client(emu.url);
    const error = await awsError(() => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', DryRun: true })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(['DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412]);
    expect((await ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });
});

describe('VPC attributes and deletion', () => {
  it('modifies one DNS attribute at a time', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = await newVpc(ec2);
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsHostnames: { Value: true } }));
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames).toEqual({ Value: true });
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsSupport: { Value: false } }));
    expect((await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute: 'enableDnsSupport' }))).EnableDnsSupport).toEqual({ Value: false });
    const both = await awsError(() => ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpc.VpcId, EnableDnsSupport: { Value: true }, EnableDnsHostnames: { Value: true } })));
    expect([both.name, both.message]).toEqual(['InvalidParameterCombination', 'Fields for multiple attribute types specified: enableDnsSupport, enableDnsHostnames']);
    const unknown = await awsError(() => ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId, Attribute: 'colour' as never })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidParameterValue', 'Value (colour) for parameter attribute is invalid. Unknown attribute.']);
  });

  it('refuses DeleteVpc while subnets, gateways or security groups remain, then deletes VPC and defaults', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = await newVpc(ec2);
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!;
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: vpc.VpcId }));
    const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId }));
    const steps: (() => Promise<unknown>)[] = [
      () => ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId })),
      () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId })),
      () => ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId })),
    ];
    for (const step of steps) {
      const error = await awsError(() => ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })));
      expect(error.name).toBe('DependencyViolation');
      await step();
    }
    await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId }));
    expect((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).SecurityGroups).toEqual([]);
    expect((await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).RouteTables).toEqual([]);
    expect((await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).NetworkAcls).toEqual([]);
  });
});

describe('subnets', () => {
  it('creates subnets inside the VPC CIDR, without public IPs on launch, and refuses overlaps and ranges outside', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = await newVpc(ec2);
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!;
    expect(subnet).toMatchObject({ CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1b', AvailabilityZoneId: 'use1-az2', DefaultForAz: false, MapPublicIpOnLaunch: false, AvailableIpAddressCount: 251, State: 'available' });
    expect(subnet.SubnetId).toMatch(ec2IdPattern('subnet'));

    const conflict = await awsError(() => ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.128/25' })));
    expect([conflict.name, conflict.message]).toEqual(['InvalidSubnet.Conflict', "The CIDR '10.0.1.128/25' conflicts with another subnet"]);
    const outside = await awsError(() => ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.0.0/24' })));
    expect([outside.name, outside.message]).toEqual(['InvalidSubnet.Range', "The CIDR '10.1.0.0/24' is invalid."]);
    const tooSmall = await awsError(() => ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.2.0/29' })));
    expect(tooSmall.name).toBe('InvalidSubnet.Range');
    const badZone = await awsError(() => ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-west-2a' })));
    expect([badZone.name, badZone.message]).toEqual([
      'InvalidParameterValue',
      'Value (us-west-2a) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.',
    ]);
    const unknownVpc = await awsError(() => ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0000000000000000f', CidrBlock: '10.0.2.0/24' })));
    expect([unknownVpc.name, unknownVpc.message]).toEqual(['InvalidVpcID.NotFound', "The vpc ID 'vpc-0000000000000000f' does not exist"]);

    // Each subnet is associated with the VPC's default network ACL.
    const acl = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.SubnetId!] }] }))).NetworkAcls!;
    expect(acl).toHaveLength(1);
    expect(acl[0]!.IsDefault).toBe(true);
  });

  it('modifies MapPublicIpOnLaunch and filters on it', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = await newVpc(ec2);
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!;
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId, MapPublicIpOnLaunch: { Value: true } }));
    const publicOnes = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }, { Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets!;
    expect(publicOnes.map((s) => s.SubnetId)).toEqual([subnet.SubnetId]);
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId, MapPublicIpOnLaunch: { Value: false } }));
    expect((await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] }))).Subnets![0]!.MapPublicIpOnLaunch).toBe(false);
    const unknown = await awsError(() => ec2.send(new ModifySubnetAttributeCommand({ SubnetId: 'subnet-0123456789abcdef0', MapPublicIpOnLaunch: { Value: true } })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidSubnetID.NotFound', "The subnet ID 'subnet-0123456789abcdef0' does not exist"]);
  });

  it('pages with MaxResults and NextToken and refuses MaxResults out of range', async () => {
    const ec2 = ec2Client(emu.url);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await ec2.send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...page.Subnets!.map((s) => s.SubnetId!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(6);
    const error = await awsError(() => ec2.send(new DescribeSubnetsCommand({ MaxResults: 2 })));
    expect(error.name).toBe('InvalidParameterValue');
    const badToken = await awsError(() => ec2.send(new DescribeSubnetsCommand({ MaxResults: 5, NextToken: 'garbage' })));
    expect(badToken.name).toBe('InvalidNextToken');
  });

  it('supports wildcards and tag filters, and refuses unknown filters', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = await newVpc(ec2);
    await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'private-a' }] }] }));
    await ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.2.0/24', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'public-a' }] }] }));
    const byName = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['private-*'] }] }))).Subnets!;
    expect(byName.map((s) => s.CidrBlock)).toEqual(['10.0.1.0/24']);
    const byKey = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag-key', Values: ['Name'] }] }))).Subnets!;
    expect(byKey).toHaveLength(2);
    const byCidr = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.0.?.0/24'] }] }))).Subnets!;
    expect(byCidr).toHaveLength(2);
    const unknown = await awsError(() => ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidParameterValue', "The filter 'colour' is invalid"]);
  });
});

describe('zones, regions and account attributes', () => {
  it('describes the region\'s Availability Zones with zone ids', async () => {
    const ec2 = ec2Client(emu.url, freshAccount(), 'us-west-2');
    const { AvailabilityZones } = await ec2.send(new DescribeAvailabilityZonesCommand({}));
    expect(AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId, z.State, z.RegionName])).toEqual([
      ['us-west-2a', 'usw2-az1', 'available', 'us-west-2'],
      ['us-west-2b', 'usw2-az2', 'available', 'us-west-2'],
      ['us-west-2c', 'usw2-az3', 'available', 'us-west-2'],
      ['us-west-2d', 'usw2-az4', 'available', 'us-west-2'],
    ]);
    const filtered = await ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-id', Values: ['usw2-az2'] }] }));
    expect(filtered.AvailabilityZones!.map((z) => z.ZoneName)).toEqual(['us-west-2b']);
    const unknown = await awsError(() => ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-west-2z'] })));
    expect(unknown.name).toBe('InvalidParameterValue');
  });

  it('describes regions (enabled by default, all with AllRegions) and account attributes', async () => {
    const ec2 = ec2Client(emu.url);
    const enabled = (await ec2.send(new DescribeRegionsCommand({}))).Regions!;
    expect(enabled.find((r) => r.RegionName === 'eu-west-1')).toEqual({ Endpoint: 'ec2.eu-west-1.amazonaws.com', RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' });
    expect(enabled.some((r) => r.RegionName === 'af-south-1')).toBe(false);
    const all = (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions!;
    expect(all.find((r) => r.RegionName === 'af-south-1')?.OptInStatus).toBe('not-opted-in');
    const attrs = (await ec2.send(new DescribeAccountAttributesCommand({}))).AccountAttributes!;
    const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId;
    expect(attrs.find((a) => a.AttributeName === 'default-vpc')?.AttributeValues).toEqual([{ AttributeValue: vpcId }]);
    expect(attrs.find((a) => a.AttributeName === 'supported-platforms')?.AttributeValues).toEqual([{ AttributeValue: 'VPC' }]);
  });
});
