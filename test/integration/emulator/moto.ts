/**
 * A `moto_server` for differential tests, on an ephemeral port. Tests that use it must skip with a
 * visible message when moto is absent.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

export const MOTO_AVAILABLE: boolean = (() => {
  try {
    return spawnSync('moto_server', ['--help'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  } catch {
    return false;
  }
})();

export const MOTO_MISSING_MESSAGE = 'skipped: moto_server is not installed on this machine; install moto[server] to run the differential tests';

export interface MotoServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`moto_server did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(new Error(`moto_server exited with ${code}: ${output}`)));
  });
  return {
    url,
    stop: () => new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }),
  };
}

/** The shape of a response: member names with the JSON type of their values, recursively. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value instanceof Date) return 'timestamp';
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
      if (k === '$metadata' || v === undefined || v === null) continue;
      out[k] = shapeOf(v);
    }
    return out;
  }
  return typeof value;
}
