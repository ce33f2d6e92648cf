/**
 * From a lesson to its questions: the lesson page shows bank questions on its items (answer
 * revealed without JavaScript), and its practice link starts a practice set scoped to the lesson.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, hasChromium, launchChromium, noChromiumMessage, startBuiltSite, type RunningSite } from './support/built-site.ts';
import { collectPageErrors } from './support/page-errors.ts';

if (!hasChromium) console.warn(`[lesson-practice] ${noChromiumMessage}`);

describe.skipIf(!hasChromium)('lesson practice questions', () => {
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    site = await startBuiltSite();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('shows bank questions on the lesson and reveals an answer without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/lessons/least-privilege-for-ml-artifacts`);
    const section = page.getByRole('region', { name: 'Practice questions from the exam bank' });
    const questions = section.locator('.kc-question');
    expect(await questions.count()).toBeGreaterThanOrEqual(1);
    await questions.first().getByText('Show the answer').click();
    await expect.poll(() => questions.first().locator('.kc-correct').isVisible()).toBe(true);
    await context.close();
  });

  it("follows the lesson's practice link to a practice set on exactly the lesson's items", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(`${site.url}/lessons/least-privilege-for-ml-artifacts`);
    const link = page.getByRole('link', { name: /^Practise all \d+ bank questions on these items$/ });
    const count = Number((await link.textContent())!.match(/\d+/)![0]);
    await Promise.all([page.waitForURL(/\/exams\/\?lesson=least-privilege-for-ml-artifacts/), link.click()]);

    const offer = page.getByRole('region', { name: /Practice for “Least privilege for ML artifacts”/ });
    await expect.poll(() => offer.textContent()).toContain(`${count} questions test this lesson's exam guide items (4.3.S1, 4.3.K1)`);
    await page.screenshot({ path: join(artifactsDir, 'lesson-practice-offer.png') });
    await Promise.all([page.waitForURL(/\/exams\/session\//), offer.getByRole('button', { name: 'Start practice on this lesson' }).click()]);
    await expect.poll(() => page.locator('main').textContent()).toContain(`of ${count}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
