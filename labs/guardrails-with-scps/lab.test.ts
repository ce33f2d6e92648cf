/**
 * The guardrails lab's selftest on an embedded emulator with IAM and SCP enforcement on (setup →
 * every task fails → each near-miss still fails → the reference solution passes → teardown →
 * nothing left), and its refusal to run where SCPs do not decide: an emulator without enforcement,
 * moto_server (where installed).
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import { embeddedServer, endpointEnv, motoServer } from '../../test/support/lab-servers.ts';

const lab = await findLab('guardrails-with-scps');
const embeddedEnv = (endpoint: string) => ({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: endpoint, MLSEC_REGION: 'us-east-1' });

describe('guardrails-with-scps', { timeout: 240_000 }, () => {
  it('passes its selftest on the embedded emulator with enforcement on', async () => {
    const emu = await startEmulator({ port: 0, host: '127.0.0.1', warmUp: false, log: () => {}, enforceIam: true });
    try {
      const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(embeddedEnv(emu.url.replace(/\/$/, '')))) });
      expect(report.unavailable).toBeUndefined();
      expect(report.steps.filter((s) => !s.ok)).toEqual([]);
      expect(report.steps.filter((s) => s.name.startsWith('near-miss'))).toHaveLength(lab.definition.nearMisses.length);
      expect(report.ok).toBe(true);
    } finally {
      await emu.stop();
    }
  });

  it('is unavailable, with the reason and nothing created, on an emulator without enforcement', async () => {
    const server = await embeddedServer.start();
    try {
      const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(embeddedEnv(server.endpoint))) });
      expect(report.unavailable).toContain('start the emulator with MLSEC_EMULATOR_ENFORCE_IAM=1');
      expect(report.steps.filter((s) => !s.ok).map((s) => s.name)).toEqual(['setup']);
    } finally {
      await server.stop();
    }
  });

  if (!motoServer.available) console.warn(motoServer.skipMessage('guardrails-with-scps on moto_server'));
  it.skipIf(!motoServer.available)('is unavailable on moto_server, which does not enforce SCPs', async () => {
    const server = await motoServer.start();
    try {
      const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))) });
      expect(report.unavailable).toContain('does not enforce service control policies');
    } finally {
      await server.stop();
    }
  });
});
