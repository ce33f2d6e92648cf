/**
 * SageMaker notebook instances and lifecycle configurations through the real SDK over HTTP:
 * defaults AWS gives a fresh notebook (the fields SageMaker.1/.2/.3/.21 read), Pending → InService
 * over the delay, Start/Stop/Update/Delete with AWS's status errors, what UpdateNotebookInstance
 * cannot change, List filters and paging, tags, and lifecycle scripts.
 */
import {
  AddTagsCommand,
  CreateNotebookInstanceCommand,
  CreateNotebookInstanceLifecycleConfigCommand,
  DeleteNotebookInstanceCommand,
  DeleteNotebookInstanceLifecycleConfigCommand,
  DeleteTagsCommand,
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  ListNotebookInstanceLifecycleConfigsCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  StartNotebookInstanceCommand,
  StopNotebookInstanceCommand,
  UpdateNotebookInstanceCommand,
  UpdateNotebookInstanceLifecycleConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError } from './support.ts';
import { DELAY_MS, executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('SageMaker notebook instances', () => {
  let h: SageMakerHarness;
  let role: string;
  beforeAll(async () => {
    h = await sageMakerHarness();
    role = await executionRole(h.iam);
  });
  afterAll(async () => h.stop());

  it('creates a notebook with AWS\'s defaults, Pending until the delay has passed, then InService', async () => {
    const created = await h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'Research-NB', InstanceType: 'ml.t3.medium', RoleArn: role }));
    expect(created.NotebookInstanceArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research-nb');
    const pending = await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'Research-NB' }));
    expect(pending).toMatchObject({
      NotebookInstanceName: 'Research-NB',
      NotebookInstanceStatus: 'Pending',
      InstanceType: 'ml.t3.medium',
      RoleArn: role,
      DirectInternetAccess: 'Enabled',
      RootAccess: 'Enabled',
      VolumeSizeInGB: 5,
      PlatformIdentifier: 'notebook-al2-v3',
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '1' },
    });
    // The fields a compliance check reads to flag "not in a VPC" and "no customer managed key" are absent.
    expect(pending.SubnetId).toBeUndefined();
    expect(pending.KmsKeyId).toBeUndefined();
    expect(pending.SecurityGroups).toBeUndefined();
    expect(pending.Url).toMatch(/^research-nb-[0-9a-f]{8}\.notebook\.us-east-1\.sagemaker\.aws$/);
    expect(pending.CreationTime?.toISOString()).toBe(h.now().toISOString());
    h.advance(DELAY_MS - 1);
    expect((await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'research-nb' }))).NotebookInstanceStatus).toBe('Pending');
    h.advance(1);
    const ready = await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'Research-NB' }));
    expect(ready.NotebookInstanceStatus).toBe('InService');
    expect(ready.LastModifiedTime!.getTime()).toBe(ready.CreationTime!.getTime() + DELAY_MS);
  });

  it('keeps a hardened notebook\'s VPC, KMS key and access settings', async () => {
    const { subnets, securityGroup, keyArn } = h.peers;
    await h.sm.send(new CreateNotebookInstanceCommand({
      NotebookInstanceName: 'hardened',
      InstanceType: 'ml.t3.medium',
      RoleArn: role,
      SubnetId: subnets[0],
      SecurityGroupIds: [securityGroup],
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      KmsKeyId: keyArn,
      VolumeSizeInGB: 20,
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
    }));
    const nb = await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'hardened' }));
    expect(nb).toMatchObject({
      SubnetId: subnets[0],
      SecurityGroups: [securityGroup],
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      KmsKeyId: keyArn,
      VolumeSizeInGB: 20,
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
    });
    expect(nb.NetworkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
  });

  it('refuses bad input with AWS\'s codes and wording', async () => {
    const base = { InstanceType: 'ml.t3.medium' as const, RoleArn: role };
    const badName = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'my_notebook' })));
    expect(badName.name).toBe('ValidationException');
    expect(badName.$metadata.httpStatusCode).toBe(400);
    expect(badName.message).toBe("1 validation error detected: Value 'my_notebook' at 'notebookInstanceName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*");
    const badType = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'x', InstanceType: 'ml.huge' as never })));
    expect(badType.message).toMatch(/^1 validation error detected: Value 'ml.huge' at 'instanceType' failed to satisfy constraint: Member must satisfy enum value set: \[.*ml\.t3\.medium.*\]$/);
    const twoProblems = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'x', VolumeSizeInGB: 2, RootAccess: 'Maybe' as never })));
    expect(twoProblems.message).toMatch(/^2 validation errors detected: /);
    const noVpc = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'x', DirectInternetAccess: 'Disabled' })));
    expect(noVpc.message).toContain('DirectInternetAccess can be Disabled only for a notebook instance in a VPC');
    const sgOnly = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'x', SecurityGroupIds: ['sg-1'] })));
    expect(sgOnly.message).toContain('SecurityGroupIds can only be given with a SubnetId');
    const subnetOnly = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'x', SubnetId: 'subnet-1' })));
    expect(subnetOnly.message).toContain('needs at least one security group');
    const dup = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'RESEARCH-nb' })));
    expect(dup.message).toBe('Cannot create a duplicate Notebook Instance (arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/research-nb)');
    const noLifecycle = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ ...base, NotebookInstanceName: 'x', LifecycleConfigName: 'nope' })));
    expect(noLifecycle.message).toBe("Unable to describe Notebook Instance Lifecycle Config 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance-lifecycle-config/nope'. (Details: Notebook Instance Lifecycle Config does not exist.)");
    const missing = await awsError(() => h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'ghost' })));
    expect([missing.name, missing.message]).toEqual(['ValidationException', 'RecordNotFound']);
  });

  it('refuses execution roles SageMaker could not assume', async () => {
    const ghost = await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'x', InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::123456789012:role/ghost' })));
    expect(ghost.message).toBe("Could not assume role arn:aws:iam::123456789012:role/ghost. Please ensure that the role exists and allows principal 'sagemaker.amazonaws.com' to assume the role.");
    const ec2Only = await executionRole(h.iam, 'Ec2Only', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    expect((await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'x', InstanceType: 'ml.t3.medium', RoleArn: ec2Only })))).message).toContain('Could not assume role');
    // A confused-deputy guard on the caller's own account lets SageMaker in; one on another account does not.
    const guarded = (account: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account } } }] });
    const mine = await executionRole(h.iam, 'Guarded', guarded('123456789012'));
    await h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'guarded', InstanceType: 'ml.t3.medium', RoleArn: mine }));
    const theirs = await executionRole(h.iam, 'GuardedElsewhere', guarded('999999999999'));
    expect((await awsError(() => h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'x', InstanceType: 'ml.t3.medium', RoleArn: theirs })))).message).toContain('Could not assume role');
  });

  it('stops, updates only while Stopped, restarts and deletes with AWS\'s transition errors', async () => {
    await h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'cycle', InstanceType: 'ml.t3.medium', RoleArn: role, VolumeSizeInGB: 10 }));
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/cycle';
    const early = await awsError(() => h.sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'cycle' })));
    expect(early.message).toBe(`Status (Pending) not in ([InService]). Unable to transition to (Stopping) for Notebook Instance (${arn}).`);
    h.advance();
    const whileRunning = await awsError(() => h.sm.send(new UpdateNotebookInstanceCommand({ NotebookInstanceName: 'cycle', RootAccess: 'Disabled' })));
    expect(whileRunning.message).toBe(`Status (InService) not in ([Stopped]). Unable to transition to (Updating) for Notebook Instance (${arn}).`);
    const deleteRunning = await awsError(() => h.sm.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: 'cycle' })));
    expect(deleteRunning.message).toBe(`Status (InService) not in ([Stopped, Failed]). Unable to transition to (Deleting) for Notebook Instance (${arn}).`);
    const startRunning = await awsError(() => h.sm.send(new StartNotebookInstanceCommand({ NotebookInstanceName: 'cycle' })));
    expect(startRunning.message).toBe(`Status (InService) not in ([Stopped, Failed]). Unable to transition to (Pending) for Notebook Instance (${arn}).`);

    await h.sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }));
    expect((await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }))).NotebookInstanceStatus).toBe('Stopping');
    h.advance();
    expect((await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }))).NotebookInstanceStatus).toBe('Stopped');

    const shrink = await awsError(() => h.sm.send(new UpdateNotebookInstanceCommand({ NotebookInstanceName: 'cycle', VolumeSizeInGB: 5 })));
    expect(shrink.message).toContain('VolumeSizeInGB can only grow');
    await h.sm.send(new UpdateNotebookInstanceCommand({ NotebookInstanceName: 'cycle', RootAccess: 'Disabled', InstanceType: 'ml.t3.large', VolumeSizeInGB: 50 }));
    expect((await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }))).NotebookInstanceStatus).toBe('Updating');
    h.advance();
    expect(await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }))).toMatchObject({ NotebookInstanceStatus: 'Stopped', RootAccess: 'Disabled', InstanceType: 'ml.t3.large', VolumeSizeInGB: 50 });

    await h.sm.send(new StartNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }));
    expect((await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }))).NotebookInstanceStatus).toBe('Pending');
    h.advance();
    await h.sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }));
    h.advance();
    await h.sm.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }));
    expect((await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' }))).NotebookInstanceStatus).toBe('Deleting');
    h.advance();
    expect((await awsError(() => h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'cycle' })))).message).toBe('RecordNotFound');
  });

  it('cannot change DirectInternetAccess, the subnet or the KMS key: UpdateNotebookInstance has no such parameters', async () => {
    await h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'open', InstanceType: 'ml.t3.medium', RoleArn: role }));
    h.advance();
    await h.sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: 'open' }));
    h.advance();
    // Members the operation does not define are not part of the request: sending them changes nothing.
    await h.sm.send(new UpdateNotebookInstanceCommand({ NotebookInstanceName: 'open', DirectInternetAccess: 'Disabled', SubnetId: 'subnet-1', KmsKeyId: 'k' } as never));
    h.advance();
    const nb = await h.sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: 'open' }));
    expect(nb.DirectInternetAccess).toBe('Enabled');
    expect(nb.SubnetId).toBeUndefined();
    expect(nb.KmsKeyId).toBeUndefined();
  });

  it('lists with AWS\'s filters, sorting and paging', async () => {
    const all = await h.sm.send(new ListNotebookInstancesCommand({ MaxResults: 100 }));
    const names = all.NotebookInstances!.map((n) => n.NotebookInstanceName);
    expect(names).toEqual([...names].sort());
    expect(all.NotebookInstances![0]).toHaveProperty('NotebookInstanceArn');
    const first = await h.sm.send(new ListNotebookInstancesCommand({ MaxResults: 2, SortBy: 'CreationTime', SortOrder: 'Descending' }));
    expect(first.NotebookInstances).toHaveLength(2);
    expect(first.NextToken).toBeTruthy();
    const second = await h.sm.send(new ListNotebookInstancesCommand({ MaxResults: 2, SortBy: 'CreationTime', SortOrder: 'Descending', NextToken: first.NextToken }));
    expect(second.NotebookInstances![0]!.NotebookInstanceName).not.toBe(first.NotebookInstances![1]!.NotebookInstanceName);
    expect((await h.sm.send(new ListNotebookInstancesCommand({ NameContains: 'HARD' }))).NotebookInstances!.map((n) => n.NotebookInstanceName)).toEqual(['hardened']);
    const stopped = await h.sm.send(new ListNotebookInstancesCommand({ StatusEquals: 'Stopped' }));
    expect(stopped.NotebookInstances!.every((n) => n.NotebookInstanceStatus === 'Stopped')).toBe(true);
    const later = await h.sm.send(new ListNotebookInstancesCommand({ CreationTimeAfter: new Date(h.now().getTime() + 1) }));
    expect(later.NotebookInstances).toEqual([]);
    const badStatus = await awsError(() => h.sm.send(new ListNotebookInstancesCommand({ StatusEquals: 'Running' as never })));
    expect(badStatus.message).toContain("Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [Pending, InService, Stopping, Stopped, Failed, Deleting, Updating]");
    const badToken = await awsError(() => h.sm.send(new ListNotebookInstancesCommand({ NextToken: 'garbage' })));
    expect(badToken.name).toBe('ValidationException');
  });

  it('tags notebooks on create and with AddTags/DeleteTags/ListTags', async () => {
    const arn = (await h.sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'tagged', InstanceType: 'ml.t3.medium', RoleArn: role, Tags: [{ Key: 'Project', Value: 'churn' }] }))).NotebookInstanceArn!;
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);
    const added = await h.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'CostCenter', Value: 'ml-42' }, { Key: 'Project', Value: 'fraud' }] }));
    expect(added.Tags).toHaveLength(2);
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'Project', Value: 'fraud' }, { Key: 'CostCenter', Value: 'ml-42' }]);
    await h.sm.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ['Project'] }));
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'CostCenter', Value: 'ml-42' }]);
    const reserved = await awsError(() => h.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'aws:x', Value: 'y' }] })));
    expect(reserved.name).toBe('ValidationException');
    const tooMany = await awsError(() => h.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })));
    expect(tooMany.message).toContain('Member must have length less than or equal to 50');
    const unknown = await awsError(() => h.sm.send(new ListTagsCommand({ ResourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/none' })));
    expect(unknown.name).toBe('ValidationException');
  });
});

