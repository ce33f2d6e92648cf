/**
 * cost-and-capacity's selftest on every server available here (test/support/lab-servers.ts: the embedded
 * emulator always, moto_server where installed): setup → every task fails as designed → each
 * near-miss still fails → the reference solution passes → teardown → nothing left. A server that
 * lacks an operation the lab needs must say so before anything is created (reported unavailable,
 * with the reason); the embedded emulator must run it.
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import { endpointEnv, labServers } from '../../test/support/lab-servers.ts';

const lab = await findLab('cost-and-capacity');

for (const kind of labServers) {
  if (!kind.available) console.warn(kind.skipMessage(`cost-and-capacity selftest on ${kind.name}`));

  describe.skipIf(!kind.available)(`cost-and-capacity on ${kind.name}`, { timeout: 180_000 }, () => {
    it('passes its selftest, or says before creating anything why this server cannot run it', async () => {
      const server = await kind.start();
      try {
        const report = await selftestLab(lab, { openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))) });
        if (report.unavailable !== undefined && kind.name !== 'embedded emulator') {
          console.warn(`cost-and-capacity is not available on ${kind.name}: ${report.unavailable}`);
          expect(report.unavailable.length).toBeGreaterThan(10);
          expect(report.unavailable).toMatch(/Nothing was created/);
          return;
        }
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
