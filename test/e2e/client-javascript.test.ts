/**
 * Lesson pages ship no client JavaScript. Measured two ways on the built site: the HTML files
 * under dist/client contain no <script> element, and Chromium loading each lesson page executes
 * no script and downloads zero bytes of JavaScript. The numbers are written to
 * test-artifacts/client-javascript.json (and quoted in docs/architecture.md).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, builtClientDir, hasChromium, launchChromium, noChromiumMessage, startBuiltSite, type RunningSite } from './support/built-site.ts';

const lessonIds = readdirSync(join(builtClientDir, 'lessons'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('client JavaScript on lesson pages', () => {
  it('the built HTML of every lesson page contains no <script> element', () => {
    expect(lessonIds.length).toBeGreaterThanOrEqual(3);
    for (const id of lessonIds) {
      const html = readFileSync(join(builtClientDir, 'lessons', id, 'index.html'), 'utf8');
      expect(html.length, id).toBeGreaterThan(1000);
      expect(html.match(/<script\b/gi) ?? [], id).toEqual([]);
    }
  });
});

if (!hasChromium) console.warn(`[client-javascript] ${noChromiumMessage}`);

describe.skipIf(!hasChromium)('client JavaScript measured in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await startBuiltSite();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('loads 0 scripts and 0 bytes of JavaScript on every lesson page', async () => {
    const measurements: { page: string; scriptElements: number; scriptRequests: number; javascriptBytes: number; totalBytes: number }[] = [];
    for (const path of ['/lessons', ...lessonIds.map((id) => `/lessons/${id}`)]) {
      const page = await browser.newPage();
      let scriptRequests = 0;
      let javascriptBytes = 0;
      let totalBytes = 0;
      page.on('response', async (response) => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        totalBytes += body.length;
        const type = response.request().resourceType();
        const contentType = response.headers()['content-type'] ?? '';
        if (type === 'script' || /javascript|ecmascript/.test(contentType)) {
          scriptRequests++;
          javascriptBytes += body.length;
        }
      });
      await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
      const scriptElements = await page.locator('script').count();
      measurements.push({ page: path, scriptElements, scriptRequests, javascriptBytes, totalBytes });
      await page.close();
    }
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'client-javascript.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), measurements }, null, 2)}\n`);
    console.log(`[client-javascript] ${measurements.map((m) => `${m.page}: ${m.scriptElements} script elements, ${m.javascriptBytes} B JavaScript of ${m.totalBytes} B`).join('\n  ')}`);
    for (const m of measurements) {
      expect(m, m.page).toMatchObject({ scriptElements: 0, scriptRequests: 0, javascriptBytes: 0 });
      expect(m.totalBytes, m.page).toBeGreaterThan(0);
    }
  });
});
