/**
 * The exam e2e tests run against a copy of the site built with the fixture question bank
 * (test/fixtures/questions/valid: every question type, a case study) instead of the real bank,
 * which is still being written and changes daily. The copy lives in a temporary folder with the
 * project's node_modules linked in, so nothing test-only reaches the production build: no env
 * switch, no test route. Building it takes a few seconds.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
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

/** Copies the site's sources, swaps in the fixture bank, builds, and serves it on a free port. */
export async function startFixtureSite(): Promise<FixtureSite> {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-exam-e2e-'));
  for (const entry of ['src', 'public', 'labs', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(projectRoot, entry))) cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
  }
  mkdirSync(join(dir, 'content'));
  for (const entry of ['syllabus', 'lessons']) {
    if (existsSync(join(projectRoot, 'content', entry))) cpSync(join(projectRoot, 'content', entry), join(dir, 'content', entry), { recursive: true });
  }
  cpSync(fixtureQuestions, join(dir, 'content/questions'), { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');

  const build = spawnSync(process.execPath, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`building the fixture site failed:\n${build.stdout}\n${build.stderr}`);
  }

  // Port 0: the OS picks a free port and the Node adapter prints it.
  const child = spawn(process.execPath, [join(dir, 'dist/server/entry.mjs')], {
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
  return {
    url,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
