/**
 * The workshop dashboard survives a dropped connection: with the dashboard open, the server stops
 * (its event stream drops) — the page says "connection lost, reconnecting…" — and starts again on
 * the same address and database; the page reconnects by itself, says "live" again, and shows a
 * learner who joined after the restart without a reload.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsTarget, type AwsTarget } from '../support/aws-target.ts';
import { freePort } from '../support/free-port.ts';
import { builtEntry, hasChromium, launchChromium, noChromiumMessage, projectRoot } from './support/built-site.ts';

const instructor = { email: 'reconnect@example.com', password: 'reconnect password 1234', name: 'Reconnect Tester' };
const hasWorkshopApi = existsSync(join(projectRoot, 'src/pages/api/workshops'));
if (!hasChromium) console.warn(`[workshop-dashboard-reconnect] ${noChromiumMessage}`);
if (!hasWorkshopApi) console.warn('[workshop-dashboard-reconnect] this checkout has no workshop API: skipped.');

describe.skipIf(!hasChromium || !hasWorkshopApi)('the workshop dashboard after a dropped connection', () => {
  let target: AwsTarget | undefined;
  let browser: Browser;
  let server: ChildProcess | undefined;
  let dataDir: string;
  let port: number;
  let output = '';
  const url = () => `http://127.0.0.1:${port}`;

  /** The built site on `port`, with this test's database and emulator; resolves when it answers. */
  async function startServer(): Promise<void> {
    server = spawn(process.execPath, [builtEntry], {
      cwd: projectRoot,
      env: {
        ...process.env,
        MLSEC_DATA_DIR: dataDir,
        MLSEC_TARGET: target!.kind === 'embedded emulator' ? 'embedded' : 'endpoint',
        MLSEC_EMBEDDED: 'attach',
        MLSEC_ENDPOINT: target!.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) throw new Error(`the site exited (${server.exitCode}):\n${output}`);
      if (await fetch(`${url()}/`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the site did not answer on ${url()}:\n${output}`);
  }

  function stopServer(): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  }

  beforeAll(async () => {
    target = await startAwsTarget();
    if (!target) return;
    dataDir = mkdtempSync(join(tmpdir(), 'mlsec-reconnect-'));
    port = await freePort();
    await startServer();
    const created = spawnSync(process.execPath, ['src/cli/instructor.ts', 'create', '--email', instructor.email, '--name', instructor.name, '--password-stdin'], {
      cwd: projectRoot,
      input: `${instructor.password}\n`,
      env: { ...process.env, MLSEC_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    if (created.status !== 0) throw new Error(`npm run instructor -- create failed: ${created.stderr || created.stdout}`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stopServer();
    await target?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the connection is lost, reconnects when the server is back, and stays live', { timeout: 180_000 }, async () => {
    if (!target) return;
    const page = await browser.newPage();
    await page.goto(`${url()}/instructor`);
    await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0);
    await page.getByLabel('Email').fill(instructor.email);
    await page.getByLabel('Password').fill(instructor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Title').fill('Reconnect');
    await page.locator('#lab-exposed-training-data-bucket').check();
    await page.getByRole('button', { name: 'Create workshop' }).click();
    const item = page.locator('.ws-item').filter({ hasText: 'Reconnect' });
    const code = await item.getByTestId('join-code').innerText();
    await item.getByRole('link', { name: 'Open the live dashboard' }).click();
    await page.locator('[data-testid=connection][data-connection=live]').waitFor();

    await stopServer();
    await page.locator('[data-testid=connection][data-connection=reconnecting]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('connection').innerText()).toMatch(/connection lost, reconnecting/);

    await startServer();
    await page.locator('[data-testid=connection][data-connection=live]').waitFor({ timeout: 40_000 });

    // A learner joins after the restart (over HTTP, as another browser would): the grid shows them live.
    const joined = await fetch(`${url()}/api/workshops/join`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url() }, body: JSON.stringify({ code, displayName: 'After restart' }) });
    expect(joined.status).toBe(201);
    await page.getByTestId('learner-grid').locator('tr[data-learner="After restart"]').waitFor({ timeout: 20_000 });
  });
});
