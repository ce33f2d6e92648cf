/**
 * A learner takes a short timed exam with every question type using only the keyboard, pauses
 * and reloads mid-way, submits, and checks the score, the results and the review; then drills the
 * misses with immediate feedback. A second test fakes the page clock to see time warnings and
 * the automatic submission when time is up. Screenshots go to test-artifacts/exam/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadBankFromDisk } from '../../../src/exam/bank-files.ts';
import { indexBank, type ScoredItem } from '../../../src/exam/scored-items.ts';
import { scaleFraction } from '../../../src/exam/scaled-score.ts';
import { artifactsDir, hasChromium, launchChromium, projectRoot, startFixtureSite, CHROMIUM_PATH, type FixtureSite } from './fixture-site.ts';
import { isFocused, tabTo } from './keyboard.ts';

const bank = indexBank(loadBankFromDisk({ root: projectRoot, questionsDir: 'test/fixtures/questions/valid' }).questions.map((q) => q.question));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

if (!hasChromium) console.warn(`Chromium not found at ${CHROMIUM_PATH}: exam browser tests skipped. Install it with "apt-get install -y chromium".`);

describe.skipIf(!hasChromium)('practice exam in the browser, keyboard only', () => {
  let site: FixtureSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    site = await startFixtureSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  function watchErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    return errors;
  }

  async function currentItem(page: Page): Promise<ScoredItem> {
    const stem = squash(await page.locator('.question-panel .stem').innerText());
    const item = bank.items.find((i) => squash(i.stem) === stem);
    if (!item) throw new Error(`no fixture question has the stem on screen: ${stem}`);
    return item;
  }

  async function chooseSingle(page: Page, optionText: string) {
    const labels = (await page.locator('.question-panel .choice span').allInnerTexts()).map(squash);
    const target = labels.indexOf(squash(optionText));
    expect(target).toBeGreaterThanOrEqual(0);
    await tabTo(page, page.locator('.question-panel input[type=radio]').first());
    if (target === 0) await page.keyboard.press('Space');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('.question-panel input[type=radio]').nth(target).isChecked()).toBe(true);
  }

  async function chooseMultiple(page: Page, optionTexts: string[]) {
    for (const text of optionTexts) {
      const box = page.getByRole('checkbox', { name: squash(text) });
      await tabTo(page, box);
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
  }

  async function order(page: Page, wanted: string[]) {
    const shown = async () => (await page.locator('.ordering-text').allInnerTexts()).map(squash);
    const target = wanted.map(squash);
    for (let position = 0; position < target.length; position++) {
      const from = (await shown()).indexOf(target[position]!);
      if (from === position) continue;
      const up = page.locator('.ordering-step').nth(from).getByRole('button', { name: /^Move up/ });
      await tabTo(page, up);
      for (let i = from; i > position; i--) {
        await page.keyboard.press('Enter');
        // Focus follows the step as it moves.
        await expect.poll(() => isFocused(page.locator('.ordering-step').nth(i - 1).getByRole('button', { name: /^Move up/ }))).toBe(true);
      }
    }
    expect(await shown()).toEqual(target);
  }

  async function match(page: Page, pairs: [prompt: string, response: string][]) {
    for (const [prompt, response] of pairs) {
      const select = page.getByLabel(squash(prompt), { exact: true });
      await tabTo(page, select);
      for (let i = 0; i < 12 && squash(await select.locator('option:checked').innerText()) !== squash(response); i++) await page.keyboard.press('ArrowDown');
      expect(squash(await select.locator('option:checked').innerText())).toBe(squash(response));
    }
  }

  async function next(page: Page) {
    await tabTo(page, page.getByRole('button', { name: 'Next', exact: true }));
    await page.keyboard.press('Enter');
  }

  it('takes a timed exam with every question type, submits, and checks the score and the review', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(`${site.url}/exams/`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Practice exams');
    expect(await page.locator('#exam-count').inputValue()).toBe('7');
    await page.screenshot({ path: join(artifactsDir, '01-exams-home.png'), fullPage: true });

    await tabTo(page, page.getByRole('button', { name: 'Start timed exam' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/exams\/session\/\?id=/);
    await page.locator('.question-panel').waitFor();
    expect(await page.locator('.runner-title').innerText()).toBe('Domain 4 set: 7 questions, 14 minutes');
    expect(await page.locator('[role=timer]').getAttribute('aria-label')).toMatch(/^Time left: 1[34] minutes/);

    const seen = new Set<string>();
    for (let n = 1; n <= 7; n++) {
      expect(await page.locator('.question-heading').innerText()).toMatch(new RegExp(`^Question ${n} of 7`));
      const item = await currentItem(page);
      seen.add(item.type);
      switch (item.id) {
        case 'fx-feature-drift-alerting':
          // Left unanswered and flagged: counts as wrong.
          await tabTo(page, page.getByRole('button', { name: 'Flag for review' }));
          await page.keyboard.press('Enter');
          expect(await page.getByRole('button', { name: 'Flagged for review' }).getAttribute('aria-pressed')).toBe('true');
          break;
        case 'fx-kms-access-denied':
          await chooseSingle(page, item.type === 'single' ? item.options.find((o) => o.correct)!.text : '');
          break;
        case 'fx-isolated-notebooks-case-fix-notebooks':
          expect(await page.locator('.scenario').innerText()).toMatch(/Case study · question 1 of 2 on this scenario/);
          await chooseSingle(page, item.type === 'single' ? item.options.find((o) => o.id === 'b')!.text : '');
          break;
        case 'fx-least-privilege-artifacts':
          // One of the two correct options only: no partial credit.
          await chooseMultiple(page, item.type === 'multiple' ? [item.options.find((o) => o.id === 'a')!.text] : []);
          expect(await page.locator('.selection-count').innerText()).toBe('1 of 2 selected');
          break;
        case 'fx-trail-with-the-cli':
        case 'fx-isolated-notebooks-case-build-network':
          await order(page, item.type === 'ordering' ? item.items.map((s) => s.text) : []);
          break;
        case 'fx-instance-families':
          if (item.type === 'matching') await match(page, item.prompts.map((p) => [p.text, item.responses.find((r) => r.id === p.answer)!.text]));
          break;
        default:
          throw new Error(`unexpected question ${item.id}`);
      }
      if (n === 3) {
        // Pause, reload: the pause and the answers survive in the browser's storage.
        await page.screenshot({ path: join(artifactsDir, '02-question-3.png'), fullPage: true });
        await tabTo(page, page.getByRole('button', { name: 'Pause' }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Exam paused' }).waitFor();
        await page.reload();
        await page.getByRole('heading', { name: 'Exam paused' }).waitFor();
        await tabTo(page, page.getByRole('button', { name: 'Resume exam' }));
        await page.keyboard.press('Enter');
        await page.locator('.question-panel').waitFor();
        expect(await page.locator('.question-heading').innerText()).toMatch(/^Question 3 of 7/);
      }
      if (n < 7) await next(page);
    }
    expect([...seen].sort()).toEqual(['matching', 'multiple', 'ordering', 'single']);
    const navigator = await page.locator('.navigator-button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    expect(navigator.filter((label) => label!.includes('not answered'))).toHaveLength(1);
    expect(navigator.filter((label) => label!.includes('partly answered'))).toHaveLength(1);
    expect(navigator.filter((label) => label!.includes('flagged'))).toHaveLength(1);

    await tabTo(page, page.locator('.question-nav').getByRole('button', { name: 'Review and submit' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Submit the exam?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/5 of 7 answered[\s\S]*1 partly answered[\s\S]*1 not answered[\s\S]*1 flagged for review/);
    expect(await isFocused(page.getByRole('button', { name: 'Back to the exam' }))).toBe(true);
    await page.screenshot({ path: join(artifactsDir, '03-submit-dialog.png') });
    await tabTo(page, page.getByRole('button', { name: 'Submit exam' }));
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/exams\/results\/\?id=/);
    await page.locator('#score-line').waitFor();
    expect(squash(await page.locator('#score-line').innerText())).toBe('4 of 7 scored questions correct (57%).');
    expect(await page.locator('.score-facts').innerText()).toMatch(/1 not answered \(counted as wrong; there is no penalty for guessing\)/);
    const scaled = scaleFraction(4 / 7);
    expect(squash(await page.locator('.scaled-number').innerText())).toBe(`Estimated scaled score: ${scaled} on 100–1000`);
    expect(await page.locator('.scaled-score').innerText()).toMatch(/Below 720: not yet a pass\./);
    const taskRows = await page.locator('figure#by-task, figure').first().locator('tbody tr').allInnerTexts();
    expect(taskRows.map(squash)).toEqual([
      '4.1 Monitor model inference 0 of 1 0% Not yet',
      '4.2 Monitor and optimize infrastructure and costs 2 of 2 100% Ready',
      '4.3 Secure AWS resources 2 of 4 50% Not yet',
    ]);
    expect(await page.locator('svg.readiness-chart').first().getAttribute('role')).toBe('img');
    await page.screenshot({ path: join(artifactsDir, '04-results.png'), fullPage: true });

    await tabTo(page, page.getByRole('link', { name: 'Review every answer' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/exams\/review\/\?id=/);
    await page.locator('.review-entry').first().waitFor();
    expect(await page.locator('.review-entry').count()).toBe(7);
    const entry = (id: string) => page.locator('.review-entry').filter({ hasText: squash(bank.itemById.get(id)!.stem).slice(0, 60) });
    expect(await entry('fx-feature-drift-alerting').locator('.verdict').innerText()).toMatch(/Not answered \(counts as wrong\)/);
    expect(await entry('fx-least-privilege-artifacts').locator('.verdict').innerText()).toMatch(/Incomplete, so incorrect/);
    expect(await entry('fx-kms-access-denied').locator('.verdict').innerText()).toMatch(/Correct/);
    const fix = entry('fx-isolated-notebooks-case-fix-notebooks');
    expect(await fix.locator('.verdict').innerText()).toMatch(/^✗ Incorrect/);
    expect(await fix.locator('.review-option').filter({ hasText: 'Stop each notebook instance' }).innerText()).toMatch(/Your answer[\s\S]*UpdateNotebookInstance cannot change direct internet access/);
    expect(await fix.locator('.review-option').filter({ hasText: 'Create new notebook instances' }).innerText()).toMatch(/Correct answer, not chosen/);
    expect(await entry('fx-instance-families').locator('table').innerText()).toMatch(/Memory-optimized instances give the most memory per vCPU/);
    await page.screenshot({ path: join(artifactsDir, '05-review.png'), fullPage: true });

    await tabTo(page, page.getByRole('radio', { name: 'All questions' }));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Incorrect or unanswered' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Showing' }).innerText()).toBe('Showing 3 of 7 questions.');

    // The three misses are due in a drill, with immediate feedback.
    await page.goto(`${site.url}/exams/`);
    await page.getByRole('heading', { name: 'Drill your weak spots' }).waitFor();
    expect(await page.locator('#drill-section').innerText()).toMatch(/3 questions are due for review\./);
    expect(await page.locator('.results-table tbody tr').first().innerText()).toMatch(/Domain 4 set: 7 questions, 14 minutes\s+.*\s+4 of 7\s+606/);
    await page.screenshot({ path: join(artifactsDir, '06-home-after-exam.png'), fullPage: true });
    await tabTo(page, page.getByRole('button', { name: 'Start a drill of 3 questions' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/exams\/session\/\?id=/);
    await page.locator('.question-panel').waitFor();
    expect(await page.locator('.runner-title').innerText()).toBe('Drill: 3 questions from your weak spots');
    const drilled = await currentItem(page);
    if (drilled.type === 'single') await chooseSingle(page, drilled.options.find((o) => o.correct)!.text);
    else if (drilled.type === 'multiple') await chooseMultiple(page, drilled.options.filter((o) => o.correct).map((o) => o.text));
    await tabTo(page, page.getByRole('button', { name: 'Check answer' }));
    await page.keyboard.press('Enter');
    await page.locator('.feedback .verdict').waitFor();
    expect(await page.locator('.feedback .verdict').innerText()).toMatch(/^✓ Correct/);
    await expect.poll(() => isFocused(page.locator('.feedback'))).toBe(true);
    await page.screenshot({ path: join(artifactsDir, '07-drill-feedback.png'), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  });

  it('warns as time runs low and submits when time is up (page clock faked, no waiting)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.clock.install({ time: new Date('2026-05-01T09:00:00Z') });
    await page.goto(`${site.url}/exams/`);
    await tabTo(page, page.getByRole('button', { name: 'Start timed exam' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/exams\/session\/\?id=/);
    await page.locator('.question-panel').waitFor();

    await page.clock.fastForward('04:01');
    await expect.poll(() => page.locator('.announcer').innerText()).toMatch(/10 minutes left\./);
    expect(await page.locator('.announcer').getAttribute('aria-live')).toBe('polite');
    await page.screenshot({ path: join(artifactsDir, '08-time-warning.png') });

    await page.clock.fastForward('10:00');
    await page.waitForURL(/\/exams\/results\/\?id=/);
    await page.locator('#score-line').waitFor();
    expect(await page.locator('.results').innerText()).toMatch(/Time ran out, so the exam was submitted automatically\. Unanswered questions count as wrong\./);
    expect(squash(await page.locator('#score-line').innerText())).toBe('0 of 7 scored questions correct (0%).');
    expect(await page.locator('.score-facts').innerText()).toMatch(/7 not answered[\s\S]*Time used: 14 minutes of 14 minutes\./);
    await page.screenshot({ path: join(artifactsDir, '09-time-up-results.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
