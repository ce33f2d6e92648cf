/**
 * incident-investigation's selftest on the embedded emulator (a private in-process one): setup → every
 * task fails as designed → each near-miss still fails → the reference solution passes → teardown →
 * nothing left. moto_server lacks CloudTrail LookupEvents, so the lab is not run there.
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';

const lab = await findLab('incident-investigation');

describe('incident-investigation on the embedded emulator', { timeout: 180_000 }, () => {
  it('passes its selftest, with every near-miss still failing its task', async () => {
    const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'in-process' })) });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.filter((s) => s.name.startsWith('near-miss'))).toHaveLength(lab.definition.nearMisses.length);
    expect(report.steps.map((s) => s.name)).toContain('no lab resource left (listing by run tag and prefix)');
  });
});
