/**
 * Exam history kept on the server, in Chromium against the built site: a learner finishes a
 * practice quiz; with the browser's storage cleared, /progress still lists it and its results and
 * review still open (all from the server). A quiz finished while the server cannot be reached stays in the
 * browser and is sent on the next page load. The profile exported as JSON and imported by a fresh
 * learner brings the history along; sessions saved before the server kept history are sent once.
 * Screenshots go to test-artifacts/exam-history/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBankFromDisk } from '../../src/exam/bank-files.ts';
import { indexBank } from '../../src/exam/scored-items.ts';
import { applyAction } from '../../src/exam/session-actions.ts';
import { startPractice } from '../../src/exam/session-setup.ts';
import { artifactsDir, hasChromium, launchChromium, noChromiumMessage, projectRoot, startBuiltSite, type RunningSite } from './support/built-site.ts';
import { collectPageErrors } from './support/page-errors.ts';

const shots = join(artifactsDir, 'exam-history');
/** A request cut short because the test moved on to the next page (the page is server-rendered, so it is checked before scripts finish loading) is not an error. */
const broken = (errors: string[]) => errors.filter((e) => !/^request failed: .* \(net::ERR_ABORTED\)$/.test(e));
if (!hasChromium) console.warn(`[exam-history-browser] ${noChromiumMessage}`);

describe.skipIf(!hasChromium)('exam history on the server, in the browser', () => {
  let site: RunningSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    site = await startBuiltSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await site?.stop();
  });

  /** A browser profile of its own: its own cookie (learner) and its own localStorage. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  const historyHeading = (page: Page) => page.getByRole('heading', { name: /^Exam history/ });

  it('keeps a finished quiz on the server: it survives cleared storage, and its results still open', async () => {
    const page = await freshPage();
    const errors = collectPageErrors(page);
    const score = await takeQuiz(page, site.url);
    await page.goto(`${site.url}/progress`);
    await expect.poll(() => historyHeading(page).innerText()).toBe('Exam history (1)');
    // Readiness counts the quiz's answers: some syllabus item shows "N% of M".
    expect(await page.locator('.items-table td').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+% of \d+$/)]));

    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await expect.poll(() => historyHeading(page).innerText()).toBe('Exam history (1)');
    expect(await page.locator('[data-attempt] td').nth(3).innerText()).toBe(score.replace(/ scored.*$/, ''));
    await page.screenshot({ path: join(shots, '01-history-after-clearing-storage.png'), fullPage: true });
    await page.locator('[data-attempt] a').click();
    await page.waitForURL(/\/exams\/results\/\?id=/);
    expect(await page.locator('#score-line').innerText()).toBe(score);
    // Its review opens from the server too.
    await page.goto(`${site.url}/exams/review/?id=${encodeURIComponent(new URL(page.url()).searchParams.get('id')!)}`);
    await page.locator('.review-entry').first().waitFor();
    expect(await page.locator('.review-entry').count()).toBe(5);
    expect(broken(errors)).toEqual([]);
  });

  it('keeps a quiz finished while the server is unreachable in the browser, and sends it on the next page load', async () => {
    const page = await freshPage();
    await takeQuiz(page, site.url);
    // The server goes away for recordings only: the page itself keeps working.
    await page.route('**/api/progress/exams', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
    const score = await takeQuiz(page, site.url);
    expect(score).toMatch(/^\d of 5 scored questions correct/);
    await page.goto(`${site.url}/progress`);
    await page.getByText(/^1 finished session is kept in this browser and will be sent to the server on the next page load \(the server could not be reached/).waitFor();
    expect(await historyHeading(page).innerText()).toBe('Exam history (1)');
    await page.screenshot({ path: join(shots, '02-waiting-for-the-server.png'), fullPage: true });
    await page.unroute('**/api/progress/exams');
    await page.reload();
    await expect.poll(() => historyHeading(page).innerText()).toBe('Exam history (2)');
    await page.reload();
    expect(await historyHeading(page).innerText()).toBe('Exam history (2)');
    expect(await page.getByText(/kept in this browser and will be sent/).count()).toBe(0);

    // Export, then import as a fresh learner in another browser profile.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as JSON' }).click();
    const file = join(shots, 'profile.json');
    await (await downloading).saveAs(file);
    expect(await page.getByTestId('profile-message').innerText()).toMatch(/and 2 exam sessions\.$/);

    const other = await freshPage();
    const errors = collectPageErrors(other);
    await other.goto(`${site.url}/progress`);
    expect(await historyHeading(other).innerText()).toBe('Exam history (0)');
    await other.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => other.getByTestId('profile-message').innerText()).toMatch(/^Imported 0 lessons read, 0 lab results, 2 finished exam sessions and 0 in progress\.$/);
    expect(await historyHeading(other).innerText()).toBe('Exam history (2)');
    await other.evaluate(() => window.localStorage.clear());
    await other.reload();
    await expect.poll(() => historyHeading(other).innerText()).toBe('Exam history (2)');
    await other.screenshot({ path: join(shots, '03-imported.png'), fullPage: true });
    expect(broken(errors)).toEqual([]);
  });

  it('sends the sessions an earlier version saved in the browser to the server, once', async () => {
    const bank = indexBank(loadBankFromDisk({ root: projectRoot }).questions.map((q) => q.question));
    const now = Date.now();
    const earlier = applyAction(startPractice(bank, { id: 'earlier-quiz', seed: 'earlier', now: now - 120_000, scope: { kind: 'all' }, count: 3 }), bank, { type: 'submit' }, now - 60_000).session;
    const page = await freshPage();
    const errors = collectPageErrors(page);
    // A page without exam code, to write storage as the earlier version left it.
    await page.goto(`${site.url}/glossary`);
    await page.evaluate((session) => {
      window.localStorage.setItem('mlsec.exam.sessions', JSON.stringify([session.id]));
      window.localStorage.setItem(`mlsec.exam.session.${session.id}`, JSON.stringify(session));
    }, earlier);
    await page.goto(`${site.url}/progress`);
    await expect.poll(() => historyHeading(page).innerText()).toBe('Exam history (1)');
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    expect(await historyHeading(page).innerText()).toBe('Exam history (1)');
    expect(await page.locator('[data-attempt=earlier-quiz] td').nth(3).innerText()).toBe(`0 of ${earlier.result!.scored.total}`);
    expect(broken(errors)).toEqual([]);
  });
});

