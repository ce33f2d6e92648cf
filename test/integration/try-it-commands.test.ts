/**
 * Every "Try it" block in every lesson is valid AWS CLI and runs against an AWS emulator: the
 * commands are extracted with extractTryItBlocks and run in order, one lesson at a time, against a
 * fresh moto server, with AWS_ENDPOINT_URL pointing at it (as a learner's environment would).
 *
 * moto and the AWS CLI are on this project's build machines but not on a user's: without them the
 * test is skipped with a message. Operations moto itself does not implement (it says so in its
 * log) are listed, not failed; any other failure, including a CLI syntax error, fails the test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLessonFiles } from '../../src/curriculum/lesson-files.ts';
import { extractTryItBlocks } from '../../src/curriculum/try-it.ts';
import { freePort } from '../support/free-port.ts';

const root = resolve(import.meta.dirname, '../..');
const haveCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
const haveMoto = spawnSync('moto_server', ['--help'], { encoding: 'utf8' }).status === 0;
const missing = [!haveCli && 'the AWS CLI (aws)', !haveMoto && 'moto_server'].filter(Boolean).join(' and ');
if (missing) console.warn(`[try-it commands] SKIPPED: ${missing} not found on PATH. Install them to run every lesson's Try it block against moto.`);

describe.skipIf(Boolean(missing))('Try it blocks run against an AWS emulator (moto)', () => {
  let moto: ChildProcess;
  let endpoint: string;
  let motoLog = '';
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'mlsec-tryit-'));
    for (let attempt = 0; attempt < 3 && !endpoint; attempt++) {
      const port = await freePort();
      moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      moto.stdout!.on('data', (d) => (motoLog += d));
      moto.stderr!.on('data', (d) => (motoLog += d));
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100 && moto.exitCode === null; i++) {
        if (await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false)) {
          endpoint = url;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!endpoint) moto.kill();
    }
    if (!endpoint) throw new Error(`moto_server did not start:\n${motoLog}`);
  });

  afterAll(() => {
    moto?.kill();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const lessons = findLessonFiles(root).filter((f) => f.extension === 'mdx');

  it.each(lessons.map((l) => [l.path]))('%s', async (path) => {
    const blocks = extractTryItBlocks(readFileSync(join(root, path), 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_PAGER: '',
    };
    const failures: string[] = [];
    const unsupported: string[] = [];
    let succeeded = 0;
    for (const block of blocks) {
      for (const command of block.commands) {
        const logBefore = motoLog.length;
        const result = await run(command.argv, env);
        // moto writes its traceback after answering; give its log a moment to arrive.
        if (result.status !== 0) await new Promise((r) => setTimeout(r, 200));
        if (result.status === 0) {
          succeeded++;
          continue;
        }
        const notImplemented = /The (\w+) action has not been implemented/.exec(motoLog.slice(logBefore));
        if (notImplemented) unsupported.push(`${path}:${command.line} ${notImplemented[1]}`);
        else failures.push(`${path}:${command.line} exit ${result.status}: ${command.text.slice(0, 100)}\n    ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join('\n    ')}`);
      }
    }
    if (unsupported.length) console.warn(`[try-it commands] moto does not implement (not a lesson error):\n  ${unsupported.join('\n  ')}`);
    expect(failures.join('\n')).toBe('');
    expect(succeeded).toBeGreaterThan(0);
    // Each AWS CLI command starts a Python interpreter (about a second on a busy 2-core machine).
  }, 240_000);
});

/** Runs a command without blocking the event loop (so moto's log keeps streaming in meanwhile). */
function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolveRun({ status, stdout, stderr });
    });
  });
}
