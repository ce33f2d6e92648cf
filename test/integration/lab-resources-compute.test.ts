/**
 * Teardown of the EC2, SageMaker, Secrets Manager and IAM resource kinds deletes exactly what the
 * run created — including what the learner added in the run's namespace (a relaunched model, an
 * endpoint in the lab VPC) — and leaves alone look-alikes of another run and untagged resources.
 * Real session service, real SQLite file, a private embedded emulator over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecurityGroupCommand, CreateVpcCommand, CreateVpcEndpointCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { CreateModelCommand, CreateNotebookInstanceLifecycleConfigCommand, DescribeModelCommand, DescribeNotebookInstanceLifecycleConfigCommand, ListModelsCommand } from '@aws-sdk/client-sagemaker';
import { CreateSecretCommand, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, targetSettingsFromEnv, type AwsClients } from '../../src/aws/index.ts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { openDatabase } from '../../src/db/index.ts';
import { findLab, LabSessionService, sqlSessionStore } from '../../src/labs/index.ts';
import { listRunResources } from '../../src/labs/runner.ts';
import { emulator } from './emulator/support.ts';

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('teardown of compute, network and secret resources (embedded emulator)', { timeout: 120_000 }, () => {
  let running: RunningEmulator;
  let dir: string;
  const env = () => ({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: running.url });
  let aws: AwsClients;

  beforeAll(async () => {
    running = await emulator({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    dir = mkdtempSync(join(tmpdir(), 'mlsec-compute-teardown-'));
    aws = await createAwsClients(await openTarget(targetSettingsFromEnv(env())));
  });
  afterAll(async () => {
    aws?.destroy();
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function session(labId: string) {
    const lab = await findLab(labId);
    const db = await openDatabase({ file: join(dir, `${labId}.db`) });
    const service = new LabSessionService({ store: sqlSessionStore(db), loadLab: async () => lab, openTarget: () => openTarget(targetSettingsFromEnv(env())), owner: 'test' });
    return { lab, db, service };
  }

  it('network-exposure: deletes its VPC with what the learner added inside; another run’s VPC and an untagged one survive', async () => {
    const ec2 = await aws.client('ec2');
    const tags = (run: string) => [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'mlsec:lab', Value: 'network-exposure' }, { Key: 'mlsec:run', Value: run }, { Key: 'Name', Value: `mlsec-${run}-feature-store-vpc` }] }];
    const otherVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.90.0.0/16', TagSpecifications: tags('otherrun') }))).Vpc!.VpcId!;
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'mlsec-otherrun-bastion', Description: 'other run', VpcId: otherVpc }));
    const plainVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.91.0.0/16' }))).Vpc!.VpcId!;

    const { lab, db, service } = await session('network-exposure');
    const started = await service.start('network-exposure');
    const vpcId = started.context.facts.vpcId!;
    // The learner adds an endpoint and a security group of their own in the lab VPC.
    await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway' }));
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'learner-extra', Description: 'added by hand', VpcId: vpcId }));
    const done = await service.send(started.id, { type: 'learner.teardown' });
    expect(done.state).toBe('done');

    const vpcs = ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId);
    expect(vpcs).toEqual(expect.arrayContaining([otherVpc, plainVpc]));
    expect(vpcs).not.toContain(vpcId);
    const groups = ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [otherVpc] }] }))).SecurityGroups ?? []).map((g) => g.GroupName);
    expect(groups).toContain('mlsec-otherrun-bastion');
    expect(await listRunResources({ lab: lab.definition, aws, target: await service.target() }, started.runId)).toEqual([]);
    await service.close();
    await db.close();
  });

  it('secrets-out-of-code: deletes its secret, models (relaunches too), lifecycle configuration and role; another run’s survive', async () => {
    const sm = await aws.client('secretsmanager');
    const sagemaker = await aws.client('sagemaker');
    const iam = await aws.client('iam');
    await sm.send(new CreateSecretCommand({ Name: 'mlsec-otherrun-claims-replica-db', SecretString: 'x' }));
    await sm.send(new CreateSecretCommand({ Name: 'team-database', SecretString: 'y' }));
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'mlsec-otherrun-claims-severity-exec', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    await sagemaker.send(new CreateModelCommand({ ModelName: 'mlsec-otherrun-claims-severity-model', ExecutionRoleArn: role, PrimaryContainer: { Image: 'img' } }));
    await sagemaker.send(new CreateNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'mlsec-otherrun-claims-notebook-setup' }));

    const { lab, db, service } = await session('secrets-out-of-code');
    const started = await service.start('secrets-out-of-code');
    // The learner relaunches the model under the lab's name plus a suffix; teardown finds it by the prefix.
    await sagemaker.send(new CreateModelCommand({ ModelName: `mlsec-${started.runId}-claims-severity-model-secure`, ExecutionRoleArn: started.context.facts.trainingRoleArn!, PrimaryContainer: { Image: 'img' } }));
    const done = await service.send(started.id, { type: 'learner.teardown' });
    expect(done.state).toBe('done');
    expect(done.context.lastTeardown!.deleted.map((r) => r.id)).toEqual(expect.arrayContaining([`mlsec-${started.runId}-claims-severity-model-secure`, `mlsec-${started.runId}-claims-notebook-setup`, `mlsec-${started.runId}-claims-severity-exec`]));

    await sm.send(new DescribeSecretCommand({ SecretId: 'mlsec-otherrun-claims-replica-db' }));
    await sm.send(new DescribeSecretCommand({ SecretId: 'team-database' }));
    await iam.send(new GetRoleCommand({ RoleName: 'mlsec-otherrun-claims-severity-exec' }));
    await sagemaker.send(new DescribeModelCommand({ ModelName: 'mlsec-otherrun-claims-severity-model' }));
    await sagemaker.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: 'mlsec-otherrun-claims-notebook-setup' }));
    const models = ((await sagemaker.send(new ListModelsCommand({ NameContains: started.runId }))).Models ?? []).map((m) => m.ModelName);
    expect(models).toEqual([]);
    expect(await listRunResources({ lab: lab.definition, aws, target: await service.target() }, started.runId)).toEqual([]);
    await service.close();
    await db.close();
  });
});
