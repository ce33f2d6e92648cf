/**
 * EC2 tags through the real SDK over HTTP: CreateTags/DeleteTags/DescribeTags across resource
 * kinds, AWS's limits and errors, and tag filters on Describe* calls.
 */
import {
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ec2Client } from './ec2-support.ts';
import { awsError, emulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => emu.stop());

describe('EC2 tags', () => {
  it('tags several resources at once, describes and filters them, deletes by key and by key and value', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: vpc.VpcId }));
    await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!, GroupId!], Tags: [{ Key: 'lab', Value: 'network-exposure' }, { Key: 'owner', Value: 'mlsec' }] }));
    await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'owner', Value: 'learner' }] }));

    const all = (await ec2.send(new DescribeTagsCommand({}))).Tags!;
    expect(all).toEqual(expect.arrayContaining([
      { Key: 'lab', Value: 'network-exposure', ResourceId: vpc.VpcId, ResourceType: 'vpc' },
      { Key: 'owner', Value: 'learner', ResourceId: vpc.VpcId, ResourceType: 'vpc' },
      { Key: 'owner', Value: 'mlsec', ResourceId: GroupId, ResourceType: 'security-group' },
    ]));
    expect(all).toHaveLength(4);
    const groupsOnly = (await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['security-group'] }] }))).Tags!;
    expect(groupsOnly.map((t) => t.Key).sort()).toEqual(['lab', 'owner']);
    const byValue = (await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['owner'] }, { Name: 'value', Values: ['learn*'] }] }))).Tags!;
    expect(byValue.map((t) => t.ResourceId)).toEqual([vpc.VpcId]);
    const vpcs = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:lab', Values: ['network-exposure'] }] }))).Vpcs!;
    expect(vpcs.map((v) => v.VpcId)).toEqual([vpc.VpcId]);
    expect(vpcs[0]!.Tags).toEqual([{ Key: 'lab', Value: 'network-exposure' }, { Key: 'owner', Value: 'learner' }]);

    await ec2.send(new DeleteTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'owner', Value: 'someone-else' }] }));
    expect((await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc.VpcId!] }] }))).Tags).toHaveLength(2);
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'owner' }] }));
    expect((await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc.VpcId!] }] }))).Tags!.map((t) => t.Key)).toEqual(['lab']);
    await ec2.send(new DeleteTagsCommand({ Resources: [GroupId!] }));
    expect((await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] }))).SecurityGroups![0]!.Tags).toBeUndefined();
  });

  it('refuses unknown ids, reserved keys and more than 50 tags, changing nothing', async () => {
    const ec2 = ec2Client(emu.url);
    const vpc = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!;
    const notFound = await awsError(() => ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!, 'vpc-0000000000000dead'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([notFound.name, notFound.message]).toEqual(['InvalidVpcID.NotFound', "The vpc ID 'vpc-0000000000000dead' does not exist"]);
    const invalid = await awsError(() => ec2.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([invalid.name, invalid.message]).toEqual(['InvalidID', "The ID 'i-0123456789abcdef0' is not valid"]);
    const reserved = await awsError(() => ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'aws:cloudformation:stack-name', Value: 'x' }] })));
    expect([reserved.name, reserved.message]).toEqual(['InvalidParameterValue', "Value ( aws:cloudformation:stack-name ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use"]);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const tooMany = await awsError(() => ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: many })));
    expect(tooMany.name).toBe('TagLimitExceeded');
    await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: many.slice(0, 50) }));
    const oneMore = await awsError(() => ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'extra', Value: 'v' }] })));
    expect(oneMore.name).toBe('TagLimitExceeded');
    // Overwriting an existing key is not a new tag.
    await ec2.send(new CreateTagsCommand({ Resources: [vpc.VpcId!], Tags: [{ Key: 'k0', Value: 'changed' }] }));
    const tags = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }))).Vpcs![0]!.Tags!;
    expect(tags).toHaveLength(50);
    expect(tags.find((t) => t.Key === 'k0')?.Value).toBe('changed');
    expect(tags.some((t) => t.Key === 'a')).toBe(false);
  });
});
