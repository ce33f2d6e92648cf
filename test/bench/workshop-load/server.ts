/**
 * The server under load for the workshop benchmark: the built app as `npm start` runs it (site and
 * embedded emulator in one process), on free ports, with a data directory of its own. Builds first
 * when `dist/` is missing or older than the sources, and samples the process's resident memory.
 *
 * `separateEmulator`: the emulator runs as its own process instead (`npm run emulator`'s command
 * and Node flags), the app attaches to it (MLSEC_EMBEDDED=attach), as a multi-instance deployment
 * does — to measure what sharing one event loop between site and emulator costs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EMULATOR_NODE_FLAGS } from '../../../src/emulator/node-flags.ts';
import { freePort } from '../../support/free-port.ts';

export const projectRoot = resolve(import.meta.dirname, '../../..');
const builtEntry = join(projectRoot, 'dist/server/entry.mjs');
const sourceRoots = ['src', 'content', 'labs', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the site (lab validation + astro build, as `npm run build`) when dist/ is missing or stale. */
export function ensureBuilt(log: (line: string) => void): void {
  const built = existsSync(builtEntry) ? statSync(builtEntry).mtimeMs : 0;
  const newest = Math.max(...sourceRoots.map((p) => newestMtime(join(projectRoot, p))));
  if (built && built >= newest) return;
  log(built ? 'dist/ is older than the sources: building the site first (npm run build; a minute or two)…' : 'dist/ is missing: building the site first (npm run build; a minute or two)…');
  const started = Date.now();
  // The build's own progress goes to stderr, so the benchmark's table on stdout stays clean.
  const result = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error('npm run build failed (see its messages above); the workshop benchmark needs the built site.');
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

export interface BenchServer {
  url: string;
  pid: number;
  /** The separate emulator's process, when there is one. */
  emulatorPid?: number;
  dataDir: string;
  /** Everything the server printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startBenchServer(extraEnv: Record<string, string> = {}, options: { separateEmulator?: boolean } = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-workshop-bench-'));
  const inherited = { ...process.env };
  // Never the caller's lab target or database: this server has its own of both.
  for (const key of Object.keys(inherited)) if (/^(MLSEC_|DATABASE_URL$)/.test(key)) delete inherited[key];
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [port, emulatorPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      MLSEC_DATA_DIR: dataDir,
      MLSEC_TARGET: 'embedded',
      MLSEC_EMULATOR_PORT: String(emulatorPort),
      HOST: '127.0.0.1',
      PORT: String(port),
      ASTRO_TELEMETRY_DISABLED: '1',
      ...extraEnv,
    };
    let emulator: ChildProcess | undefined;
    let output = '';
    const collect = (d: unknown) => (output = (output + d).slice(-20_000));
    if (options.separateEmulator) {
      // Both processes must agree on the admin token that `npm start` would otherwise make up.
      env.MLSEC_EMULATOR_ADMIN_TOKEN = randomBytes(24).toString('hex');
      env.MLSEC_EMBEDDED = 'attach';
      env.MLSEC_ENDPOINT = `http://127.0.0.1:${emulatorPort}`;
      emulator = spawn(process.execPath, [...EMULATOR_NODE_FLAGS, join(projectRoot, 'src/emulator/cli.js')], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      emulator.stdout!.on('data', collect);
      emulator.stderr!.on('data', collect);
    }
    const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'src/cli/start.ts'), '--no-build'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const url = `http://127.0.0.1:${port}`;
    try {
      if (emulator) await waitUntilServing(`${env.MLSEC_ENDPOINT}/_localstack/health`, emulator, () => output);
      await waitUntilServing(url, child, () => output);
      return {
        url,
        pid: child.pid!,
        emulatorPid: emulator?.pid,
        dataDir,
        output: () => output,
        stop: async () => {
          await stopProcess(child);
          if (emulator) await stopProcess(emulator);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      await stopProcess(child);
      if (emulator) await stopProcess(emulator);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  throw lastError;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output()}`);
    const ok = await fetch(url.includes('/_localstack/') ? url : `${url}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer at ${url} within 60 s:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** Resident memory of a process in MB (Linux /proc); NaN where /proc is not available. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Samples the summed RSS of processes every `everyMs` and keeps the peak. */
export function sampleRss(pids: number | readonly number[], everyMs = 250): { peak(): number; stop(): void } {
  const all = typeof pids === 'number' ? [pids] : pids;
  const total = () => all.reduce((sum, pid) => sum + rssMb(pid), 0);
  let peak = total();
  const timer = setInterval(() => {
    const now = total();
    if (now > peak || Number.isNaN(peak)) peak = now;
  }, everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
