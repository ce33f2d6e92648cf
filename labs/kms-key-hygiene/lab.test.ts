/**
 * kms-key-hygiene: the selftest on the embedded emulator (and on moto_server when installed), plus
 * a different valid fix that must pass too — a 90-day rotation period, a key policy that keeps a
 * "*" statement but limits it to the account with kms:CallerAccount and names a partner account,
 * and a role policy written as a fresh inline policy next to nothing else.
 */
import { DeleteRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { EnableKeyRotationCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, targetSettingsFromEnv, type Target } from '../../src/aws/index.ts';
import { resourceNames } from '../../src/labs/context.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import * as runner from '../../src/labs/runner.ts';
import { announceMotoSkip, MOTO_AVAILABLE, motoEnv, startMoto } from '../../test/support/moto.ts';

const lab = await findLab('kms-key-hygiene');

describe('kms-key-hygiene on the embedded emulator', { timeout: 180_000 }, () => {
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

  it('passes a different valid fix: rotation period, a caller-account condition, a partner account, a new inline policy', async () => {
    const aws = createAwsClients(target);
    const rt: runner.LabRuntime = { lab: lab.definition, aws, target };
    const runId = 'altkms01';
    const names = resourceNames(lab.definition, runId);
    const { facts } = await runner.provision(rt, runId);
    try {
      const { accountId } = await aws.identity();
      const kms = await aws.client('kms');
      const iam = await aws.client('iam');
      await kms.send(new EnableKeyRotationCommand({ KeyId: facts.featureKeyId, RotationPeriodInDays: 90 }));
      const policy = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:Decrypt', Resource: '*' },
          { Sid: 'ViaS3InThisAccount', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
        ],
      };
      await kms.send(new PutKeyPolicyCommand({ KeyId: facts.featureKeyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
      await iam.send(new DeleteRolePolicyCommand({ RoleName: names.dataScientistRole, PolicyName: 'key-access' }));
      const usage = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:Encrypt'], Resource: [facts.featureKeyArn] }] };
      await iam.send(new PutRolePolicyCommand({ RoleName: names.dataScientistRole, PolicyName: 'clinical-ml-keys', PolicyDocument: JSON.stringify(usage) }));

      const after = await runner.grade(rt, { runId, facts, answers: {} });
      expect(after.tasks.flatMap((t) => t.findings.filter((f) => f.status !== 'pass').map((f) => `${t.id}: ${f.summary}`))).toEqual([]);
    } finally {
      await runner.teardown(rt, { runId, facts, undo: [] });
      expect(await runner.listRunResources(rt, runId)).toEqual([]);
      aws.destroy();
    }
  });
});

announceMotoSkip('kms-key-hygiene selftest on moto_server');

describe.skipIf(!MOTO_AVAILABLE)('kms-key-hygiene on moto_server', { timeout: 180_000 }, () => {
  it('passes its selftest', async () => {
    const moto = await startMoto();
    try {
      const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(motoEnv(moto.endpoint))) });
      expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    } finally {
      await moto.stop();
    }
  });
});
