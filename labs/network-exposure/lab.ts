import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  ModifySubnetAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { defineLab, type LabContext } from '../../src/labs/kit/index.ts';

const vpcCidr = '10.42.0.0/16';
const officeCidr = '203.0.113.0/24';

const named = (ctx: LabContext, name: string, resourceType: 'vpc' | 'subnet' | 'security-group') => [{ ResourceType: resourceType, Tags: [...ctx.tagList, { Key: 'Name', Value: name }, { Key: 'team', Value: 'feature-platform' }] }];

async function groupId(ctx: LabContext, name: string): Promise<string> {
  const ec2 = await ctx.aws.client('ec2');
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }))).SecurityGroups ?? [];
  if (!groups[0]?.GroupId) throw new Error(`Security group ${name} does not exist.`);
  return groups[0].GroupId;
}

async function defaultGroupId(ctx: LabContext): Promise<string> {
  const ec2 = await ctx.aws.client('ec2');
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [ctx.facts.vpcId!] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups ?? [];
  if (!groups[0]?.GroupId) throw new Error(`VPC ${ctx.facts.vpcId} has no default security group.`);
  return groups[0].GroupId;
}

async function authorize(ctx: LabContext, group: string, permissions: IpPermission[]): Promise<void> {
  const ec2 = await ctx.aws.client('ec2');
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: await groupId(ctx, group), IpPermissions: permissions }));
}

async function revoke(ctx: LabContext, group: string, permissions: IpPermission[]): Promise<void> {
  const ec2 = await ctx.aws.client('ec2');
  await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: await groupId(ctx, group), IpPermissions: permissions }));
}

/**
 * Revokes, from whatever the group holds now, every inbound source that is the whole internet
 * (0.0.0.0/0 or ::/0) — keeping the narrower sources of the same rules. Robust to any earlier edits.
 */
async function revokeWorldIngress(ctx: LabContext, group: string): Promise<void> {
  const ec2 = await ctx.aws.client('ec2');
  const id = await groupId(ctx, group);
  const current = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups![0]!;
  const world = (current.IpPermissions ?? [])
    .map((p) => ({
      IpProtocol: p.IpProtocol,
      FromPort: p.FromPort,
      ToPort: p.ToPort,
      IpRanges: (p.IpRanges ?? []).filter((r) => r.CidrIp === '0.0.0.0/0').map((r) => ({ CidrIp: r.CidrIp })),
      Ipv6Ranges: (p.Ipv6Ranges ?? []).filter((r) => r.CidrIpv6 === '::/0').map((r) => ({ CidrIpv6: r.CidrIpv6 })),
    }))
    .filter((p) => p.IpRanges.length || p.Ipv6Ranges.length)
    .map((p) => ({ ...p, IpRanges: p.IpRanges.length ? p.IpRanges : undefined, Ipv6Ranges: p.Ipv6Ranges.length ? p.Ipv6Ranges : undefined }));
  if (world.length) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: world }));
}

const sshFrom = (cidr: string, description: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr, Description: description }] });
const allTrafficFromWorld: IpPermission = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'temporary - debugging the feature server' }] };

