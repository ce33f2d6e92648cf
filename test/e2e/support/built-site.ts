/**
 * Starts the built site (`dist/server/entry.mjs`, what `npm start` serves) on a free port, and
 * launches Debian's Chromium through playwright-core. Shared by the e2e tests and the README
 * screenshot script. Never binds a fixed port: several test runs may share the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../support/free-port.ts';

export const projectRoot = resolve(import.meta.dirname, '../../..');
export const builtEntry = join(projectRoot, 'dist/server/entry.mjs');
export const builtClientDir = join(projectRoot, 'dist/client');
export const artifactsDir = join(projectRoot, 'test-artifacts');

/** Debian's Chromium (apt-get install chromium); playwright cannot download browsers here. */
export const CHROMIUM_PATH = process.env.MLSEC_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const noChromiumMessage = `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped. Install it with "apt-get install -y chromium" (.ci/run does).`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface RunningSite {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  stop(): Promise<void>;
  /** Kills the server with `signal` (e.g. SIGKILL: no shutdown at all) and waits until it is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built server and waits until it answers. Retries on a port race. `env` adds variables.
 * Unless `env` says otherwise, the server gets a temporary data directory (never the project's
 * `.mlsec/`) and a lab target that answers nowhere (never an emulator someone runs on :4566).
 */
export async function startBuiltSite(options: { env?: Record<string, string> } = {}): Promise<RunningSite> {
  if (!existsSync(builtEntry)) throw new Error(`${builtEntry} does not exist: run "npm run build" first (npm test does it before the e2e tests).`);
  const ownDataDir = options.env?.MLSEC_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'mlsec-site-'));
  const isolated = { MLSEC_DATA_DIR: ownDataDir ?? '', MLSEC_TARGET: 'embedded', MLSEC_EMBEDDED: 'attach', MLSEC_ENDPOINT: 'http://127.0.0.1:9' };
  const env = { ...isolated, ...options.env };
  const cleanup = (): void => {
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [builtEntry], {
      cwd: projectRoot,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(url, child, () => output);
      return {
        url,
        stop: () => stopProcess(child).then(cleanup),
        kill: (signal) =>
          child.exitCode !== null || child.signalCode !== null
            ? Promise.resolve()
            : new Promise<void>((resolveKill) => {
                child.once('exit', () => resolveKill());
                child.kill(signal);
              }),
      };
    } catch (error) {
      lastError = error;
      await stopProcess(child);
    }
  }
  cleanup();
  throw lastError;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the built server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the built server did not answer at ${url} within 20 s:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
