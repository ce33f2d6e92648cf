/**
 * The lab's selftest on a private in-process emulator (and on moto_server when installed): setup →
 * every task fails as designed → each near-miss still fails → the reference solution passes →
 * teardown → nothing left.
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import { announceMotoSkip, MOTO_AVAILABLE, motoEnv, startMoto } from '../../test/support/moto.ts';

const lab = await findLab('notebook-network-isolation');

describe('notebook-network-isolation selftest', { timeout: 180_000 }, () => {
  it('passes on the embedded emulator', async () => {
    const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'in-process' })) });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.filter((s) => s.name.startsWith('near-miss'))).toHaveLength(lab.definition.nearMisses.length);
  });
});

announceMotoSkip('notebook-network-isolation selftest on moto_server');

describe.skipIf(!MOTO_AVAILABLE)('notebook-network-isolation on moto_server', { timeout: 180_000 }, () => {
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
