/**
 * `npm run lab` as a learner and a script use it: real processes, a real SQLite file under
 * MLSEC_DATA_DIR, a real AWS-compatible server (the embedded emulator, and moto_server where
 * installed). Also: colour rules, exit codes, `--json` shapes,
 * and that credentials never appear in any output but `env` (or in the database file).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureLab } from '../support/fixture-lab.ts';
import { jsonError, startFaultProxy } from '../support/fault-proxy.ts';
import { labServers, type LabServer } from '../support/lab-servers.ts';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'src/cli/lab.ts');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

const escape = /\u001b\[/;

// Each CLI call is a fresh Node process (about a second, several on a busy 2-core machine).
const slow = { timeout: 240_000 };

describe('lab CLI without a target', () => {
  let dataDir: string;
  beforeAll(() => void (dataDir = mkdtempSync(join(tmpdir(), 'mlsec-cli-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists labs as JSON for scripts: id, title, syllabus, services', async () => {
    const result = await run(['list', '--json'], { MLSEC_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const labs = JSON.parse(result.stdout) as { id: string; title: string; syllabus: string[]; services: string[] }[];
    const lab = labs.find((l) => l.id === 'exposed-training-data-bucket');
    expect(lab).toMatchObject({ title: expect.any(String), syllabus: expect.arrayContaining(['4.3.S1', '4.3.S3']), services: expect.arrayContaining(['s3', 'kms']) });
    for (const l of labs) expect(Object.keys(l)).toEqual(expect.arrayContaining(['id', 'title', 'syllabus', 'services']));
  });

  it('colours a terminal that wants it and nothing else (NO_COLOR wins over FORCE_COLOR)', slow, async () => {
    expect((await run(['list'], { MLSEC_DATA_DIR: dataDir })).stdout).not.toMatch(escape);
    expect((await run(['list'], { MLSEC_DATA_DIR: dataDir, FORCE_COLOR: '1' })).stdout).toMatch(escape);
    expect((await run(['list'], { MLSEC_DATA_DIR: dataDir, FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toMatch(escape);
    expect((await run(['list', '--no-color'], { MLSEC_DATA_DIR: dataDir, FORCE_COLOR: '1' })).stdout).not.toMatch(escape);
  });

  it('explains usage mistakes with exit code 2', slow, async () => {
    const unknown = await run(['frobnicate'], { MLSEC_DATA_DIR: dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    expect((await run(['start'], { MLSEC_DATA_DIR: dataDir })).stderr).toMatch(/start needs a lab id/);
    expect((await run(['start', 'no-such-lab'], { MLSEC_DATA_DIR: dataDir })).stderr).toMatch(/There is no lab "no-such-lab"/);
    expect((await run(['list', '--bogus'], { MLSEC_DATA_DIR: dataDir })).code).toBe(2);
  });

  it('says clearly when the target configuration is wrong', async () => {
    const result = await run(['start', 'exposed-training-data-bucket'], { MLSEC_DATA_DIR: dataDir, MLSEC_TARGET: 'aws', AWS_REGION: 'us-east-1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MLSEC_TARGET=aws needs MLSEC_ALLOWED_ACCOUNTS/);
  });

  it('fails the build on an invalid lab definition, naming the file and each field, before building anything', slow, async () => {
    const labsDir = join(dataDir, 'broken-labs');
    const dir = writeFixtureLab(labsDir, 'broken-lab');
    const file = join(dir, 'lab.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("syllabus: ['4.3.S1']", "syllabus: ['4.9.S9']").replace("services: [\"s3\"]", "services: [\"s3\",\"teleport\"]"));
    const validate = await run(['validate'], { MLSEC_DATA_DIR: dataDir, MLSEC_LABS_DIR: labsDir });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(join('broken-lab', 'lab.ts'));
    expect(validate.stderr).toMatch(/syllabus\.0/);
    expect(validate.stderr).toMatch(/services\.1/);
    // `npm run build` validates the labs first, so the same mistake stops the build.
    const build = await new Promise<Result>((done) => {
      const child = spawn('npm', ['run', '-s', 'build'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, MLSEC_DATA_DIR: dataDir, MLSEC_LABS_DIR: labsDir, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    });
    expect(build.code).not.toBe(0);
    expect(build.stderr).toContain(join('broken-lab', 'lab.ts'));
    expect(build.stderr).toMatch(/syllabus\.0/);
    expect(`${build.stdout}${build.stderr}`).not.toMatch(/astro|building client/i);
  });

  it('prints exports for the AWS CLI without starting anything', slow, async () => {
    const result = await run(['env'], { MLSEC_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:4566$/m);
    expect(result.stdout).toMatch(/^export AWS_REGION=us-east-1$/m);
    const real = await run(['env', '--json'], { MLSEC_DATA_DIR: dataDir, MLSEC_TARGET: 'aws', MLSEC_ALLOWED_ACCOUNTS: '111122223333', MLSEC_ALLOWED_REGIONS: 'eu-west-1', AWS_REGION: 'eu-west-1', AWS_SECRET_ACCESS_KEY: 'do-not-print-me' });
    expect(JSON.parse(real.stdout)).toEqual({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(real.stdout).not.toContain('do-not-print-me');
  });
});

for (const kind of labServers) {
if (!kind.available) console.warn(kind.skipMessage(`lab CLI against ${kind.name}`));

describe.skipIf(!kind.available)(`lab CLI against ${kind.name}`, () => {
  let server: LabServer;
  let dataDir: string;
  const accessKey = 'AKIDNEVERLOGGED0042';
  const secret = 's3cr3t-NeverLogged-Value-9876';
  let env: Record<string, string>;
  const outputs: { args: string[]; result: Result }[] = [];
  const lab = async (...args: string[]) => {
    const result = await run(args, env);
    outputs.push({ args, result });
    return result;
  };

  beforeAll(async () => {
    server = await kind.start();
    dataDir = mkdtempSync(join(tmpdir(), 'mlsec-cli-'));
    env = { MLSEC_DATA_DIR: dataDir, MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: server.endpoint, MLSEC_ACCESS_KEY_ID: accessKey, MLSEC_SECRET_ACCESS_KEY: secret };
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a whole lab: start, check, hint, solve, check, teardown — with honest exit codes', slow, async () => {
    const start = await lab('start', 'exposed-training-data-bucket');
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toMatch(/Lab environment ready/);
    expect(start.stdout).toMatch(/mlsec-[a-z0-9]{8}-fraud-training-data/);
    expect(start.stderr).toMatch(/Setup 1\/4: Create the fraud team’s KMS key\n[\s\S]*Setup 4\/4: Open the bucket/);

    const status = JSON.parse((await lab('status', '--json')).stdout) as { state: string; tasks: { status: string }[]; resources: { name: string }[] };
    expect(status.state).toBe('ready');
    expect(status.tasks.every((t) => t.status === 'not-checked')).toBe(true);

    const failing = await lab('check');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/Not yet\. 0 passed, 7 failed/);
    expect(failing.stdout).toMatch(/seen: GetBucketVersioning\.Status = never enabled \(expected Enabled\)/);
    const failingJson = JSON.parse((await lab('check', '--json')).stdout) as { passed: boolean; grade: { tasks: { id: string; status: string }[] } };
    expect(failingJson.passed).toBe(false);
    expect(failingJson.grade.tasks.map((t) => t.status)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail']);

    const hint1 = await lab('hint', 'require-tls');
    expect(hint1.stdout).toMatch(/1\. Nudge/);
    expect(hint1.stdout).not.toMatch(/aws s3api/);
    await lab('hint', 'require-tls');
    const hint3 = JSON.parse((await lab('hint', 'require-tls', '--json')).stdout) as { hints: { name: string; text: string }[]; hintsRevealed: number };
    expect(hint3.hints.map((h) => h.name)).toEqual(['nudge', 'where', 'command']);
    expect(hint3.hints[2]!.text).toContain(`arn:aws:s3:::${status.resources[0]!.name}/*`);
    expect(hint3.hintsRevealed).toBe(3);

    const badAnswer = await lab('answer', 'who-did-it', 'someone');
    expect(badAnswer.code).toBe(2);
    expect(badAnswer.stderr).toMatch(/This lab asks no questions/);

    expect((await lab('solve', '--yes')).code).toBe(0);
    const passing = await lab('check');
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/Every task passes\. 7 passed, 0 failed/);
    expect(passing.stdout).toMatch(/assisted run/);

    const envOut = await lab('env');
    expect(envOut.stdout).toContain(`export AWS_ENDPOINT_URL=${server.endpoint}`);
    expect(envOut.stdout).toContain(`export AWS_SECRET_ACCESS_KEY=${secret}`);

    const teardown = await lab('teardown');
    expect(teardown.code).toBe(0);
    expect(teardown.stdout).toMatch(/Session ended; the lab environment is gone\.\n\s+Deleted: kms:alias alias\/mlsec-/);
    const after = await lab('status');
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/No active lab session/);
    const asJson = await lab('status', '--json');
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { name: 'SessionError' } });
  });

  it('says which labs can run on the target, and why not', slow, async () => {
    const labsDir = join(dataDir, 'labs');
    writeFixtureLab(labsDir, 'plain-s3', { operations: ['s3:GetBucketVersioning'] });
    writeFixtureLab(labsDir, 'needs-monitoring', { services: ['s3', 'sagemaker'], operations: ['sagemaker:ListMonitoringSchedules'] });
    const result = await lab('list', '--check-target', '--json');
    expect(result.code).toBe(0);
    // A server without SageMaker model monitoring (moto lacks it; for the emulator a proxy answers as moto would).
    const lacking = await startFaultProxy(server.endpoint);
    lacking.faults.push({ match: (r) => String(r.headers['x-amz-target'] ?? '').endsWith('.ListMonitoringSchedules'), times: Infinity, status: 501, contentType: 'application/x-amz-json-1.1', body: jsonError('NotImplemented', 'The ListMonitoringSchedules action has not been implemented') });
    const probed = await run(['list', '--check-target', '--json'], { ...env, MLSEC_ENDPOINT: lacking.endpoint, MLSEC_LABS_DIR: labsDir });
    await lacking.close();
    const labs = JSON.parse(probed.stdout) as { id: string; available: boolean; unavailableBecause: string[] }[];
    expect(labs).toEqual([
      expect.objectContaining({ id: 'needs-monitoring', available: false, unavailableBecause: [expect.stringMatching(/^sagemaker:ListMonitoringSchedules: ListMonitoringSchedules is not implemented there/)] }),
      expect.objectContaining({ id: 'plain-s3', available: true, unavailableBecause: [] }),
    ]);
  });

  it('selftests the lab from the command line', slow, async () => {
    const result = await lab('selftest', 'exposed-training-data-bucket', '--json');
    expect(result.code, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as { ok: boolean; steps: { name: string; ok: boolean }[] }[];
    expect(report!.ok).toBe(true);
    expect(report!.steps.map((s) => s.name)).toEqual(
      expect.arrayContaining(['setup', 'every task fails as designed', 'reference solution passes every task', 'teardown', 'no lab resource left (listing by run tag and prefix)']),
    );
    expect(report!.steps.filter((s) => s.name.startsWith('near-miss')).length).toBeGreaterThanOrEqual(1);
  });

  it('never prints or stores credentials, except in `env`, which exists to print them', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const { args, result } of outputs) {
      if (args[0] === 'env') continue;
      for (const value of [secret, accessKey]) {
        expect(result.stdout, `stdout of lab ${args.join(' ')}`).not.toContain(value);
        expect(result.stderr, `stderr of lab ${args.join(' ')}`).not.toContain(value);
      }
    }
    for (const file of readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)) {
      const bytes = readFileSync(join(dataDir, file)).toString('latin1');
      expect(bytes, file).not.toContain(secret);
      expect(bytes, file).not.toContain(accessKey);
    }
  });
});
}
