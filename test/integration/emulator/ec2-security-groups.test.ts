/**
 * Security groups and rules through the real SDK over HTTP: create/describe/delete with AWS's
 * errors, authorize and revoke in every form (IpPermissions, legacy flat parameters, rule ids),
 * AWS's duplicate and not-found messages, the ip-permission.* filters security checks use,
 * DescribeSecurityGroupRules and ModifySecurityGroupRules.
 */
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  ModifySecurityGroupRulesCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  UpdateSecurityGroupRuleDescriptionsEgressCommand,
  UpdateSecurityGroupRuleDescriptionsIngressCommand,
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

async function setup(account = freshAccount()) {
  const ec2 = ec2Client(emu.url, account);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'training', Description: 'SageMaker training jobs', VpcId: vpc.VpcId }));
  return { ec2, vpcId: vpc.VpcId!, groupId: GroupId!, account };
}

async function group(ec2: EC2Client, groupId: string) {
  return (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0]!;
}

const ssh = (cidr = '0.0.0.0/0', description?: string) => ({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr, Description: description }] });

describe('CreateSecurityGroup', () => {
  it('creates a group that allows all outbound traffic and no inbound', async () => {
    const { ec2, vpcId, groupId, account } = await setup();
    expect(groupId).toMatch(ec2IdPattern('sg'));
    const created = await group(ec2, groupId);
    expect(created).toMatchObject({ GroupName: 'training', Description: 'SageMaker training jobs', VpcId: vpcId, OwnerId: account, IpPermissions: [] });
    expect(created.SecurityGroupArn).toBe(`arn:aws:ec2:us-east-1:${account}:security-group/${groupId}`);
    expect(created.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] }]);
  });

  it('refuses duplicates, reserved and malformed names with AWS\'s codes', async () => {
    const { ec2, vpcId } = await setup();
    const duplicate = await awsError(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: 'training', Description: 'again', VpcId: vpcId })));
    expect([duplicate.name, duplicate.message, duplicate.$metadata.httpStatusCode]).toEqual(['InvalidGroup.Duplicate', `The security group 'training' already exists for VPC '${vpcId}'`, 400]);
    const reserved = await awsError(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: 'default', Description: 'x', VpcId: vpcId })));
    expect(reserved.name).toBe('InvalidGroup.Reserved');
    const sgName = await awsError(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: 'sg-mine', Description: 'x', VpcId: vpcId })));
    expect([sgName.name, sgName.message]).toEqual(['InvalidParameterValue', 'Group names may not be in the format sg-*.']);
    const badDescription = await awsError(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ok', Description: 'naïve', VpcId: vpcId })));
    expect(badDescription.name).toBe('InvalidParameterValue');
    const missing = await awsError(() => ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ok' } as never)));
    expect(missing.name).toBe('MissingParameter');
    // The same name in another VPC (here the default one) is fine.
    const other = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'training', Description: 'default vpc' }));
    expect(other.GroupId).toMatch(ec2IdPattern('sg'));
  });
});

