/**
 * The lab's selftest on the embedded emulator: setup → every task fails as designed → each near-miss still fails → the
 * reference solution passes → teardown → nothing left.
 *
 * Not run on moto_server: moto_server does not implement notebook lifecycle configurations (it answers an HTML error page), so setup cannot build the scenario there.
 */
import { describe, expect, it } from 'vitest';
import { openTarget, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { findLab, selftestLab } from '../../src/labs/index.ts';
import { embeddedServer, endpointEnv } from '../../test/support/lab-servers.ts';

const lab = await findLab('secrets-out-of-code');

for (const kind of [embeddedServer]) {
  if (!kind.available) console.warn(kind.skipMessage('secrets-out-of-code selftest on ' + kind.name));

  describe.skipIf(!kind.available)(`secrets-out-of-code on ${kind.name}`, { timeout: 180_000 }, () => {
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
