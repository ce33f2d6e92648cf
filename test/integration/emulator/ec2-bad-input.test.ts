/**
 * Bad input to EC2, over HTTP: random CIDRs, permissions, filters and raw form bodies never crash
 * the emulator or leak a stack — every answer is a 2xx or an EC2 error with a code — and a refused
 * call changes nothing.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ec2Client } from './ec2-support.ts';
import { emulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.stop());

/** Runs a call; returns 'ok' or the error's code after checking it is a client error with a message. */
async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    expect(e.$metadata?.httpStatusCode, `${e.name}: ${e.message}`).toBeGreaterThanOrEqual(400);
    expect(e.$metadata?.httpStatusCode, `${e.name}: ${e.message}`).toBeLessThan(500);
    expect(e.message).not.toMatch(/at .*\.ts:\d+/);
    return e.name;
  }
}

const junk = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('0.0.0.0/0', '10.0.0.0/16', '::/0', '10.0.0.0/33', '', '-1', 'tcp', 'all', '999'));

describe('EC2 under bad input', () => {
  it('CreateVpc and CreateSubnet with arbitrary CIDR text: AWS error codes, nothing half-created', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(junk, async (cidr) => {
        codes.add(await outcome(() => ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: cidr, AvailabilityZone: 'us-east-1a' }))));
        codes.add(await outcome(() => ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'junk' }] }] }))));
      }),
      { numRuns: 60 },
    );
    expect([...codes].every((c) => c === 'ok' || /^(InvalidParameterValue|InvalidVpc\.Range|InvalidSubnet\.(Range|Conflict)|MissingParameter|VpcLimitExceeded)$/.test(c))).toBe(true);
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs.length).toBeLessThanOrEqual(5);
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets!;
    for (const s of subnets) expect(s.CidrBlock).toMatch(/^10\.0\.\d+\.\d+\/\d+$/);
  });

  it('AuthorizeSecurityGroupIngress with arbitrary permissions: refused calls add no rule', async () => {
    const ec2 = ec2Client(emu.url);
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'fuzz', Description: 'fuzz' }));
    const permission = fc.record({
      IpProtocol: fc.option(junk, { nil: undefined }),
      FromPort: fc.option(fc.integer({ min: -5, max: 70000 }), { nil: undefined }),
      ToPort: fc.option(fc.integer({ min: -5, max: 70000 }), { nil: undefined }),
      IpRanges: fc.option(fc.array(fc.record({ CidrIp: junk, Description: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }) }), { maxLength: 2 }), { nil: undefined }),
      Ipv6Ranges: fc.option(fc.array(fc.record({ CidrIpv6: junk }), { maxLength: 1 }), { nil: undefined }),
    });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(permission, { minLength: 1, maxLength: 2 }), async (permissions) => {
        const before = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] }))).SecurityGroups![0]!;
        const result = await outcome(() => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: permissions })));
        const after = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] }))).SecurityGroups![0]!;
        if (result === 'ok') accepted++;
        else expect(after.IpPermissions).toEqual(before.IpPermissions);
      }),
      { numRuns: 80 },
    );
    expect(accepted).toBeGreaterThanOrEqual(0);
  });

  it('arbitrary filter names and values never crash Describe*', async () => {
    const ec2 = ec2Client(emu.url);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ Name: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('vpc-id', 'tag:Name', 'ip-permission.from-port')), Values: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }) }), { maxLength: 3 }), async (filters) => {
        const code = await outcome(() => ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters })));
        expect(['ok', 'InvalidParameterValue']).toContain(code);
      }),
      { numRuns: 80 },
    );
  });

  it('raw form bodies with mistyped parameters get EC2\'s InvalidParameterValue', async () => {
    const send = (body: string) =>
      fetch(`${emu.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x' },
        body,
      });
    const typed = await send('Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupName=default&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=twenty-two&IpPermissions.1.ToPort=22');
    expect(typed.status).toBe(400);
    const text = await typed.text();
    expect(text).toContain('<Code>InvalidParameterValue</Code>');
    expect(text).toContain('IpPermissions.1.FromPort');
    const missing = await send('Action=CreateSubnet&Version=2016-11-15&CidrBlock=10.0.0.0/24');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<Code>MissingParameter</Code>');
    const unsupported = await send('Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MinCount=1&MaxCount=1');
    expect(unsupported.status).toBe(400);
    expect(unsupported.headers.get('x-mlsec-unsupported-operation')).toBe('ec2:RunInstances');
    expect(await unsupported.text()).toContain('The action RunInstances is not valid for this web service.');
  });
});