describe('SageMaker notebook lifecycle configurations', () => {
  let h: SageMakerHarness;
  beforeAll(async () => {
    h = await sageMakerHarness();
  });
  afterAll(async () => h.stop());

  it('keeps base64 scripts, updates, lists and deletes them', async () => {
    const onStart = [{ Content: b64('#!/bin/bash\nexport DB_PASSWORD=hunter2\n') }];
    const created = await h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'setup', OnStart: onStart, Tags: [{ Key: 'Project', Value: 'churn' }] }));
    expect(created.NotebookInstanceLifecycleConfigArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:notebook-instance-lifecycle-config/setup');
    const described = await h.sm.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'setup' }));
    expect(described.OnStart).toEqual(onStart);
    expect(described.OnCreate).toBeUndefined();
    expect(Buffer.from(described.OnStart![0]!.Content!, 'base64').toString()).toContain('DB_PASSWORD');
    expect((await h.sm.send(new ListTagsCommand({ ResourceArn: created.NotebookInstanceLifecycleConfigArn }))).Tags).toEqual([{ Key: 'Project', Value: 'churn' }]);

    h.advance(1000);
    const clean = [{ Content: b64('#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\n') }];
    await h.sm.send(new UpdateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'setup', OnStart: clean, OnCreate: [{ Content: b64('echo hi') }] }));
    const updated = await h.sm.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'setup' }));
    expect(updated.OnStart).toEqual(clean);
    expect(updated.LastModifiedTime!.getTime()).toBe(updated.CreationTime!.getTime() + 1000);

    await h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'other' }));
    const listed = await h.sm.send(new ListNotebookInstanceLifecycleConfigsCommand({ SortBy: 'Name', SortOrder: 'Ascending' }));
    expect(listed.NotebookInstanceLifecycleConfigs!.map((c) => c.NotebookInstanceLifecycleConfigName)).toEqual(['other', 'setup']);
    await h.sm.send(new DeleteNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'other' }));
    const gone = await awsError(() => h.sm.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'other' })));
    expect(gone.message).toBe("Unable to describe Notebook Instance Lifecycle Config 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance-lifecycle-config/other'. (Details: Notebook Instance Lifecycle Config does not exist.)");
  });

  it('refuses scripts that are not base64, too long, or more than one per hook', async () => {
    const notBase64 = await awsError(() => h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'raw', OnStart: [{ Content: '#!/bin/bash\necho hi' }] })));
    expect(notBase64.name).toBe('ValidationException');
    expect(notBase64.message).toContain('OnStart[0].Content is not valid base64');
    const tooLong = await awsError(() => h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'long', OnCreate: [{ Content: 'A'.repeat(16388) }] })));
    expect(tooLong.message).toContain("at 'onCreate.1.member.content' failed to satisfy constraint: Member must have length less than or equal to 16384");
    const two = await awsError(() => h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'two', OnStart: [{ Content: b64('a') }, { Content: b64('b') }] })));
    expect(two.message).toContain("at 'onStart' failed to satisfy constraint: Member must have length less than or equal to 1");
    await h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'once' }));
    const dup = await awsError(() => h.sm.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'once' })));
    expect(dup.message).toBe('Unable to create Notebook Instance Lifecycle Config arn:aws:sagemaker:us-east-1:123456789012:notebook-instance-lifecycle-config/once. (Details: Notebook Instance Lifecycle Config already exists.)');
  });
});