describe('AuthorizeSecurityGroupIngress / Egress', () => {
  it('adds rules with ids and descriptions, groups them by protocol and ports, and refuses duplicates with AWS\'s message', async () => {
    const { ec2, groupId, account } = await setup();
    const result = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh('0.0.0.0/0', 'anywhere'), ssh('10.0.0.0/8')] }));
    expect(result.Return).toBe(true);
    expect(result.SecurityGroupRules).toHaveLength(2);
    expect(result.SecurityGroupRules![0]).toMatchObject({ GroupId: groupId, GroupOwnerId: account, IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0', Description: 'anywhere' });
    expect(result.SecurityGroupRules![0]!.SecurityGroupRuleId).toMatch(ec2IdPattern('sgr'));

    const described = await group(ec2, groupId);
    expect(described.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'anywhere' }, { CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [], PrefixListIds: [] },
    ]);

    const duplicate = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh('10.0.0.0/8', 'other text')] })));
    expect([duplicate.name, duplicate.message, duplicate.$metadata.httpStatusCode]).toEqual(['InvalidPermission.Duplicate', 'the specified rule "peer: 10.0.0.0/8, TCP, from port: 22, to port: 22, ALLOW" already exists', 400]);
    // A request with one new and one existing rule adds nothing.
    await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh('192.168.0.0/16'), ssh('0.0.0.0/0')] })));
    expect((await group(ec2, groupId)).IpPermissions![0]!.IpRanges).toHaveLength(2);
  });

  it('accepts all-traffic, ICMP, IPv6, prefix-list and security-group sources', async () => {
    const { ec2, groupId, vpcId, account } = await setup();
    const { GroupId: peer } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'peer', Description: 'peer', VpcId: vpcId }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: peer, Description: 'from peer' }] },
        { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
        { IpProtocol: '6', FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }] },
      ],
    }));
    const described = await group(ec2, groupId);
    expect(described.IpPermissions).toEqual([
      { IpProtocol: '-1', UserIdGroupPairs: [{ UserId: account, GroupId: peer, Description: 'from peer' }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] },
      { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, UserIdGroupPairs: [], IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [] },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [], IpRanges: [], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }] },
    ]);
    // The referenced group cannot be deleted while the rule exists.
    const inUse = await awsError(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: peer })));
    expect([inUse.name, inUse.message]).toEqual(['DependencyViolation', `resource ${peer} has a dependent object`]);
  });

  it('validates protocols, ports and CIDRs with AWS\'s messages and stores nothing on error', async () => {
    const { ec2, groupId } = await setup();
    const cases: [object, string][] = [
      [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 70000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'TCP/UDP (to) port (70000) out of range'],
      [{ IpProtocol: 'tcp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'TCP/UDP (from) port (-1) out of range'],
      [{ IpProtocol: 'bogus', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, "Invalid value 'bogus' for IP protocol. Unknown protocol."],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/33' }] }, 'CIDR block 10.0.0.0/33 is malformed'],
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '2001:db8::/129' }] }, 'CIDR block 2001:db8::/129 is malformed'],
      [{ IpProtocol: 'icmp', FromPort: -1, ToPort: 0, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'ICMP code (0) must be -1 when the ICMP type is -1'],
    ];
    for (const [permission, message] of cases) {
      const error = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] })));
      expect([error.name, error.message]).toEqual(['InvalidParameterValue', message]);
    }
    const unknownSource = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0000000000000dead' }] }] })));
    expect([unknownSource.name, unknownSource.message]).toEqual(['InvalidGroup.NotFound', "The security group 'sg-0000000000000dead' does not exist"]);
    const unknownGroup = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-0123456789abcdef0', IpPermissions: [ssh()] })));
    expect([unknownGroup.name, unknownGroup.message]).toEqual(['InvalidGroup.NotFound', "The security group 'sg-0123456789abcdef0' does not exist"]);
    const malformed = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'training', IpPermissions: [ssh()] })));
    expect([malformed.name, malformed.message]).toEqual(['InvalidGroupId.Malformed', 'Invalid id: "training" (expecting "sg-...")']);
    expect((await group(ec2, groupId)).IpPermissions).toEqual([]);
  });

  it('accepts the legacy flat form (IpProtocol, FromPort, ToPort, CidrIp) and GroupName in the default VPC', async () => {
    const ec2 = ec2Client(emu.url);
    const defaultGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups![0]!;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupName: 'default', IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: '0.0.0.0/0' }));
    const described = await group(ec2, defaultGroup.GroupId!);
    expect(described.IpPermissions!.find((p) => p.FromPort === 3389)?.IpRanges).toEqual([{ CidrIp: '0.0.0.0/0' }]);
    const noSource = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupName: 'default', IpProtocol: 'tcp', FromPort: 22, ToPort: 22 })));
    expect(noSource.name).toBe('MissingParameter');
    const notThere = await awsError(() => ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['nope'] })));
    expect(notThere.name).toBe('InvalidGroup.NotFound');
    expect(notThere.message).toBe(`The security group 'nope' does not exist in default VPC '${described.VpcId}'`);
  });

  it('manages egress rules: revoke the default allow-all, add a narrow one', async () => {
    const { ec2, groupId } = await setup();
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-63a5400a', Description: 'S3' }] }] }));
    expect((await group(ec2, groupId)).IpPermissionsEgress).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: 'pl-63a5400a', Description: 'S3' }] },
    ]);
    const duplicate = await awsError(() => ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }] }] })));
    expect(duplicate.message).toBe('the specified rule "peer: pl-63a5400a, TCP, from port: 443, to port: 443, ALLOW" already exists');
    const ruleId = (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }))).SecurityGroupRules![0]!.SecurityGroupRuleId!;
    await ec2.send(new UpdateSecurityGroupRuleDescriptionsEgressCommand({ GroupId: groupId, SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: ruleId, Description: 'S3 over the gateway endpoint' }] }));
    expect((await group(ec2, groupId)).IpPermissionsEgress![0]!.PrefixListIds).toEqual([{ PrefixListId: 'pl-63a5400a', Description: 'S3 over the gateway endpoint' }]);
    const unknownRule = await awsError(() => ec2.send(new UpdateSecurityGroupRuleDescriptionsEgressCommand({ GroupId: groupId, SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: 'sgr-0000000000000beef', Description: 'x' }] })));
    expect(unknownRule.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });
});

