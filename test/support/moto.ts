/**
 * The one way tests start `moto_server` (the differential suites compare the emulator's answers
 * with moto's): on an ephemeral port on 127.0.0.1, ready once its `/moto-api/` answers, stopped with
 * SIGTERM (SIGKILL after three seconds). Suites skip with a visible message where moto is not
 * installed (`MOTO_AVAILABLE`, `motoSkipMessage`). Also the response-shape comparison they share.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

export const MOTO_AVAILABLE: boolean = (() => {
  try {
    return spawnSync('moto_server', ['--help'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  } catch {
    return false;
  }
})();

/** The message a suite shows when it skips for want of moto. */
export function motoSkipMessage(suite: string): string {
  return `${suite} — SKIPPED: moto_server is not installed on this machine; install moto[server] to run the differential tests.`;
}

/** Says once, visibly, why a moto-backed suite is skipped. */
export function announceMotoSkip(suite: string): void {
  if (!MOTO_AVAILABLE) console.warn(motoSkipMessage(suite));
}

/** Environment that points the lab target settings at a moto server. */
export function motoEnv(endpoint: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: endpoint, MLSEC_REGION: 'us-east-1', ...extra };
}

export interface MotoServer {
  readonly url: string;
  /** The same as `url` (what lab targets call an endpoint). */
  readonly endpoint: string;
  readonly port: number;
  /** Everything moto printed (its log names operations it does not implement). */
  log(): string;
  /** Forgets every resource (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** `port` restarts moto where it was (tests of a target that comes back); ephemeral by default. */
export async function startMoto(options: { port?: number } = {}): Promise<MotoServer> {
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(options.port ?? 0)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`moto_server did not start within 30 s: ${output}`)), 30_000);
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
    child.once('exit', (code) => fail(new Error(`moto_server exited with ${code}: ${output}`)));
  });
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(500) }).then((r) => (r.body?.cancel(), true), () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    endpoint: url,
    port: Number(new URL(url).port),
    log: () => output,
    reset: async () => {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' }).then((r) => r.body?.cancel());
    },
    stop: () => new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    }),
  };
}

export interface ShapeOptions {
  /** Treat null members as absent (default: a null member has the shape `null`). */
  nullsAsAbsent?: boolean;
}

/** A value reduced to its shape: object keys with the shapes of their values, types of scalars, lists by their first element. */
export function shapeOf(value: unknown, options: ShapeOptions = {}): unknown {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return 'date';
  if (value instanceof Uint8Array || (typeof value === 'object' && 'transformToString' in value)) return 'bytes';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0], options)] : [];
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (key === '$metadata' || member === undefined || (options.nullsAsAbsent && member === null)) continue;
      out[key] = shapeOf(member, options);
    }
    return out;
  }
  return typeof value;
}

/** Paths where two shapes differ, e.g. `+Role.Tags` (only ours), `-Role.X` (only moto's), `~A.B` (type). */
export function shapeDiff(ours: unknown, theirs: unknown, path = ''): string[] {
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (!ours.length || !theirs.length) return [];
    return shapeDiff(ours[0], theirs[0], `${path}[]`);
  }
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object' && !Array.isArray(ours) && !Array.isArray(theirs)) {
    const a = ours as Record<string, unknown>;
    const b = theirs as Record<string, unknown>;
    const diffs: string[] = [];
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in b)) diffs.push(`+${p}`);
      else if (!(k in a)) diffs.push(`-${p}`);
      else diffs.push(...shapeDiff(a[k], b[k], p));
    }
    return diffs;
  }
  return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [`~${path}`];
}
