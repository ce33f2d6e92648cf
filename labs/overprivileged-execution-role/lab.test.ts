/**
 * overprivileged-execution-role: the selftest on the embedded emulator (and on moto_server when
 * installed), plus a different valid fix — inline policy instead of a new policy version, the
 * project policy detached, aws:SourceArn instead of aws:SourceAccount — which must pass too:
 * grading is by what the role can do, not by how it was changed.
 */
import { DetachRolePolicyCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, targetSettingsFromEnv, type Target } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import * as runner from '../../src/labs/runner.ts';
import { resourceNames } from '../../src/labs/context.ts';
import { announceMotoSkip, MOTO_AVAILABLE, motoEnv, startMoto } from '../../test/support/moto.ts';

const lab = await findLab('overprivileged-execution-role');

describe('overprivileged-execution-role on the embedded emulator', { timeout: 180_000 }, () => {
  let target: Target;
  beforeAll(async () => {
    target = await openTarget(targetSettingsFromEnv({ MLSEC_EMBEDDED: 'in-process' }));
  });
  afterAll(async () => {
    await target?.close();
  });

  it('passes its selftest', async () => {
    const report = await selftestLab(lab, { openTarget: async () => ({ ...target, close: async () => {} }) });
    expect(report.unavailable).toBeUndefined();
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.filter((s) => s.name.startsWith('near-miss'))).toHaveLength(lab.definition.nearMisses.length);
  });

  it('passes a different valid fix: an inline policy and aws:SourceArn', async () => {
    const aws = createAwsClients(target);
    const rt: runner.LabRuntime = { lab: lab.definition, aws, target };
    const runId = 'altfix01';
    const names = resourceNames(lab.definition, runId);
    const { facts } = await runner.provision(rt, runId);
    try {
      const before = await runner.grade(rt, { runId, facts, answers: {} });
      expect(before.tasks.map((t) => t.status)).toEqual(['fail', 'fail', 'fail', 'fail']);

      const iam = await aws.client('iam');
      const role = names.executionRole!;
      const { accountId } = await aws.identity();
      await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: facts.projectPolicyArn }));
      const bucket = `arn:aws:s3:::${names.dataBucket}`;
      const inline = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${bucket}/training/*`] },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket, Condition: { StringEquals: { 's3:prefix': 'training/' } } },
          { Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucket}/output/*` },
          { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: facts.projectKeyArn },
        ],
      };
      await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: 'training-job', PolicyDocument: JSON.stringify(inline) }));
      const trust = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:*:${accountId}:training-job/*` } } }],
      };
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: role, PolicyDocument: JSON.stringify(trust) }));

      const after = await runner.grade(rt, { runId, facts, answers: {} });
      const notPassing = after.tasks.flatMap((t) => t.findings.filter((f) => f.status !== 'pass').map((f) => `${t.id}: ${f.summary}`));
      expect(notPassing).toEqual([]);
      // The evidence names each evaluated request and the statement that decided it.
      const evidence = after.tasks.find((t) => t.id === 'scope-data-access')!.findings.find((f) => f.checkId === 'iam-role-effective-permissions')!.evidence;
      expect(evidence.find((e) => e.field.startsWith('read the training data'))?.value).toMatch(/allowed by inline policy "training-job"/);
      expect(evidence.find((e) => e.field.startsWith('overwrite training data'))?.value).toBe('denied: no statement allows it');
    } finally {
      await runner.teardown(rt, { runId, facts, undo: [] });
      expect(await runner.listRunResources(rt, runId)).toEqual([]);
      aws.destroy();
    }
  });
});

announceMotoSkip('overprivileged-execution-role selftest on moto_server');

describe.skipIf(!MOTO_AVAILABLE)('overprivileged-execution-role on moto_server', { timeout: 180_000 }, () => {
  it('passes its selftest', async () => {
    // moto_server only knows AWS managed policies (AdministratorAccess, PowerUserAccess) when asked to load them.
    process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
    const moto = await startMoto();
    try {
      const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(motoEnv(moto.endpoint))) });
      expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    } finally {
      await moto.stop();
    }
  });
});
