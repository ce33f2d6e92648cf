/**
 * The exam e2e tests run against a copy of the site built with the fixture question bank
 * (test/fixtures/questions/valid: every question type, a case study) instead of the real bank,
 * which is still being written and changes daily. The copy lives in a temporary folder with the
 * project's node_modules linked in, so nothing test-only reaches the production build: no env
 * switch, no test route. Building it takes a few seconds.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const projectRoot = resolve(import.meta.dirname, '../../..');
export const artifactsDir = join(projectRoot, 'test-artifacts', 'exam');
export const fixtureQuestions = join(projectRoot, 'test/fixtures/questions/valid');

export const CHROMIUM_PATH = process.env.MLSEC_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface FixtureSite {
  url: string;
  stop(): Promise<void>;
}

/** Copies the site's sources with `questionsDir` as its bank into a temporary folder and builds it. */
export function buildSiteCopy(questionsDir: string): { dir: string; ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-exam-e2e-'));
  for (const entry of ['src', 'public', 'labs', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(projectRoot, entry))) cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
  }
  mkdirSync(join(dir, 'content'));
  // Everything the site reads from content/ (syllabus, lessons, glossary, at-a-glance …) except the bank.
  for (const entry of readdirSync(join(projectRoot, 'content'))) {
    if (entry !== 'questions') cpSync(join(projectRoot, 'content', entry), join(dir, 'content', entry), { recursive: true });
  }
  cpSync(questionsDir, join(dir, 'content/questions'), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const build = spawnSync(process.execPath, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return { dir, ok: build.status === 0, output: `${build.stdout}\n${build.stderr}` };
}

/** Builds a copy of the site with the fixture bank and serves it on a free port. */
export async function startFixtureSite(): Promise<FixtureSite> {
  const { dir, ok, output } = buildSiteCopy(fixtureQuestions);
  if (!ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`building the fixture site failed:\n${output}`);
  }
  const served = await serveBuiltSite(dir);
  return {
    url: served.url,
    async stop() {
      await served.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Serves an already built site (`<dir>/dist/server/entry.mjs`) on a port the OS picks. */
export async function serveBuiltSite(dir: string): Promise<FixtureSite> {
  const entry = join(dir, 'dist/server/entry.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run "npm run build" first (npm test does it before the e2e tests).`);
  // Port 0: the OS picks a free port and the Node adapter prints it.
  const child = spawn(process.execPath, [entry], {
    cwd: dir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the fixture site did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the fixture site exited with code ${code}:\n${output}`)));
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
