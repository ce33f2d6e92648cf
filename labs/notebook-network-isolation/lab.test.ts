/**
 * The lab's selftest on every server available here (the embedded emulator always, moto_server
 * where installed): setup → every task fails as designed → each near-miss still fails → the
 * reference solution passes → teardown → nothing left.
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import { endpointEnv, labServers } from '../../test/support/lab-servers.ts';

const lab = await findLab('notebook-network-isolation');

for (const kind of labServers) {
  if (!kind.available) console.warn(kind.skipMessage('notebook-network-isolation selftest on ' + kind.name));

  describe.skipIf(!kind.available)(`notebook-network-isolation on ${kind.name}`, { timeout: 180_000 }, () => {
    it('passes its selftest', async () => {
      const server = await kind.start();
      try {
        const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))) });
        expect(report.unavailable).toBeUndefined();
        expect(report.steps.filter((s) => !s.ok)).toEqual([]);
        expect(report.steps.filter((s) => s.name.startsWith('near-miss'))).toHaveLength(lab.definition.nearMisses.length);
        expect(report.ok).toBe(true);
      } finally {
        await server.stop();
      }
    });
  });
}
