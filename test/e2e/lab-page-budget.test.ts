/**
 * The lab page's JavaScript budget: everything a learner's browser loads for a running lab —
 * React, the console island and the xterm.js terminal — at most 200 KB gzip. Measured in Chromium
 * (the scripts the page actually requests once the terminal is up), each file gzipped from
 * dist/client as a server would send it. Numbers go to test-artifacts/lab-page-budget.json and
 * docs/lab-console.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, builtClientDir, hasChromium, launchChromium, noChromiumMessage } from './support/built-site.ts';
import { startLabSite, type LabSite } from './support/lab-site.ts';

const budgetBytes = 200 * 1024;
const labId = 'exposed-training-data-bucket';

if (!hasChromium) console.warn(`[lab-page-budget] ${noChromiumMessage}`);

describe.skipIf(!hasChromium)('lab page JavaScript budget', () => {
  let site: LabSite | undefined;
  beforeAll(async () => {
    site = await startLabSite();
    if (!site) console.warn('[lab-page-budget] neither the embedded emulator nor moto_server is available: skipped.');
  });
  afterAll(async () => {
    await site?.stop();
  });

  it('loads at most 200 KB of gzipped JavaScript with the terminal running', async () => {
    if (!site) return;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const scripts = new Set<string>();
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
      });
      await page.goto(`${site.url}/labs/${labId}`);
      await page.getByRole('button', { name: 'Start the lab' }).click();
      await page.locator('[data-testid=terminal] .xterm-rows').waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const files = [...scripts].sort().map((path) => {
        const bytes = readFileSync(join(builtClientDir, decodeURIComponent(path)));
        return { path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      });
      const total = { bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
      mkdirSync(artifactsDir, { recursive: true });
      writeFileSync(join(artifactsDir, 'lab-page-budget.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), budgetBytes, total, files }, null, 2)}\n`);
      console.log(`[lab-page-budget] ${files.length} scripts, ${(total.bytes / 1024).toFixed(1)} KB, ${(total.gzip / 1024).toFixed(1)} KB gzip (budget 200 KB gzip)`);
      // The terminal is counted: its chunk is named after the package.
      expect(files.some((f) => f.path.includes('xterm'))).toBe(true);
      expect(total.gzip).toBeGreaterThan(0);
      expect(total.gzip).toBeLessThanOrEqual(budgetBytes);
      await page.getByRole('button', { name: 'Tear down' }).click();
      await page.locator('text=Start the lab').waitFor();
    } finally {
      await browser.close();
    }
  });
});
