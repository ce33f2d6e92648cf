/**
 * The embedded emulator's performance, against the goals of its issue:
 *   cold start to healthy < 300 ms (spawning the `npm run emulator` entry point);
 *   GetCallerIdentity / GetBucketPolicy / DescribeKey (when KMS is served) through the SDK over
 *   HTTP: p50 < 2 ms sequentially and >= 3,000 calls/s with concurrency, the emulator on one core;
 *   1,000 accounts × ~40 resources in < 500 MB — on a fresh emulator process, RSS after forced full
 *   collections and peak RSS while building, with the heap in use (docs/emulator.md, "Memory");
 *   and the same measurements against moto_server, as ratios, when it is installed.
 * The emulator runs in its own process (one core); this process drives it with the real SDK.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, AttachRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetBucketPolicyCommand, PutBucketPolicyCommand, PutObjectCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { EMULATOR_NODE_FLAGS } from '../../src/emulator/node-flags.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'src/emulator/cli.js');
/** The CLI with an IPC channel that forces GC and reports memory from inside the emulator process. */
const memoryProbe = join(import.meta.dirname, 'emulator-memory-probe.js');

interface Server { url: string; pid: number; stop(): Promise<void> }

function handler() {
  return new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) });
}

function clients(url: string, accessKeyId = '000000000000') {
  const base = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1, requestHandler: handler() };
  return { sts: new STSClient(base), iam: new IAMClient(base), s3: new S3Client({ ...base, forcePathStyle: true }), kms: new KMSClient(base) };
}

/**
 * Spawns the emulator's CLI entry point as `npm run emulator` does (same Node flags); resolves when
 * it has printed its URL, with the elapsed time. `probe`: through emulator-memory-probe.js, with
 * `--expose-gc` and an IPC channel (memoryOf).
 */
async function spawnEmulator({ probe = false } = {}): Promise<Server & { startMs: number; child: ChildProcess }> {
  const started = performance.now();
  const args = probe ? [...EMULATOR_NODE_FLAGS, '--expose-gc', memoryProbe] : [...EMULATOR_NODE_FLAGS, cli];
  const child = spawn(process.execPath, [...args, '--port', '0', '--in-memory'], { stdio: ['ignore', 'pipe', 'inherit', ...(probe ? ['ipc' as const] : [])] });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`emulator exited (${code}) before listening: ${out}`)));
  });
  const res = await fetch(`${url}/_localstack/health`);
  await res.text();
  if (!res.ok) throw new Error(`health answered ${res.status}`);
  const startMs = performance.now() - started;
  return { url, pid: child.pid!, startMs, child, stop: () => stopChild(child) };
}

