/**
 * Every "Try it" block in every lesson is valid AWS CLI and runs against the embedded emulator —
 * the AWS a learner gets with `npm start`. The commands are extracted with extractTryItBlocks and
 * run in order, one lesson at a time, in the emulator's default account `000000000000` (the one
 * the lessons' ARNs name, as on LocalStack), reset before each lesson so none sees another's resources.
 *
 * With the AWS CLI on PATH the commands run through it, with AWS_ENDPOINT_URL pointing at the
 * emulator as a learner's shell would. Without it they run through the project's own AWS CLI
 * engine (src/aws-cli), the same path the lab terminal takes — so the test runs everywhere, and the
 * message says which client was used. Every failing command fails the test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTryItLine } from '../../src/aws-cli/index.ts';
import { findLessonFiles } from '../../src/curriculum/lesson-files.ts';
import { extractTryItBlocks } from '../../src/curriculum/try-it.ts';
import { startEmulator } from '../../src/emulator/index.ts';

const root = resolve(import.meta.dirname, '../..');
const haveCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
console.warn(
  haveCli
    ? '[try-it commands] running every lesson command through the AWS CLI against the embedded emulator'
    : '[try-it commands] the AWS CLI (aws) is not on PATH: running every lesson command through the built-in AWS CLI engine (src/aws-cli) against the embedded emulator instead',
);

type Result = { status: number | null; stdout: string; stderr: string };

describe('Try it blocks run against the embedded emulator', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'mlsec-tryit-'));
    emulator = await startEmulator({ port: 0, log: () => {}, serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
  });

  afterAll(async () => {
    await emulator?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const lessons = findLessonFiles(root).filter((f) => f.extension === 'mdx');

  it.each(lessons.map((l) => [l.path]))('%s', async (path) => {
    const blocks = extractTryItBlocks(readFileSync(join(root, path), 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    // A fresh, empty AWS for each lesson, as a learner starting that lesson has.
    const reset = await fetch(`${emulator.url}/_mlsec/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    await reset.body?.cancel();
    const account = 'test';
    const failures: string[] = [];
    let succeeded = 0;
    for (const block of blocks) {
      for (const command of block.commands) {
        const result = haveCli ? await runWithCli(command.argv, account) : await runTryItLine(command.argv, { endpoint: emulator.url, credentials: { accessKeyId: account, secretAccessKey: 'test' }, region: 'us-east-1' });
        if (result.status === 0) {
          succeeded++;
          continue;
        }
        failures.push(`${path}:${command.line} exit ${result.status}: ${command.text.slice(0, 100)}\n    ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join('\n    ')}`);
      }
    }
    expect(failures.join('\n')).toBe('');
    expect(succeeded).toBeGreaterThan(0);
    // Each AWS CLI command starts a Python interpreter (about a second on a busy 2-core machine).
  }, 240_000);

  function runWithCli(argv: string[], account: string): Promise<Result> {
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ENDPOINT_URL: emulator.url,
      AWS_ACCESS_KEY_ID: account,
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_PAGER: '',
    };
    return run(argv, env);
  }
});

/** Runs a command without blocking the event loop (the emulator answers from this process). */
function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Result> {
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
