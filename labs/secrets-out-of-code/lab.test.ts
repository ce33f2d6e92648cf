/**
 * The lab's selftest on a private in-process emulator: setup → every task fails as designed → each
 * near-miss still fails → the reference solution passes → teardown → nothing left.
 *
 * Not run on moto_server: its DescribeModel does not return EnableNetworkIsolation (a model created
 * with isolation reads back as without), so the model task cannot pass there.
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';

const lab = await findLab('secrets-out-of-code');

describe('secrets-out-of-code selftest', { timeout: 180_000 }, () => {
  it('passes on the embedded emulator', async () => {
    const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'in-process' })) });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(report.steps.filter((s) => s.name.startsWith('near-miss'))).toHaveLength(lab.definition.nearMisses.length);
  });
});
