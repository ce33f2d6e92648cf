/**
 * The `aws ec2 …` commands a learner types, run with the real AWS CLI against the emulator:
 * shorthand and customised arguments (--protocol/--port/--cidr, --filters, --tag-specifications,
 * --no-map-public-ip-on-launch …), CLI pagination, and AWS's errors as the CLI prints them.
 * Skipped, with that reason in its name, where the AWS CLI is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI_AVAILABLE as hasAwsCli, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { freshAccount } from './ec2-support.ts';
import { emulator } from './support.ts';

// Each `aws` run starts Python and loads EC2's model (1–4 s on a busy machine): generous timeouts.
if (!hasAwsCli) console.warn(awsCliSkipMessage('ec2-cli.test.ts'));

describe.skipIf(!hasAwsCli)(hasAwsCli ? 'aws ec2 (AWS CLI)' : awsCliSkipMessage('aws ec2 (AWS CLI)'), { timeout: 240_000 }, () => {
  let emu: RunningEmulator;
  let cli: AwsCli;
  const account = freshAccount();
  const aws = async (...args: string[]) => {
    const result = await cli.run(['ec2', ...args], { accessKeyId: account });
    if (result.code !== 0) throw new Error(`aws ec2 ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.json;
  };
  const awsFails = async (...args: string[]) => {
    const result = await cli.run(['ec2', ...args], { accessKeyId: account });
    expect(result.code, result.stdout).not.toBe(0);
    return result.stderr;
  };

  beforeAll(async () => {
    emu = await emulator();
    cli = new AwsCli(emu.url);
  });
  afterAll(async () => {
    cli.dispose();
    await emu.stop();
  });

  let vpcId: string;
  let subnetId: string;
  let groupId: string;

  it('finds the default VPC and its default security group', async () => {
    const [vpcs, groups, zones] = await Promise.all([
      aws('describe-vpcs', '--filters', 'Name=is-default,Values=true'),
      aws('describe-security-groups', '--filters', 'Name=group-name,Values=default', '--query', 'SecurityGroups[].GroupName'),
      // --page-size makes the CLI follow NextToken across pages.
      aws('describe-subnets', '--page-size', '5', '--query', 'Subnets[].AvailabilityZone'),
    ]);
    expect(vpcs.Vpcs).toHaveLength(1);
    expect(vpcs.Vpcs[0].CidrBlock).toBe('172.31.0.0/16');
    expect(groups).toEqual(['default']);
    expect(zones).toHaveLength(6);
  });

  it('builds a private network: VPC with DNS hostnames, subnet without public IPs', async () => {
    const created = await aws('create-vpc', '--cidr-block', '10.0.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=ml-vpc}]');
    vpcId = created.Vpc.VpcId;
    expect(created.Vpc.Tags).toEqual([{ Key: 'Name', Value: 'ml-vpc' }]);
    await aws('modify-vpc-attribute', '--vpc-id', vpcId, '--enable-dns-hostnames', 'Value=true');
    expect(await aws('describe-vpc-attribute', '--vpc-id', vpcId, '--attribute', 'enableDnsHostnames')).toEqual({ VpcId: vpcId, EnableDnsHostnames: { Value: true } });
    const subnet = await aws('create-subnet', '--vpc-id', vpcId, '--cidr-block', '10.0.1.0/24', '--availability-zone', 'us-east-1a');
    subnetId = subnet.Subnet.SubnetId;
    await aws('modify-subnet-attribute', '--subnet-id', subnetId, '--map-public-ip-on-launch');
    await aws('modify-subnet-attribute', '--subnet-id', subnetId, '--no-map-public-ip-on-launch');
    expect(await aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpcId}`, '--query', 'Subnets[0].MapPublicIpOnLaunch')).toBe(false);
  });

  it('opens and closes SSH with --protocol/--port/--cidr and prints AWS\'s duplicate error', async () => {
    groupId = (await aws('create-security-group', '--group-name', 'notebook', '--description', 'SageMaker notebook', '--vpc-id', vpcId)).GroupId;
    const added = await aws('authorize-security-group-ingress', '--group-id', groupId, '--protocol', 'tcp', '--port', '22', '--cidr', '0.0.0.0/0');
    expect(added.Return).toBe(true);
    expect(added.SecurityGroupRules[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' });
    const duplicate = await awsFails('authorize-security-group-ingress', '--group-id', groupId, '--protocol', 'tcp', '--port', '22', '--cidr', '0.0.0.0/0');
    expect(duplicate).toContain('An error occurred (InvalidPermission.Duplicate) when calling the AuthorizeSecurityGroupIngress operation: the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists');
    const open = await aws('describe-security-groups', '--filters', 'Name=ip-permission.cidr,Values=0.0.0.0/0', 'Name=ip-permission.from-port,Values=22', '--query', 'SecurityGroups[].GroupId');
    expect(open).toEqual([groupId]);
    await aws('revoke-security-group-ingress', '--group-id', groupId, '--protocol', 'tcp', '--port', '22', '--cidr', '0.0.0.0/0');
    const notFound = await awsFails('revoke-security-group-ingress', '--group-id', groupId, '--protocol', 'tcp', '--port', '22', '--cidr', '0.0.0.0/0');
    expect(notFound).toContain('(InvalidPermission.NotFound) when calling the RevokeSecurityGroupIngress operation: The specified rule does not exist in this security group.');
    await aws('authorize-security-group-ingress', '--group-id', groupId, '--ip-permissions', 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.0.0/16,Description=vpc}]');
    await aws('authorize-security-group-ingress', '--group-id', groupId, '--protocol', 'all', '--source-group', groupId);
    const rules = await aws('describe-security-group-rules', '--filters', `Name=group-id,Values=${groupId}`, '--query', 'SecurityGroupRules[?IsEgress==`false`].[IpProtocol,FromPort,CidrIpv4,ReferencedGroupInfo.GroupId]');
    expect(rules).toEqual([['tcp', 443, '10.0.0.0/16', null], ['-1', -1, null, groupId]]);
  });

  it('creates interface and gateway endpoints and finds them with filters', async () => {
    const endpoint = await aws('create-vpc-endpoint', '--vpc-id', vpcId, '--vpc-endpoint-type', 'Interface', '--service-name', 'com.amazonaws.us-east-1.sagemaker.api', '--subnet-ids', subnetId, '--security-group-ids', groupId, '--private-dns-enabled');
    expect(endpoint.VpcEndpoint).toMatchObject({ VpcEndpointType: 'Interface', PrivateDnsEnabled: true, SubnetIds: [subnetId], Groups: [{ GroupId: groupId, GroupName: 'notebook' }] });
    const table = (await aws('describe-route-tables', '--filters', `Name=vpc-id,Values=${vpcId}`, 'Name=association.main,Values=true')).RouteTables[0].RouteTableId;
    await aws('create-vpc-endpoint', '--vpc-id', vpcId, '--service-name', 'com.amazonaws.us-east-1.s3', '--route-table-ids', table);
    const services = await aws('describe-vpc-endpoints', '--filters', `Name=vpc-id,Values=${vpcId}`, 'Name=vpc-endpoint-state,Values=available', '--query', 'VpcEndpoints[].[ServiceName,VpcEndpointType]');
    expect(services).toEqual([['com.amazonaws.us-east-1.sagemaker.api', 'Interface'], ['com.amazonaws.us-east-1.s3', 'Gateway']]);
    const bare = (await aws('create-vpc', '--cidr-block', '10.9.0.0/16')).Vpc.VpcId;
    const noDns = await awsFails('create-vpc-endpoint', '--vpc-id', bare, '--vpc-endpoint-type', 'Interface', '--service-name', 'com.amazonaws.us-east-1.sts');
    expect(noDns).toContain(`An error occurred (InvalidParameter) when calling the CreateVpcEndpoint operation: Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${bare}`);
  });

  it('turns on flow logs and tags resources', async () => {
    const bucket = `mlsec-flow-logs-${account}`;
    const made = await cli.run(['s3api', 'create-bucket', '--bucket', bucket], { accessKeyId: account });
    expect(made.code, made.stderr).toBe(0);
    const [created] = await Promise.all([
      aws('create-flow-logs', '--resource-type', 'VPC', '--resource-ids', vpcId, '--traffic-type', 'ALL', '--log-destination-type', 's3', '--log-destination', `arn:aws:s3:::${bucket}`),
      aws('create-tags', '--resources', vpcId, subnetId, '--tags', 'Key=owner,Value=learner'),
    ]);
    expect(created.FlowLogIds).toHaveLength(1);
    const [logs, tags] = await Promise.all([
      aws('describe-flow-logs', '--filter', `Name=resource-id,Values=${vpcId}`, '--query', 'FlowLogs[].[TrafficType,LogDestinationType,FlowLogStatus]'),
      aws('describe-tags', '--filters', 'Name=key,Values=owner', '--query', 'Tags[].ResourceId'),
    ]);
    expect(logs).toEqual([['ALL', 's3', 'ACTIVE']]);
    expect(tags.sort()).toEqual([subnetId, vpcId].sort());
  });

  it('prints AWS\'s errors: unknown ids, dependencies, dry runs, bad CIDRs', async () => {
    const [unknown, busy, dryRun, range, cannot] = await Promise.all([
      awsFails('describe-vpcs', '--vpc-ids', 'vpc-123'),
      awsFails('delete-vpc', '--vpc-id', vpcId),
      awsFails('create-vpc', '--cidr-block', '10.0.0.0/16', '--dry-run'),
      awsFails('create-subnet', '--vpc-id', vpcId, '--cidr-block', '10.1.0.0/24'),
      awsFails('delete-security-group', '--group-name', 'default'),
    ]);
    expect(unknown).toContain("An error occurred (InvalidVpcID.NotFound) when calling the DescribeVpcs operation: The vpc ID 'vpc-123' does not exist");
    expect(busy).toContain(`An error occurred (DependencyViolation) when calling the DeleteVpc operation: The vpc '${vpcId}' has dependencies and cannot be deleted.`);
    expect(dryRun).toContain('An error occurred (DryRunOperation) when calling the CreateVpc operation: Request would have succeeded, but DryRun flag is set.');
    expect(range).toContain("An error occurred (InvalidSubnet.Range) when calling the CreateSubnet operation: The CIDR '10.1.0.0/24' is invalid.");
    expect(cannot).toContain('An error occurred (CannotDelete) when calling the DeleteSecurityGroup operation: the specified group');
  });
});
