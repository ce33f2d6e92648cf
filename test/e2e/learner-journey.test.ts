/**
 * A new learner's journey through the built site in Chromium, against a private emulator: read a
 * lesson, open its lab, start it, fix one finding by typing `aws` commands into the in-browser
 * terminal (with Tab completion), press Check and see that task pass, then take a five-question
 * practice quiz. Then an axe-core audit of a lesson, the live lab page and the exams page: no
 * serious or critical violation. Screenshots go to test-artifacts/journey/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors } from './support/page-errors.ts';
import { artifactsDir, hasChromium, launchChromium, noChromiumMessage } from './support/built-site.ts';
import { startLabSite, type LabSite } from './support/lab-site.ts';

const shots = join(artifactsDir, 'journey');
const lessonId = 'least-privilege-for-ml-artifacts';
const labId = 'exposed-training-data-bucket';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

if (!hasChromium) console.warn(`[learner-journey] ${noChromiumMessage}`);

describe.skipIf(!hasChromium)('a new learner in the browser', () => {
  let site: LabSite | undefined;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await startLabSite();
    if (!site) console.warn('[learner-journey] neither the embedded emulator nor moto_server is available: skipped.');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    errors = collectPageErrors(page);
    mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function typeInTerminal(text: string, options: { enter?: boolean } = { enter: true }) {
    await page.locator('[data-testid=terminal] .xterm-helper-textarea').focus();
    await page.keyboard.type(text, { delay: 2 });
    if (options.enter) await page.keyboard.press('Enter');
  }

  it('reads a lesson, fixes a finding in the lab terminal, passes that task, and takes a practice quiz', async () => {
    if (!site) return;
    // 1. The lesson, and its lab under "Practise it".
    await page.goto(`${site.url}/lessons/${lessonId}`);
    expect(await page.locator('h1').innerText()).toBe('Least privilege for ML artifacts');
    await page.screenshot({ path: join(shots, '01-lesson.png') });
    // Marking it read is a plain form (lesson pages ship no JavaScript); it lands on /progress.
    await page.getByRole('button', { name: 'I have read this lesson' }).click();
    await page.waitForURL(/\/progress\?read=/);
    expect(await page.getByRole('status').filter({ hasText: 'Recorded' }).innerText()).toBe('Recorded: you read “Least privilege for ML artifacts”.');
    // Leave only once /progress has loaded its scripts, as a reader would (leaving earlier aborts them).
    await page.waitForLoadState('load');
    await page.goBack();
    await page.locator('#practise-it ~ ul').getByRole('link', { name: labId }).click();
    await page.waitForURL(`${site.url}/labs/${labId}`);
    await page.getByRole('heading', { name: 'The story' }).waitFor();

    // 2. Start the lab: provisioning, then Ready.
    await page.getByRole('button', { name: 'Start the lab' }).click();
    await page.locator('[data-testid=session-state][data-state=ready]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.steps li[data-status=done]').count()).toBe(4);
    expect(await page.locator('.steps li').last().textContent()).toMatch(/Open the bucket the way the contractor did/);
    const bucket = await page.locator('[data-resource=trainingBucket]').innerText();
    expect(bucket).toMatch(/^mlsec-[a-z0-9]+-fraud-training-data$/);
    await page.locator('[data-testid=terminal] .xterm-rows').waitFor();
    await page.screenshot({ path: join(shots, '02-lab-ready.png'), fullPage: true });

    // 3. A first check: every task fails, with evidence and a remediation command.
    await page.getByRole('button', { name: 'Check my work' }).click();
    const versioning = page.locator('[data-task=turn-on-versioning]');
    await page.locator('[data-task=turn-on-versioning][data-status=fail]').waitFor();
    expect(await versioning.innerText()).toMatch(/GetBucketVersioning\.Status[\s\S]*Enabled/);
    expect(await versioning.locator('.snippet code').innerText()).toBe(`aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`);
    expect(await page.getByTestId('check-round-trip').innerText()).toMatch(/round trip \d+ ms/);
    // The environment diagram marks the bucket with its failing checks.
    await page.locator(`.environment-diagram [data-node="${bucket}"][data-status=fail]`).waitFor();

    // 4. The terminal: a typo gets the closest names; Tab completes; the fix runs.
    await typeInTerminal('aws s3api get-bucket-versionin --bucket ' + bucket);
    await expect.poll(() => page.getByTestId('terminal-log').innerText()).toMatch(/Did you mean: get-bucket-versioning/);
    await typeInTerminal('aws s3api put-bucket-vers', { enter: false });
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('[data-testid=terminal] .xterm-rows').innerText()).toMatch(/\$ aws s3api put-bucket-versioning\s*$/m);
    await page.keyboard.type(`--bucket ${bucket} --versioning-configuration Status=Enabled`, { delay: 2 });
    await page.keyboard.press('Enter');
    await typeInTerminal(`aws s3api get-bucket-versioning --bucket ${bucket} --output text`);
    await expect.poll(() => page.getByTestId('terminal-log').innerText()).toMatch(/get-bucket-versioning[\s\S]*Enabled/);
    // History: Up recalls the last command.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('[data-testid=terminal] .xterm-rows').innerText()).toMatch(/\$ aws s3api get-bucket-versioning --bucket \S+ --output text\s*$/m);
    await page.keyboard.press('Control+C');
    await page.screenshot({ path: join(shots, '03-terminal.png'), fullPage: true });

    // 5. Check: that task passes, the others still do not.
    await page.getByRole('button', { name: 'Check my work' }).click();
    await page.locator('[data-task=turn-on-versioning][data-status=pass]').waitFor();
    expect(await versioning.locator('h3').innerText()).toMatch(/Keep every version \(Passed\)/);
    expect(await page.locator('[data-task=close-public-access]').getAttribute('data-status')).toBe('fail');
    const roundTrip = Number(/round trip (\d+) ms/.exec(await page.getByTestId('check-round-trip').innerText())![1]);
    console.log(`[learner-journey] Check round trip shown in the UI: ${roundTrip} ms`);
    await page.screenshot({ path: join(shots, '04-task-passed.png'), fullPage: true });
    await page.locator('.lab-environment').screenshot({ path: join(shots, '04-environment.png') });

    // 6. Reload: the session, its results and the terminal come back.
    await page.reload();
    await page.locator('[data-task=turn-on-versioning][data-status=pass]').waitFor();
    expect(await page.locator('[data-testid=session-state]').getAttribute('data-state')).toBe('ready');

    // 7. A five-question practice quiz.
    // A set of 5 drawn with a case study keeps the case whole (6 or more items); draw again then.
    for (let attempt = 0; ; attempt++) {
      await page.goto(`${site.url}/exams/`);
      await page.locator('#practice-count').selectOption('5');
      await page.getByRole('button', { name: 'Start practice' }).click();
      await page.waitForURL(/\/exams\/session\/\?id=/);
      await page.locator('.question-panel').waitFor();
      if (/^Question 1 of 5\b/.test(await page.locator('.question-heading').innerText())) break;
      if (attempt === 20) throw new Error('no five-question practice set in 20 draws');
    }
    for (let n = 1; n <= 5; n++) {
      await page.locator('.question-panel').waitFor();
      expect(await page.locator('.question-heading').innerText()).toMatch(new RegExp(`^Question ${n} of 5`));
      await answerSomehow(page);
      await page.getByRole('button', { name: 'Check answer' }).click();
      await page.locator('.feedback .verdict').waitFor();
      if (n === 1) await page.screenshot({ path: join(shots, '05-quiz-feedback.png'), fullPage: true });
      if (n < 5) await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    await page.locator('.question-nav').getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('button', { name: 'Finish and see results' }).click();
    await page.waitForURL(/\/exams\/results\/\?id=/);
    expect(await page.locator('#score-line').innerText()).toMatch(/^\d of 5 scored questions correct/);
    await page.screenshot({ path: join(shots, '06-quiz-results.png'), fullPage: true });

    // 8. The progress profile joins the lesson, the lab and the quiz.
    await page.goto(`${site.url}/progress`);
    await page.locator('[data-item="4.3.S1"]').waitFor();
    expect(await page.locator('[data-item="4.3.S1"]').innerText()).toMatch(/✓ read\s+◐ attempted/);
    expect(await page.locator(`[data-lab="${labId}"]`).getAttribute('data-result')).toBe('attempted');
    await expect.poll(() => page.getByRole('heading', { name: /^Exam history/ }).innerText()).toBe('Exam history (1)');
    await page.screenshot({ path: join(shots, '07-progress.png'), fullPage: true });
    // Leaving or reloading a page aborts its event stream; that is not an error.
    expect(errors.filter((e) => !/\/events \(net::ERR_ABORTED\)$/.test(e))).toEqual([]);
  });

  it('finds no serious or critical accessibility violation on a lesson, the live lab page and the exams page (axe-core)', async () => {
    if (!site) return;
    const report: Record<string, { id: string; impact: string | null; help: string; nodes: string[] }[]> = {};
    for (const path of [`/lessons/${lessonId}`, `/labs/${labId}`, '/exams/', '/labs', '/progress']) {
      await page.goto(`${site.url}${path}`);
      if (path.startsWith('/labs/')) await page.locator('[data-testid=terminal] .xterm-rows').waitFor();
      if (path === '/exams/') await page.getByRole('button', { name: 'Start practice' }).waitFor();
      if (path === '/progress') await page.getByRole('heading', { name: /^Exam history/ }).waitFor();
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      });
      report[path] = violations;
    }
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'axe-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    const serious = Object.entries(report).flatMap(([path, list]) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`));
    expect(serious).toEqual([]);
  });
});

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
