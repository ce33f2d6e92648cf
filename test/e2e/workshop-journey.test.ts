/**
 * A workshop in the browser, end to end, on the built site with a private emulator: the instructor
 * (created with `npm run instructor -- create`) signs in, creates a workshop with two labs and
 * copies its join link; two learners join in their own browser contexts; learner 1 starts a lab,
 * fixes one finding in the in-browser terminal and checks — and the instructor's dashboard shows it
 * live, without a reload; a broadcast reaches learner 2's page; the instructor extends the time,
 * then ends the workshop and reads the teardown report; learner 2 sees the "ended" banner.
 * axe-core audits /instructor, /workshops/<id>, /join and /workshop (no serious or critical
 * violation). Screenshots go to test-artifacts/workshop/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors } from './support/page-errors.ts';
import { artifactsDir, hasChromium, launchChromium, noChromiumMessage, projectRoot } from './support/built-site.ts';
import { startLabSite, type LabSite } from './support/lab-site.ts';

const shots = join(artifactsDir, 'workshop');
const labA = 'exposed-training-data-bucket';
const labB = 'kms-key-hygiene';
const instructor = { email: 'ada.instructor@example.com', password: 'correct horse battery staple 42', name: 'Ada Instructor' };
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const hasWorkshopApi = existsSync(join(projectRoot, 'src/pages/api/workshops'));

if (!hasChromium) console.warn(`[workshop-journey] ${noChromiumMessage}`);
if (!hasWorkshopApi) console.warn('[workshop-journey] this checkout has no workshop API (src/pages/api/workshops): skipped.');

type Violation = { id: string; impact: string | null; help: string; nodes: string[] };

/** Errors a visitor would call broken, minus what the journey provokes on purpose. */
/** Waits until every island of the page is hydrated (before that, a click submits the bare form). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0);
}

function unexpected(errors: string[]): string[] {
  // Leaving or reloading a page aborts its event stream; that is not an error.
  return errors.filter((e) => !/\/events \(net::ERR_ABORTED\)$/.test(e));
}

describe.skipIf(!hasChromium || !hasWorkshopApi)('a workshop in the browser', () => {
  let site: LabSite | undefined;
  let browser: Browser;
  let teacherContext: BrowserContext;
  let teacher: Page;
  const axeReport: Record<string, Violation[]> = {};
  const errors: Record<string, string[]> = {};

  beforeAll(async () => {
    site = await startLabSite();
    if (!site) {
      console.warn('[workshop-journey] neither the embedded emulator nor moto_server is available: skipped.');
      return;
    }
    const created = spawnSync(process.execPath, ['src/cli/instructor.ts', 'create', '--email', instructor.email, '--name', instructor.name, '--password-stdin'], {
      cwd: projectRoot,
      input: `${instructor.password}\n`,
      env: { ...process.env, MLSEC_DATA_DIR: site.dataDir },
      encoding: 'utf8',
    });
    if (created.status !== 0) throw new Error(`npm run instructor -- create failed: ${created.stderr || created.stdout}`);
    browser = await launchChromium();
    teacherContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
    teacher = await teacherContext.newPage();
    errors.instructor = collectPageErrors(teacher);
    mkdirSync(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function audit(page: Page, name: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    axeReport[name] = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
  }

  async function learner(name: string, joinLink: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    errors[name] = collectPageErrors(page);
    await page.goto(joinLink);
    await hydrated(page);
    await page.getByLabel('Your display name').fill(name);
    await page.getByRole('button', { name: 'Join the workshop' }).click();
    // Either the learner lands on /workshop, or the form says why not (then the test says it too).
    const refused = page.locator('.ws-join-form [role=alert]').first();
    await Promise.race([page.waitForURL(`${site!.url}/workshop`), refused.waitFor()]);
    if (!page.url().endsWith('/workshop')) throw new Error(`${name} could not join: ${await refused.innerText()}`);
    await page.getByRole('heading', { name: 'Workshop journey', level: 1 }).waitFor();
    return page;
  }

  async function typeInTerminal(page: Page, text: string): Promise<void> {
    await page.locator('[data-testid=terminal] .xterm-helper-textarea').focus();
    await page.keyboard.type(text, { delay: 2 });
    await page.keyboard.press('Enter');
  }

  it('runs a workshop: create, join, live progress, broadcast, extend, end with a teardown report', { timeout: 420_000 }, async () => {
    if (!site) return;
    // 1. Sign in and create a workshop with two labs and a leaderboard.
    await teacher.goto(`${site.url}/instructor`);
    await hydrated(teacher);
    await teacher.getByLabel('Email').fill(instructor.email);
    await teacher.getByLabel('Password').fill(instructor.password);
    await teacher.getByRole('button', { name: 'Sign in' }).click();
    await teacher.getByText(`Signed in as ${instructor.name}`).waitFor();
    await teacher.getByText('No workshops yet').waitFor();
    await teacher.getByLabel('Title').fill('Workshop journey');
    await teacher.locator(`#lab-${labA}`).check();
    await teacher.locator(`#lab-${labB}`).check();
    await teacher.getByLabel('Maximum learners').fill('10');
    await teacher.getByLabel(/Show a leaderboard/).check();
    await teacher.screenshot({ path: join(shots, '01-new-workshop.png'), fullPage: true });
    await teacher.getByRole('button', { name: 'Create workshop' }).click();
    const created = teacher.locator('.ws-item').filter({ hasText: 'Workshop journey' });
    await created.waitFor();
    const code = await created.getByTestId('join-code').innerText();
    expect(code).toMatch(/^[A-Z0-9]{4,}-[A-Z0-9]{4,}$/);

    // 2. Copy the join link (the clipboard holds what the learners get).
    await created.getByRole('button', { name: 'Copy join link' }).click();
    await created.getByText('Copied to the clipboard.').waitFor();
    const joinLink = await teacher.evaluate(() => navigator.clipboard.readText());
    expect(joinLink).toBe(`${site.url}/join?code=${code}`);
    await teacher.screenshot({ path: join(shots, '02-instructor-home.png'), fullPage: true });
    await audit(teacher, '/instructor');

    // 3. The live dashboard, before anybody joined.
    await created.getByRole('link', { name: 'Open the live dashboard' }).click();
    await teacher.waitForURL(/\/workshops\/[^/]+$/);
    const dashboardUrl = teacher.url();
    await teacher.locator('[data-testid=connection][data-connection=live]').waitFor();
    await teacher.getByTestId('no-learners').waitFor();

    // 4. Two learners join in their own browsers; /join is audited on the way.
    const joinAudit = await (await browser.newContext()).newPage();
    errors['join audit'] = collectPageErrors(joinAudit);
    await joinAudit.goto(joinLink);
    await hydrated(joinAudit);
    expect(await joinAudit.getByLabel('Workshop code').inputValue()).toBe(code);
    await audit(joinAudit, '/join');
    // A wrong code is refused inline, next to the code field.
    await joinAudit.getByLabel('Workshop code').fill('ZZZZ-ZZZZ');
    await joinAudit.getByLabel('Your display name').fill('Nobody');
    await joinAudit.getByRole('button', { name: 'Join the workshop' }).click();
    await joinAudit.locator('#join-code-error').waitFor();
    expect(await joinAudit.getByLabel('Workshop code').getAttribute('aria-invalid')).toBe('true');
    await joinAudit.screenshot({ path: join(shots, '03-join-unknown-code.png') });
    errors['join audit'] = errors['join audit']!.filter((e) => !/HTTP 404: .*\/api\/workshops\/join$|status of 404/.test(e));

    const ada = await learner('Ada', joinLink);
    const grace = await learner('Grace', joinLink);
    // A name already taken in this workshop is refused next to the name field.
    const dup = await (await browser.newContext()).newPage();
    await dup.goto(joinLink);
    await hydrated(dup);
    await dup.getByLabel('Your display name').fill('Ada');
    await dup.getByRole('button', { name: 'Join the workshop' }).click();
    await dup.locator('#join-name-error').waitFor();

    // The dashboard lists both, live.
    const grid = teacher.getByTestId('learner-grid');
    await grid.locator('tr[data-learner=Ada]').waitFor();
    await grid.locator('tr[data-learner=Grace]').waitFor();
    expect(await grid.locator(`tr[data-learner=Ada] td[data-lab=${labA}]`).getAttribute('data-status')).toBe('not-started');

    // 5. Learner 1 opens a lab (the page shows the workshop and its time left), starts it, fixes one finding.
    await grace.screenshot({ path: join(shots, '04-learner-home.png'), fullPage: true });
    await audit(grace, '/workshop');
    await ada.locator(`li[data-lab=${labA}] a`).click();
    await ada.waitForURL(`${site.url}/labs/${labA}`);
    await ada.getByTestId('workshop-badge').filter({ hasText: 'Workshop journey' }).waitFor();
    expect(await ada.getByTestId('workshop-badge').innerText()).toMatch(/left$/);
    await ada.getByRole('button', { name: 'Start the lab' }).click();
    await ada.locator('[data-testid=session-state][data-state=ready]').waitFor({ timeout: 60_000 });
    const cellA = grid.locator(`tr[data-learner=Ada] td[data-lab=${labA}]`);
    await expect.poll(() => cellA.getAttribute('data-status'), { timeout: 15_000 }).toBe('ready');
    const bucket = await ada.locator('[data-resource=trainingBucket]').innerText();
    await ada.getByRole('button', { name: 'Check my work' }).click();
    await ada.locator('[data-task=turn-on-versioning][data-status=fail]').waitFor();
    await expect.poll(() => cellA.getAttribute('data-checks'), { timeout: 15_000 }).toMatch(/^0\/\d+$/);
    await ada.locator('[data-testid=terminal] .xterm-rows').waitFor();
    await typeInTerminal(ada, `aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`);
    await typeInTerminal(ada, `aws s3api get-bucket-versioning --bucket ${bucket} --output text`);
    await expect.poll(() => ada.getByTestId('terminal-log').innerText()).toMatch(/get-bucket-versioning[\s\S]*Enabled/);
    await ada.getByRole('button', { name: 'Check my work' }).click();
    await ada.locator('[data-task=turn-on-versioning][data-status=pass]').waitFor();
    await ada.screenshot({ path: join(shots, '05-learner-lab.png'), fullPage: true });

    // 6. The dashboard follows without a reload: checks passed x/y went up.
    const reloads: string[] = [];
    teacher.on('framenavigated', (frame) => frame === teacher.mainFrame() && reloads.push(frame.url()));
    await expect.poll(async () => Number(/^(\d+)\//.exec((await cellA.getAttribute('data-checks')) ?? '')?.[1] ?? -1), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await cellA.innerText()).toMatch(/checks \d+\/\d+/);
    expect(reloads).toEqual([]);
    await teacher.screenshot({ path: join(shots, '06-dashboard-live.png'), fullPage: true });
    await audit(teacher, '/workshops/<id>');

    // 7. Broadcast: it appears on learner 2's page.
    await teacher.getByLabel('Message to every learner').fill('Ten minutes left: run a last check.');
    await teacher.getByRole('button', { name: 'Send' }).click();
    await teacher.getByText('Sent to every learner of the workshop.').waitFor();
    await grace.getByTestId('messages').getByText('Ten minutes left: run a last check.').waitFor({ timeout: 20_000 });

    // 8. Extend by 15 minutes.
    const before = await teacher.getByTestId('time-left').innerText();
    await teacher.getByLabel('Minutes to add').fill('15');
    await teacher.getByRole('button', { name: 'Extend' }).click();
    await teacher.getByText(/^Extended by 15 minutes/).waitFor();
    expect(await teacher.getByTestId('time-left').innerText()).not.toBe(before);

    // 9. End: confirmation, then the teardown report lists what was removed.
    await teacher.getByRole('button', { name: 'End workshop…' }).click();
    await teacher.getByRole('dialog').getByRole('button', { name: 'End and tear down' }).click();
    const report = teacher.getByTestId('teardown-report');
    await report.waitFor({ timeout: 120_000 });
    expect(await report.innerText()).toMatch(/\d+ resources? (was|were) removed/);
    const adaReport = report.locator('li[data-learner=Ada]');
    await adaReport.waitFor();
    expect(await adaReport.locator('.ws-removed li').count()).toBeGreaterThan(0);
    expect(await teacher.getByTestId('workshop-state').innerText()).toBe('Ended');
    // After the end, the grid shows the lab torn down (the last snapshot, without a reload).
    await expect.poll(() => cellA.getAttribute('data-status'), { timeout: 15_000 }).toBe('torn-down');
    expect(reloads).toEqual([]);
    await teacher.screenshot({ path: join(shots, '07-teardown-report.png'), fullPage: true });

    // The export links download the results with the instructor's session (one row per learner × lab).
    const csvHref = await teacher.getByRole('link', { name: 'Download results (CSV)' }).getAttribute('href');
    const csv = await teacher.request.get(`${site.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    const csvLines = (await csv.text()).trim().split(/\r?\n/);
    expect(csvLines).toHaveLength(1 + 2 * 2);
    expect(csvLines.filter((l) => l.includes('Ada'))).toHaveLength(2);
    const jsonHref = await teacher.getByRole('link', { name: 'Download results (JSON)' }).getAttribute('href');
    const results = (await (await teacher.request.get(`${site.url}${jsonHref}`)).json()) as { results: { displayName: string; labId: string }[] };
    expect(results.results.map((r) => `${r.displayName}:${r.labId}`).sort()).toEqual([`Ada:${labA}`, `Ada:${labB}`, `Grace:${labA}`, `Grace:${labB}`]);

    // 10. Learner 2 sees that the workshop has ended.
    await grace.getByTestId('ended-banner').waitFor({ timeout: 20_000 });
    await grace.screenshot({ path: join(shots, '08-learner-ended.png'), fullPage: true });
    expect(dashboardUrl).toMatch(/\/workshops\//);

    // Nothing broken on any page along the way.
    for (const [who, list] of Object.entries(errors)) expect(unexpected(list), who).toEqual([]);
  });

  it('finds no serious or critical accessibility violation on /instructor, /workshops/<id>, /join and /workshop (axe-core)', () => {
    if (!site) return;
    expect(Object.keys(axeReport).sort()).toEqual(['/instructor', '/join', '/workshop', '/workshops/<id>']);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'axe-report-workshop.json'), `${JSON.stringify(axeReport, null, 2)}\n`);
    const serious = Object.entries(axeReport).flatMap(([path, list]) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`));
    expect(serious).toEqual([]);
  });
});