describe('RevokeSecurityGroupIngress', () => {
  it('revokes by permission (description not needed) and by rule id', async () => {
    const { ec2, groupId } = await setup();
    const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh('0.0.0.0/0', 'open'), { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
    const revoked = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh()] }));
    expect(revoked.Return).toBe(true);
    expect(revoked.RevokedSecurityGroupRules).toEqual([expect.objectContaining({ SecurityGroupRuleId: added.SecurityGroupRules![0]!.SecurityGroupRuleId, CidrIpv4: '0.0.0.0/0', FromPort: 22 })]);
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [added.SecurityGroupRules![1]!.SecurityGroupRuleId!] }));
    expect((await group(ec2, groupId)).IpPermissions).toEqual([]);
  });

  it('fails with InvalidPermission.NotFound in a nondefault VPC and revokes nothing', async () => {
    const { ec2, groupId } = await setup();
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh()] }));
    const error = await awsError(() => ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh(), ssh('10.0.0.0/8')] })));
    expect([error.name, error.message]).toEqual(['InvalidPermission.NotFound', 'The specified rule does not exist in this security group.']);
    expect((await group(ec2, groupId)).IpPermissions).toHaveLength(1);
    const unknownRule = await awsError(() => ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: ['sgr-0000000000000beef'] })));
    expect([unknownRule.name, unknownRule.message]).toEqual(['InvalidSecurityGroupRuleId.NotFound', "The security group rule ID 'sgr-0000000000000beef' does not exist"]);
  });

  it('reports unknown rules back in the default VPC, as AWS does', async () => {
    const ec2 = ec2Client(emu.url);
    const defaultGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups![0]!;
    const result = await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: [ssh()] }));
    expect(result.Return).toBe(false);
    expect(result.UnknownIpPermissions).toEqual([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [], IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [] }]);
    // Removing the default group's rules is how EC2.2 ("default security group has rules") is fixed.
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissions }));
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: defaultGroup.GroupId, IpPermissions: defaultGroup.IpPermissionsEgress }));
    const emptied = await group(ec2, defaultGroup.GroupId!);
    expect([emptied.IpPermissions, emptied.IpPermissionsEgress]).toEqual([[], []]);
  });
});

