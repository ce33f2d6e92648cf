/**
 * The production build (what `npm start` serves) carries the real, validated question bank to the
 * exam pages: the same questions `npm run exam -- validate` counts, and the page says how many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadBankFromDisk } from '../../../src/exam/bank-files.ts';
import { hasChromium, launchChromium, projectRoot, serveBuiltSite, type FixtureSite } from './fixture-site.ts';

describe.skipIf(!hasChromium)('exam pages of the production build', () => {
  let site: FixtureSite;
  let browser: Browser;
  beforeAll(async () => {
    site = await serveBuiltSite(projectRoot);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('serves the validated bank as JSON and states its size on the exams page', async () => {
    const onDisk = loadBankFromDisk({ root: projectRoot });
    const response = await fetch(`${site.url}/exams/bank.json`);
    expect(response.status).toBe(200);
    const payload = (await response.json()) as { questions: { id: string }[] };
    expect(payload.questions.map((q) => q.id).sort()).toEqual(onDisk.questions.map((q) => q.question.id).sort());

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${site.url}/exams/`);
    await page.getByRole('heading', { name: 'Practice exams' }).waitFor();
    await expect.poll(() => page.locator('.exam-home').innerText()).toMatch(new RegExp(`The bank has ${onDisk.questions.length} questions`));
    expect(errors).toEqual([]);
    await page.close();
  });
});