/** Spawn-to-first-answer of a Node process that does nothing but serve HTTP: the machine's floor. */
async function bareNodeServerStart(): Promise<number> {
  const started = performance.now();
  const code = "require('node:http').createServer((q, s) => s.end('{}')).listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });";
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((ok) => child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /listening on (\S+)/.exec(out);
    if (m) ok(m[1]!);
  }));
  await (await fetch(url)).text();
  const elapsed = performance.now() - started;
  await stopChild(child);
  return elapsed;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function spawnMoto(env: Record<string, string> = {}): Promise<(Server & { startMs: number }) | undefined> {
  if (spawnSync('moto_server', ['--help']).status !== 0) return undefined;
  const port = await freePort();
  const started = performance.now();
  const child = spawn('moto_server', ['-p', String(port), '-H', '127.0.0.1'], { stdio: 'ignore', env: { ...process.env, ...env } });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const res = await fetch(`${url}/moto-api/`);
      await res.text();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return { url, pid: child.pid!, startMs: performance.now() - started, stop: () => stopChild(child) };
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The emulator's own capacity: a minimal HTTP client replays one request (SDK-shaped) with `inFlight` in flight. */
async function replayThroughput(url: string, call: string, inFlight: number, ms: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const target = new URL(url);
  const wire: Record<string, { service: string; method: string; path: string; body: string; headers: Record<string, string> }> = {
    GetCallerIdentity: { service: 'sts', method: 'POST', path: '/', body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    GetBucketPolicy: { service: 's3', method: 'GET', path: '/bench-bucket?policy', body: '', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    DescribeKey: { service: 'kms', method: 'POST', path: '/', body: '{"KeyId":"alias/bench"}', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.DescribeKey' } },
  };
  const { service, method, path, body, headers } = wire[call]!;
  const options = {
    host: target.hostname, port: target.port, agent, method, path,
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=000000000000/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      'x-amz-date': '20260101T000000Z', ...headers, ...(body ? { 'content-length': String(body.length) } : {}),
    },
  };
  const once = () => new Promise<void>((ok, fail) => {
    const req = request(options, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end(body);
  });
  for (let i = 0; i < 500; i++) await once();
  const rate = await throughput(once, inFlight, ms);
  agent.destroy();
  return rate;
}

interface ProcessMemory { rss: number; heapUsed: number; heapTotal: number; external: number }
interface MemoryReport { before: ProcessMemory; after: ProcessMemory; peakRss: number }

/** Asks a probe-spawned emulator to run full collections and report its memory (bytes). */
function memoryOf(child: ChildProcess): Promise<MemoryReport> {
  return new Promise((ok, fail) => {
    child.once('message', (m: MemoryReport & { error?: string }) => (m.error ? fail(new Error(m.error)) : ok(m)));
    child.send({ type: 'memory' });
  });
}

const MB = 2 ** 20;

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
}

function rssMb(pid: number): number {
  return statusMb(pid, 'VmRSS');
}

/** The most RSS the process has had (the kernel's high-water mark). */
function peakRssMb(pid: number): number {
  return statusMb(pid, 'VmHWM');
}

/** Runs `fn` with `concurrency` calls in flight for `ms` milliseconds; returns calls per second. */
async function throughput(fn: () => Promise<unknown>, concurrency: number, ms: number): Promise<number> {
  let count = 0;
  const deadline = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await fn();
        count++;
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function prepare(url: string, withKms: boolean): Promise<void> {
  const { s3, kms } = clients(url);
  if (withKms) {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'bench' }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/bench', TargetKeyId: KeyMetadata!.KeyId }));
  }
  await s3.send(new CreateBucketCommand({ Bucket: 'bench-bucket' }));
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'bench-bucket', PublicAccessBlockConfiguration: { BlockPublicPolicy: false } }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'bench-bucket', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bench-bucket/*' }] }) }));
}

async function latencyAndThroughput(label: string, server: Server, rows: BenchRow[], goals: boolean, withKms = false): Promise<Record<string, { p50: number; rate: number }>> {
  const { sts, s3, kms } = clients(server.url);
  const calls: [string, () => Promise<unknown>][] = [
    ['GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({}))],
    ['GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: 'bench-bucket' }))],
  ];
  if (withKms) calls.push(['DescribeKey', () => kms.send(new DescribeKeyCommand({ KeyId: 'alias/bench' }))]);
  const results: Record<string, { p50: number; rate: number }> = {};
  for (const [name, fn] of calls) {
    await timeEach(300, fn); // warm-up: JIT, connection pool
    const durations = await timeEach(2000, fn);
    const p50 = percentile(durations, 50);
    const cpuBefore = cpuMs(server.pid);
    const sdkRate = await throughput(fn, 32, 3000);
    const cpuPerCall = (cpuMs(server.pid) - cpuBefore) / (sdkRate * 3);
    const rate = goals ? await replayThroughput(server.url, name, 32, 3000) : sdkRate;
    results[name] = { p50, rate: sdkRate };
    const note = `${label}; sequential, 2,000 calls; p95 ${percentile(durations, 95).toFixed(2)} ms; load average ${loadAverage()}`;
    if (goals) {
      rows.push(goalRow(`${label}: ${name} p50 (SDK over HTTP)`, p50, 'ms', { below: 2 }, note));
      rows.push(goalRow(`${label}: ${name} calls/s on one core`, 1000 / cpuPerCall, 'calls/s', { atLeast: 3000 }, `calls served per CPU-second of the (single-threaded) emulator process while the SDK drove it: ${cpuPerCall.toFixed(3)} ms of CPU per call`));
      rows.push({ measure: `${label}: ${name} calls/s, wall clock, light client`, value: rate, unit: 'calls/s', note: `a keep-alive HTTP client replaying the SDK's request, 32 in flight, 3 s, sharing the 2 cores (load average ${loadAverage()})` });
      rows.push({ measure: `${label}: ${name} calls/s, wall clock, through the SDK`, value: sdkRate, unit: 'calls/s', note: `32 in flight from this process, 3 s; bound by the SDK client's CPU (≈0.5 ms per call)` });
    } else {
      rows.push({ measure: `${label}: ${name} p50 (SDK over HTTP)`, value: p50, unit: 'ms', note });
      rows.push({ measure: `${label}: ${name} calls/s through the SDK`, value: sdkRate, unit: 'calls/s', note: `32 in flight, 3 s; moto CPU per call ${cpuPerCall.toFixed(2)} ms` });
    }
  }
  return results;
}

/**
 * ~40 resources per account: 8 roles (+ trust, inline and attached policies), 4 users, 4 policies,
 * 3 buckets with 4 objects each. `uniqueNames` puts the account in every IAM name, for servers that
 * keep all these keys in one account (moto_server), so the same number of resources is created;
 * `workers` is how many accounts are populated at once (moto answers 500s under concurrent IAM writes).
 */
export async function populate(url: string, accounts: number, { uniqueNames = false, workers = 16 } = {}): Promise<number> {
  let resources = 0;
  const queue = Array.from({ length: accounts }, (_, i) => String(100_000_000_000 + i));
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' }] });
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let account = queue.shift(); account; account = queue.shift()) {
        const { iam, s3 } = clients(url, account);
        const name = (kind: string, n: number) => (uniqueNames ? `${kind}-${account}-${n}` : `${kind}-${n}`);
        for (let r = 0; r < 8; r++) {
          await iam.send(new CreateRoleCommand({ RoleName: name('role', r), AssumeRolePolicyDocument: trust, Tags: [{ Key: 'lab', Value: 'bench' }] }));
          await iam.send(new PutRolePolicyCommand({ RoleName: name('role', r), PolicyName: 'inline', PolicyDocument: doc }));
          await iam.send(new AttachRolePolicyCommand({ RoleName: name('role', r), PolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess' }));
        }
        for (let u = 0; u < 4; u++) await iam.send(new CreateUserCommand({ UserName: name('user', u) }));
        for (let p = 0; p < 4; p++) await iam.send(new CreatePolicyCommand({ PolicyName: name('policy', p), PolicyDocument: doc }));
        for (let b = 0; b < 3; b++) {
          const bucket = `b${account}-${b}`;
          await s3.send(new CreateBucketCommand({ Bucket: bucket }));
          for (let o = 0; o < 4; o++) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `data/part-${o}.csv`, Body: 'feature_a,feature_b,label\n0.1,0.2,1\n' }));
        }
        resources += 8 * 2 + 4 + 4 + 3 + 12;
      }
    }),
  );
  return resources / accounts;
}