/** Takes a five-question practice quiz on the exams page, answering anything; returns the results page's score line. */
async function takeQuiz(page: Page, url: string): Promise<string> {
  // A set of 5 drawn with a case study keeps the case whole (6 or more items); draw again then.
  for (let attempt = 0; ; attempt++) {
    await page.goto(`${url}/exams/`);
    await page.locator('#practice-count').selectOption('5');
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForURL(/\/exams\/session\/\?id=/);
    await page.locator('.question-panel').waitFor();
    if (/^Question 1 of 5\b/.test(await page.locator('.question-heading').innerText())) break;
    if (attempt === 20) throw new Error('no five-question practice set in 20 draws');
  }
  for (let n = 1; n <= 5; n++) {
    await page.locator('.question-panel').waitFor();
    await answerSomehow(page);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback .verdict').waitFor();
    if (n < 5) await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await page.locator('.question-nav').getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: 'Finish and see results' }).click();
  await page.waitForURL(/\/exams\/results\/\?id=/);
  return page.locator('#score-line').innerText();
}

/** Gives some answer to whatever question type is shown, so Check answer becomes available. */
async function answerSomehow(page: Page): Promise<void> {
  const panel = page.locator('.question-panel');
  if (await panel.locator('input[type=radio]').count()) return panel.locator('input[type=radio]').first().check();
  if (await panel.locator('input[type=checkbox]').count()) return panel.locator('input[type=checkbox]').first().check();
  const selects = panel.locator('select');
  if (await selects.count()) {
    for (const select of await selects.all()) {
      const value = await select.locator('option').nth(1).getAttribute('value');
      await select.selectOption(value!);
    }
    return;
  }
  const move = panel.getByRole('button', { name: /Move down/ }).first();
  if (await move.count()) return move.click();
  throw new Error(`no answer control found in: ${await panel.innerText()}`);
}
