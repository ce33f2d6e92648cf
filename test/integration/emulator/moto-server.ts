/**
 * moto_server as a differential oracle: started on an ephemeral port for a suite, stopped after it.
 * moto is not something users have; suites that use it skip (with a visible title) when it is absent.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

export const MOTO_AVAILABLE = spawnSync('moto_server', ['--help'], { encoding: 'utf8' }).status === 0;
export const MOTO_SKIP_NOTE = MOTO_AVAILABLE ? '' : ' — SKIPPED: moto_server is not installed on this machine';
if (!MOTO_AVAILABLE) console.warn('moto differential suites skipped: moto_server is not installed (pip install "moto[server]" to run them).');

/** moto's default account: ARNs compare equal when the emulator is called with this access key id. */
export const MOTO_ACCOUNT = '123456789012';

export interface MotoServer {
  readonly url: string;
  stop(): Promise<void>;
}

export function startMoto(timeoutMs = 30_000): Promise<MotoServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOTO_ACCOUNT_ID: MOTO_ACCOUNT } });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`moto_server did not report its port within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({
        url: m[1]!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The structure of a value: member names and leaf types, arrays by their first element. */
export type Shape = string | Shape[] | { [member: string]: Shape };

export function shapeOf(value: unknown): Shape {
  if (value === null || value === undefined) return 'absent';
  if (value instanceof Date) return 'timestamp';
  if (value instanceof Uint8Array) return 'blob';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    // Maps keyed by ids (VersionIdsToStages …) compare by their values' shape, not by their keys.
    if (keys.length && keys.every((k) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(k))) {
      return { '<id>': shapeOf((value as Record<string, unknown>)[keys[0]!]) };
    }
    const out: { [member: string]: Shape } = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      // An empty list and an absent member mean the same to clients.
      if (key === '$metadata' || member === undefined || (Array.isArray(member) && member.length === 0)) continue;
      out[key] = shapeOf(member);
    }
    return out;
  }
  return typeof value;
}

/** Paths (`Member.Sub[]`) where moto's shape `a` and the emulator's `b` differ: one side only, or another type. */
export function shapeDifferences(a: Shape, b: Shape, path = ''): string[] {
  if (typeof a === 'string' || typeof b === 'string') return a === b ? [] : [`${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return [`${path}: list vs structure`];
    if (!a.length || !b.length) return [];
    return shapeDifferences(a[0]!, b[0]!, `${path}[]`);
  }
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const p = path ? `${path}.${key}` : key;
    if (!(key in a)) out.push(`${p}: only emulator`);
    else if (!(key in b)) out.push(`${p}: only moto`);
    else out.push(...shapeDifferences(a[key]!, b[key]!, p));
  }
  return out;
}
