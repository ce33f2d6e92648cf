/**
 * Browser smoke test of the built site (what `npm start` serves): open the home page, follow a
 * link to a lesson, check its heading, and check that nothing errored along the way. Screenshots
 * go to test-artifacts/ for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, hasChromium, launchChromium, noChromiumMessage, startBuiltSite, type RunningSite } from './support/built-site.ts';
import { collectPageErrors } from './support/page-errors.ts';

if (!hasChromium) console.warn(`[smoke] ${noChromiumMessage}`);

describe.skipIf(!hasChromium)('site smoke test in Chromium', () => {
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

  it('opens the home page, follows a link to a lesson and shows its heading, without errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);

    await page.goto(`${site.url}/`);
    await expect.poll(() => page.title()).toContain('mlsec-sim');
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Secure, monitor and govern machine learning');
    await page.screenshot({ path: join(artifactsDir, 'home.png'), fullPage: true });

    // The home page's "Lessons" section lists every lesson by title.
    const lessonLink = page.getByRole('region', { name: 'Lessons' }).getByRole('link').first();
    const linkText = (await lessonLink.textContent())!.trim();
    const href = (await lessonLink.getAttribute('href'))!;
    await Promise.all([page.waitForURL(`${site.url}${href}`), lessonLink.click()]);

    const heading = (await page.locator('main h1').textContent())!.trim();
    expect(heading.length).toBeGreaterThan(5);
    expect(href).toMatch(/^\/lessons\/[a-z0-9-]+$/);
    expect(heading).toBe(linkText);
    expect(await page.locator('main h1').count()).toBe(1);
    expect(await page.title()).toBe(`${heading} · mlsec-sim`);
    await page.screenshot({ path: join(artifactsDir, 'lesson.png'), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts a visible skip link first in the keyboard order, and it moves focus to the content', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/lessons`);
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to content');
    const box = await focused.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('reveals a knowledge-check answer and searches the lessons with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${site.url}/lessons/least-privilege-for-ml-artifacts`);
    const question = page.locator('.kc-question').first();
    const answer = question.locator('.kc-correct');
    expect(await answer.isVisible()).toBe(false);
    await question.locator('summary').click();
    expect(await answer.isVisible()).toBe(true);
    expect(await answer.textContent()).toMatch(/Answer: [A-F]/);

    await page.fill('#site-search-q', 'anomaly detection');
    await Promise.all([page.waitForURL(/\/search\?q=anomaly\+detection/), page.press('#site-search-q', 'Enter')]);
    const results = page.locator('main ol a');
    expect(await results.count()).toBeGreaterThan(0);
    // Results link to the best-matching section of each lesson; which lesson ranks first depends on
    // the content, so check the shape of the links and that a lesson teaching the term is among them.
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs[0]).toMatch(/^\/lessons\/[a-z0-9-]+#[a-z0-9-]+$/);
    expect(hrefs.some((href) => href.startsWith('/lessons/monitoring-data-quality-and-model-performance#'))).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });
});