describe('DescribeSecurityGroups filters', () => {
  it('finds groups open to the world on a port, by group name, and by tag', async () => {
    const { ec2, groupId, vpcId } = await setup();
    const { GroupId: closed } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'closed', Description: 'closed', VpcId: vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'lab', Value: 'network-exposure' }] }] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [ssh()] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: closed, IpPermissions: [ssh('10.0.0.0/8')] }));
    const ids = async (filters: { Name: string; Values: string[] }[]) =>
      (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [...filters, { Name: 'vpc-id', Values: [vpcId] }] }))).SecurityGroups!.map((g) => g.GroupId).sort();
    expect(await ids([{ Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }, { Name: 'ip-permission.from-port', Values: ['22'] }])).toEqual([groupId]);
    expect(await ids([{ Name: 'ip-permission.to-port', Values: ['22'] }])).toEqual([closed, groupId].sort());
    expect(await ids([{ Name: 'ip-permission.protocol', Values: ['6'] }])).toEqual([closed, groupId].sort());
    expect(await ids([{ Name: 'egress.ip-permission.cidr', Values: ['0.0.0.0/0'] }])).toHaveLength(3);
    expect(await ids([{ Name: 'group-name', Values: ['default'] }])).toHaveLength(1);
    expect(await ids([{ Name: 'tag:lab', Values: ['network-exposure'] }])).toEqual([closed]);
    expect(await ids([{ Name: 'ip-permission.group-id', Values: [groupId] }])).toEqual([]);
    expect(await ids([{ Name: 'description', Values: ['SageMaker*'] }])).toEqual([groupId]);
  });

  it('pages with MaxResults / NextToken', async () => {
    const { ec2, vpcId } = await setup();
    for (let i = 0; i < 6; i++) await ec2.send(new CreateSecurityGroupCommand({ GroupName: `g${i}`, Description: 'x', VpcId: vpcId }));
    const first = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5 }));
    expect(first.SecurityGroups).toHaveLength(5);
    const second = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    // default VPC's group + new VPC's default + training + 6
    expect(first.SecurityGroups!.length + second.SecurityGroups!.length).toBe(9);
  });
});

describe('DeleteSecurityGroup', () => {
  it('deletes by id or name, never the default group', async () => {
    const { ec2, groupId, vpcId } = await setup();
    const defaultGroup = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups![0]!;
    const cannot = await awsError(() => ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultGroup.GroupId })));
    expect([cannot.name, cannot.message]).toEqual(['CannotDelete', `the specified group: "${defaultGroup.GroupId}" name: "default" cannot be deleted by a user`]);
    expect(await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }))).toMatchObject({ Return: true, GroupId: groupId });
    const gone = await awsError(() => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })));
    expect([gone.name, gone.message]).toEqual(['InvalidGroup.NotFound', `The security group '${groupId}' does not exist`]);
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'byname', Description: 'x' }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'byname' }));
  });
});

describe('security group rules', () => {
  it('describes rules by group and id, updates descriptions and modifies rules in place', async () => {
    const { ec2, groupId } = await setup();
    const added = await ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [ssh()],
      TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: [{ Key: 'why', Value: 'debug' }] }],
    }));
    const ruleId = added.SecurityGroupRules![0]!.SecurityGroupRuleId!;
    expect(added.SecurityGroupRules![0]!.Tags).toEqual([{ Key: 'why', Value: 'debug' }]);
    const rules = (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }))).SecurityGroupRules!;
    expect(rules.map((r) => [r.IsEgress, r.IpProtocol, r.FromPort, r.ToPort, r.CidrIpv4])).toEqual([
      [true, '-1', -1, -1, '0.0.0.0/0'],
      [false, 'tcp', 22, 22, '0.0.0.0/0'],
    ]);
    await ec2.send(new UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: groupId, IpPermissions: [ssh('0.0.0.0/0', 'temporary')] }));
    expect((await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [ruleId] }))).SecurityGroupRules![0]!.Description).toBe('temporary');

    await ec2.send(new ModifySecurityGroupRulesCommand({ GroupId: groupId, SecurityGroupRules: [{ SecurityGroupRuleId: ruleId, SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '10.0.0.0/8', Description: 'vpn only' } }] }));
    const modified = (await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [ruleId] }))).SecurityGroupRules![0]!;
    expect(modified).toMatchObject({ SecurityGroupRuleId: ruleId, CidrIpv4: '10.0.0.0/8', Description: 'vpn only', Tags: [{ Key: 'why', Value: 'debug' }] });
    const unknown = await awsError(() => ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-0000000000000beef'] })));
    expect(unknown.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('enforces 60 rules per direction', async () => {
    const { ec2, groupId } = await setup();
    const ranges = Array.from({ length: 61 }, (_, i) => ({ CidrIp: `10.${i}.0.0/16` }));
    const error = await awsError(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: ranges }] })));
    expect([error.name, error.message]).toEqual(['RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.']);
  });
});