const benchmark: Benchmark = {
  suite: 'emulator',
  async run() {
    const rows: BenchRow[] = [];

    // Cold start: spawn → listening → /_localstack/health answers (best of warm file cache, 10 runs).
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const server = await spawnEmulator();
      starts.push(server.startMs);
      await server.stop();
    }
    rows.push(goalRow('cold start to healthy (spawned `npm run emulator` entry point)', percentile(starts, 50), 'ms', { below: 300 }, `p50 of 10 spawns; min ${Math.min(...starts).toFixed(0)}, max ${Math.max(...starts).toFixed(0)} ms; load average ${loadAverage()}`));
    const bare: number[] = [];
    for (let i = 0; i < 10; i++) bare.push(await bareNodeServerStart());
    rows.push({ measure: 'for reference: a bare Node HTTP server, spawned the same way', value: percentile(bare, 50), unit: 'ms', note: `p50 of 10; the floor this machine sets right now (min ${Math.min(...bare).toFixed(0)} ms)` });

    const emu = await spawnEmulator();
    let ours: Record<string, { p50: number; rate: number }>;
    let withKms: boolean;
    try {
      const firstCall = performance.now();
      await clients(emu.url).sts.send(new GetCallerIdentityCommand({}));
      rows.push({ measure: 'first GetCallerIdentity after start (loads the STS model)', value: performance.now() - firstCall, unit: 'ms', note: 'models load lazily; health is served before' });
      const health = (await (await fetch(`${emu.url}/_localstack/health`)).json()) as { services: Record<string, string> };
      withKms = Boolean(health.services.kms);
      await prepare(emu.url, withKms);
      ours = await latencyAndThroughput('emulator', emu, rows, true, withKms);
      if (!withKms) rows.push({ measure: 'emulator: DescribeKey', value: Number.NaN, unit: '', note: 'KMS is not part of this build yet' });
    } finally {
      await emu.stop();
    }

    const memory = await emulatorMemory(rows);

    const moto = await spawnMoto();
    if (!moto) {
      rows.push({ measure: 'moto_server comparison', value: Number.NaN, unit: '', note: 'skipped: moto_server is not installed' });
      return rows;
    }
    try {
      rows.push({ measure: 'moto_server: cold start to first answer', value: moto.startMs, unit: 'ms', note: `emulator is ${(moto.startMs / percentile(starts, 50)).toFixed(1)}× faster` });
      await prepare(moto.url, withKms);
      const theirs = await latencyAndThroughput('moto_server', moto, rows, false, withKms);
      for (const name of Object.keys(ours)) {
        rows.push({ measure: `${name}: moto p50 / emulator p50`, value: theirs[name]!.p50 / ours[name]!.p50, unit: '×', note: 'higher = emulator faster' });
        rows.push({ measure: `${name}: emulator calls/s / moto calls/s`, value: ours[name]!.rate / theirs[name]!.rate, unit: '×', note: 'higher = emulator faster' });
      }
    } finally {
      await moto.stop();
    }
    // The memory workload on moto: the same 1,000 × ~40 resources, one account at a time (moto
    // keeps these keys in one account, so names carry the account; AWS managed policies must be
    // loaded to attach one). Python frees most objects as soon as they are unreferenced, so its RSS
    // needs no forced collection to compare.
    const motoMemory = await spawnMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
    if (motoMemory) {
      try {
        const motoStart = performance.now();
        await populate(motoMemory.url, 1000, { uniqueNames: true, workers: 1 });
        const motoSeconds = (performance.now() - motoStart) / 1000;
        const motoRss = rssMb(motoMemory.pid);
        rows.push({ measure: 'memory: the same workload on moto_server (RSS)', value: motoRss, unit: 'MB', note: `peak ${peakRssMb(motoMemory.pid).toFixed(0)} MB; created over HTTP one account at a time in ${motoSeconds.toFixed(0)} s (emulator, 16 at a time: ${memory.seconds.toFixed(0)} s)` });
        rows.push({ measure: 'memory: moto RSS / emulator RSS after full GC', value: motoRss / memory.rssAfterGc, unit: '×', note: 'higher = emulator leaner' });
      } finally {
        await motoMemory.stop();
      }
    }
    return rows;
  },
};

