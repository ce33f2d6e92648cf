/**
 * `npm start` and the lab CLI share one environment: `npm start` (the built site plus the embedded
 * emulator) runs on free ports; a lab started from another "terminal" with `npm run lab -- start`
 * (MLSEC_EMBEDDED=auto) attaches to that emulator instead of starting its own; and
 * `eval "$(npm run -s lab -- env)"` points the real AWS CLI at the same resources. Runs after
 * `npm run build` (the e2e project), with `--no-build` so the freshly built site is served as is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetBucketPolicyCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI_AVAILABLE, awsCliSkipMessage } from '../support/aws-cli.ts';
import { freePort } from '../support/free-port.ts';
import { projectRoot } from './support/built-site.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

if (!AWS_CLI_AVAILABLE) console.warn(awsCliSkipMessage('npm start + lab env + AWS CLI (the SDK part still runs)'));

describe('npm start, a lab from the CLI, and the AWS CLI in one environment', () => {
  let dataDir: string;
  let started: ChildProcess;
  let output = '';
  let emulatorUrl: string;
  let siteUrl: string;
  let env: Record<string, string>;
  let bucket: string;
  // Keys of the learner's environment: printed by `lab env` (its job), never by anything else.
  const accessKey = 'AKIDSTARTNEVERLOGGED7';
  const secret = 'npm-start-Secret-NeverLogged-4242';
  const outputs: string[] = [];
  const lab = async (...args: string[]) => {
    const result = await exec(process.execPath, ['src/cli/lab.ts', ...args], env);
    outputs.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mlsec-npm-start-'));
    const [sitePort, emulatorPort] = [await freePort(), await freePort()];
    emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    siteUrl = `http://127.0.0.1:${sitePort}`;
    // What a learner's shell has: no AWS_* keys, only the project's own settings.
    env = { PATH: process.env.PATH!, HOME: process.env.HOME!, MLSEC_DATA_DIR: dataDir, MLSEC_ENDPOINT: emulatorUrl, MLSEC_EMBEDDED: 'auto', NO_COLOR: '1', MLSEC_ACCESS_KEY_ID: accessKey, MLSEC_SECRET_ACCESS_KEY: secret };
    started = spawn(process.execPath, ['src/cli/start.ts', '--no-build'], {
      cwd: projectRoot,
      env: { ...env, HOST: '127.0.0.1', PORT: String(sitePort), MLSEC_EMULATOR_PORT: String(emulatorPort), ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    started.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 60_000;
    while (!/site at/.test(output)) {
      if (started.exitCode !== null) throw new Error(`npm start exited with ${started.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    if (started && started.exitCode === null) {
      const exited = new Promise((r) => started.once('exit', r));
      started.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the site and the emulator together', async () => {
    expect(output).toContain(`embedded AWS emulator at ${emulatorUrl}`);
    // The session sweeper (expired and abandoned labs) started with it.
    expect(output).not.toMatch(/will not be torn down automatically|sweeping lab sessions failed/);
    const health = (await (await fetch(`${emulatorUrl}/_localstack/health`)).json()) as { edition?: string };
    expect(health.edition).toBe('mlsec-sim');
    expect((await fetch(`${siteUrl}/labs/exposed-training-data-bucket`)).status).toBe(200);
  });

  it("protects the emulator's admin routes with a token made for this run, kept for the owner only", async () => {
    expect((await fetch(`${emulatorUrl}/_mlsec/tenants`, { method: 'POST' })).status).toBe(401);
    const file = join(dataDir, 'emulator-admin-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(output).toContain(file);
    expect(output).not.toContain(token);
    const created = await fetch(`${emulatorUrl}/_mlsec/tenants`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(created.status).toBe(201);
    const { accountId } = (await created.json()) as { accountId: string };
    expect((await fetch(`${emulatorUrl}/_mlsec/tenants/${accountId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('attaches a lab started from the CLI to that emulator (no emulator of its own)', async () => {
    const start = await lab('start', 'exposed-training-data-bucket');
    expect(start.code, start.stderr).toBe(0);
    const status = JSON.parse((await lab('status', '--json')).stdout) as { state: string; target: string; resources: { name: string; type: string }[] };
    expect(status.state).toBe('ready');
    expect(status.target).toBe(`embedded emulator at ${emulatorUrl}`);
    bucket = status.resources.find((r) => r.type === 's3:bucket')!.name;
    // The CLI process has exited; the bucket lives on in the emulator `npm start` runs.
    const s3 = new S3Client({ endpoint: emulatorUrl, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy!) as { Statement: { Principal: unknown }[] };
    expect(policy.Statement.some((s) => s.Principal === '*' || JSON.stringify(s.Principal) === '{"AWS":"*"}')).toBe(true);
    s3.destroy();
  });

  it.skipIf(!AWS_CLI_AVAILABLE)('points the AWS CLI at the same environment with eval "$(npm run -s lab -- env)"', async () => {
    // The machine's AWS configuration must play no part: empty config and credentials files.
    const empty = join(dataDir, 'empty-aws-config');
    writeFileSync(empty, '');
    const shell = `eval "$(npm run -s lab -- env)" && aws s3api get-bucket-policy --bucket ${bucket} --output json`;
    const result = await exec('sh', ['-c', shell], { ...env, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '' });
    expect(result.code, result.stderr).toBe(0);
    const policy = JSON.parse((JSON.parse(result.stdout) as { Policy: string }).Policy) as { Statement: { Principal: unknown }[] };
    expect(policy.Statement.length).toBeGreaterThan(0);
  });

  it('grades and tears the lab down there', async () => {
    const check = await lab('check');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/Not yet\./);
    const teardown = await lab('teardown');
    expect(teardown.code, teardown.stderr).toBe(0);
    const s3 = new S3Client({ endpoint: emulatorUrl, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const gone = await s3.send(new HeadBucketCommand({ Bucket: bucket })).catch((e: unknown) => e as { $metadata?: { httpStatusCode?: number } });
    expect((gone as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
    s3.destroy();
  });

  it('never logs the credentials: not in npm start’s output, the lab commands’ output or the data folder’s database', async () => {
    expect(outputs.length).toBeGreaterThanOrEqual(8);
    for (const text of [output, ...outputs]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(accessKey);
    }
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('mlsec.db'))) {
      const bytes = readFileSync(join(dataDir, file)).toString('latin1');
      expect(bytes, file).not.toContain(secret);
    }
  });
});