export default defineLab({
  id: 'network-exposure',
  title: 'Close the holes in a feature-store VPC',
  summary:
    'A feature-platform team’s VPC has SSH open to the internet, a debugging security group that admits all traffic from anywhere, a default security group with rules and a subnet that hands out public IPs. Close each one the way Security Hub’s EC2 controls expect.',
  syllabus: ['4.3.S5', '4.3.K3'],
  topics: ['vpc-isolation', 'defense-in-depth'],
  difficulty: 'introductory',
  estimatedMinutes: 25,
  timeLimitMinutes: 90,
  services: ['ec2', 'sts'],
  operations: [
    'ec2:CreateVpc',
    'ec2:CreateSubnet',
    'ec2:ModifySubnetAttribute',
    'ec2:CreateSecurityGroup',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeRouteTables',
    'ec2:DescribeVpcEndpoints',
  ],
  resources: {
    vpc: { type: 'ec2:vpc', name: 'feature-store-vpc', title: 'the feature-store VPC' },
    subnet: { type: 'ec2:subnet', name: 'feature-store-a', title: 'the feature-store subnet' },
    bastionSg: { type: 'ec2:security-group', name: 'bastion', title: 'the bastion security group' },
    debugSg: { type: 'ec2:security-group', name: 'feature-server-debug', title: 'the feature-server debugging security group' },
  },
  setup: [
    {
      title: 'Create the feature-store VPC and its subnet',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: vpcCidr, TagSpecifications: named(ctx, ctx.names.vpc, 'vpc') }));
        const vpcId = vpc.Vpc!.VpcId!;
        ctx.setFact('vpcId', vpcId);
        const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.42.1.0/24', TagSpecifications: named(ctx, ctx.names.subnet, 'subnet') }));
        ctx.setFact('subnetId', subnet.Subnet!.SubnetId!);
      },
    },
    {
      title: 'Let the subnet hand out public IP addresses, "to make pip install work"',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: ctx.facts.subnetId!, MapPublicIpOnLaunch: { Value: true } }));
      },
    },
    {
      title: 'Create the bastion security group with SSH from the office — and from anywhere',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: ctx.names.bastionSg, Description: 'SSH to the feature-store bastion', VpcId: ctx.facts.vpcId!, TagSpecifications: named(ctx, ctx.names.bastionSg, 'security-group') }));
        ctx.setFact('bastionSgId', sg.GroupId!);
        await authorize(ctx, ctx.names.bastionSg, [{ ...sshFrom(officeCidr, 'office'), IpRanges: [{ CidrIp: officeCidr, Description: 'office' }, { CidrIp: '0.0.0.0/0', Description: 'working from home' }] }]);
      },
    },
    {
      title: 'Create the debugging security group that admits all traffic from anywhere',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const sg = await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: ctx.names.debugSg, Description: 'Feature server (debugging)', VpcId: ctx.facts.vpcId!, TagSpecifications: named(ctx, ctx.names.debugSg, 'security-group') }),
        );
        ctx.setFact('debugSgId', sg.GroupId!);
        await authorize(ctx, ctx.names.debugSg, [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: vpcCidr, Description: 'feature API from inside the VPC' }] }, allTrafficFromWorld]);
        ctx.setFact('defaultSgId', await defaultGroupId(ctx));
      },
    },
  ],
  tasks: [
    {
      id: 'close-public-ssh',
      title: 'Take SSH off the internet',
      goal: 'The bastion security group admits SSH only from the office range 203.0.113.0/24 — no rule admits port 22 (or 3389) from 0.0.0.0/0 or ::/0.',
      why: 'Port 22 open to the world is found by scanners within minutes and brute-forced around the clock. The office range is all the team needs; the "working from home" rule should have been a VPN or Session Manager.',
      checks: [{ check: 'ec2-security-group-no-public-admin-ports', resource: 'bastionSg' }],
      hints: {
        nudge: 'The bastion group has two sources for SSH: one is the office, the other is the whole internet. Only one of them belongs there.',
        where: 'Look at the inbound rules of the bastion security group (EC2 DescribeSecurityGroups, IpPermissions). Remove the source 0.0.0.0/0 from the port 22 rule with RevokeSecurityGroupIngress and keep the office range.',
        command: 'aws ec2 revoke-security-group-ingress --group-id {{fact.bastionSgId}} --protocol tcp --port 22 --cidr 0.0.0.0/0',
      },
    },
    {
      id: 'close-all-ports',
      title: 'Remove the all-traffic rule',
      goal: 'The feature-server debugging group admits nothing from 0.0.0.0/0 or ::/0 on all ports or on a high-risk port (such as 22, 3306, 5432, 8080 or 8888); the feature API stays reachable from inside the VPC.',
      why: 'An "all traffic from 0.0.0.0/0" rule publishes every service on the host — the feature API, a Jupyter server on 8888, the database port — to anyone. The API only needs to be reached from inside the VPC.',
      checks: [{ check: 'ec2-security-group-no-public-high-risk-ports', resource: 'debugSg' }],
      hints: {
        nudge: 'One inbound rule of the debugging group admits every protocol and every port from every address. The other rule, from the VPC range, is the one the feature API needs.',
        where: 'Revoke the inbound rule whose protocol is -1 (all traffic) and whose source is 0.0.0.0/0 (RevokeSecurityGroupIngress with that permission). Replacing it with another wide rule from anywhere is not a fix.',
        command:
          'aws ec2 revoke-security-group-ingress --group-id {{fact.debugSgId}} --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'',
      },
    },
    {
      id: 'close-default-sg',
      title: 'Empty the default security group',
      goal: 'The VPC’s default security group has no inbound and no outbound rules.',
      why: 'Anything launched without a security group of its own — an endpoint, a notebook, a training job’s interfaces — lands in the default group. Emptied, it fails closed: such resources can reach nothing and nothing can reach them.',
      checks: [{ check: 'ec2-default-security-group-closed', resource: 'vpc' }],
      hints: {
        nudge: 'Every VPC has a security group named default, which cannot be deleted. AWS creates it with two rules; both have to go.',
        where: 'Find the group whose name is default in the feature-store VPC (DescribeSecurityGroups filtered by vpc-id and group-name). Its inbound rule admits the group itself; its outbound rule allows everything. Revoke the first with RevokeSecurityGroupIngress and the second with RevokeSecurityGroupEgress.',
        command:
          'aws ec2 revoke-security-group-ingress --group-id {{fact.defaultSgId}} --ip-permissions \'[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"{{fact.defaultSgId}}"}]}]\'\naws ec2 revoke-security-group-egress --group-id {{fact.defaultSgId}} --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'',
      },
    },
    {
      id: 'private-subnet',
      title: 'Stop handing out public IPs',
      goal: 'The feature-store subnet no longer assigns a public IPv4 address to new network interfaces.',
      why: 'With public IP assignment on, every instance launched in the subnet is one permissive rule away from the internet. The subnet should stay private and reach AWS services through VPC endpoints.',
      checks: [{ check: 'ec2-subnet-no-auto-public-ip', resource: 'subnet' }],
      hints: {
        nudge: 'Subnets have an attribute that decides whether new network interfaces get a public IPv4 address automatically. Someone switched it on.',
        where: 'The attribute is MapPublicIpOnLaunch, shown by DescribeSubnets and changed with ModifySubnetAttribute.',
        command: 'aws ec2 modify-subnet-attribute --subnet-id {{fact.subnetId}} --no-map-public-ip-on-launch',
      },
    },
  ],
  solution: [
    { task: 'close-public-ssh', title: 'Revoke every internet-wide source of the bastion group, keep the office range', run: (ctx) => revokeWorldIngress(ctx, ctx.names.bastionSg) },
    { task: 'close-all-ports', title: 'Revoke every rule from 0.0.0.0/0 or ::/0 of the debugging group, keep the VPC range', run: (ctx) => revokeWorldIngress(ctx, ctx.names.debugSg) },
    {
      task: 'close-default-sg',
      title: 'Revoke the default group’s inbound and outbound rules',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const id = await defaultGroupId(ctx);
        const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups![0]!;
        if (group.IpPermissions?.length) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: group.IpPermissions }));
        if (group.IpPermissionsEgress?.length) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: id, IpPermissions: group.IpPermissionsEgress }));
      },
    },
    {
      task: 'private-subnet',
      title: 'Turn off MapPublicIpOnLaunch',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: ctx.facts.subnetId!, MapPublicIpOnLaunch: { Value: false } }));
      },
    },
  ],
  nearMisses: [
    {
      id: 'ssh-from-ipv6-anywhere',
      title: 'Replacing 0.0.0.0/0 on port 22 with ::/0',
      explanation: '::/0 is the whole IPv6 internet. Moving the open rule from IPv4 to IPv6 still lets anyone with an IPv6 address try to log in — scanners sweep IPv6 too.',
      task: 'close-public-ssh',
      apply: async (ctx) => {
        await revoke(ctx, ctx.names.bastionSg, [sshFrom('0.0.0.0/0', 'working from home')]);
        await authorize(ctx, ctx.names.bastionSg, [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'working from home (IPv6)' }] }]);
      },
    },
    {
      id: 'every-tcp-port-instead-of-all-traffic',
      title: 'Replacing the all-traffic rule with TCP ports 0-65535 from 0.0.0.0/0',
      explanation: 'TCP 0-65535 is still every port that matters — SSH, databases, Jupyter on 8888 — open to the whole internet. Narrowing the protocol is not narrowing the exposure; the source must stop being 0.0.0.0/0.',
      task: 'close-all-ports',
      apply: async (ctx) => {
        await revoke(ctx, ctx.names.debugSg, [allTrafficFromWorld]);
        await authorize(ctx, ctx.names.debugSg, [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'debugging, TCP only' }] }]);
      },
    },
    {
      id: 'jupyter-port-from-anywhere',
      title: 'Keeping only the Jupyter port 8888 open to 0.0.0.0/0',
      explanation: 'Port 8888 is Jupyter’s default and one of the high-risk ports Security Hub EC2.19 watches: exposed notebook servers are routinely found and used to run code. Reach notebooks through the VPC or SageMaker’s presigned URLs, not from the internet.',
      task: 'close-all-ports',
      apply: async (ctx) => {
        await revoke(ctx, ctx.names.debugSg, [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
        await authorize(ctx, ctx.names.debugSg, [{ IpProtocol: 'tcp', FromPort: 8888, ToPort: 8888, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'jupyter' }] }]);
      },
    },
    {
      id: 'default-sg-inbound-only',
      title: 'Removing only the default group’s inbound rule',
      explanation: 'The outbound "all traffic to 0.0.0.0/0" rule is still there: anything that lands in the default group can still send data anywhere. EC2.2 requires no rules in either direction.',
      task: 'close-default-sg',
      apply: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const id = await defaultGroupId(ctx);
        const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups![0]!;
        if (group.IpPermissions?.length) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: group.IpPermissions }));
      },
    },
  ],
});