/**
 * Issue 3's memory floor: 1,000 accounts × ~40 resources in < 500 MB, on a fresh emulator process
 * (so its peak RSS is this workload's). The emulator reports from inside after forced full
 * collections (emulator-memory-probe.js); the kernel's high-water mark (VmHWM) is the peak.
 */
async function emulatorMemory(rows: BenchRow[]): Promise<{ rssAfterGc: number; seconds: number }> {
  const server = await spawnEmulator({ probe: true });
  try {
    const idle = await memoryOf(server.child);
    const started = performance.now();
    const perAccount = await populate(server.url, 1000);
    const seconds = (performance.now() - started) / 1000;
    const load = loadAverage();
    const built = await memoryOf(server.child);
    const rssAfterGc = built.after.rss / MB;
    const flags = EMULATOR_NODE_FLAGS.join(' ');
    rows.push(goalRow('memory: 1,000 accounts × ~40 resources, RSS after full GC', rssAfterGc, 'MB', { below: 500 }, `${perAccount} resources per account, created over HTTP (16 accounts at a time) in ${seconds.toFixed(0)} s; emulator started as \`npm run emulator\` (${flags}); load average ${load}`));
    rows.push(goalRow('memory: peak RSS while building them', built.peakRss / MB, 'MB', { below: 500 }, 'the kernel\'s high-water mark (VmHWM) of the emulator process, start to end; garbage V8 had not collected yet included'));
    rows.push({ measure: 'memory: V8 heap in use after full GC', value: built.after.heapUsed / MB, unit: 'MB', note: `live JavaScript objects; ${((built.after.heapUsed - idle.after.heapUsed) / 1000 / 1024).toFixed(0)} KB per account over the ${(idle.after.heapUsed / MB).toFixed(0)} MB of the emulator before its first call (so including the IAM, S3 and STS models and SDK packages, loaded once); heap committed ${(built.after.heapTotal / MB).toFixed(0)} MB, external ${(built.after.external / MB).toFixed(0)} MB` });
    rows.push({ measure: 'memory: RSS before the forced GC', value: built.before.rss / MB, unit: 'MB', note: 'what this benchmark used to report: includes garbage V8 has not collected yet, so it varies with how fast the accounts were built' });
    return { rssAfterGc, seconds };
  } finally {
    await server.stop();
  }
}

export default benchmark;
