/** moto_server as a differential oracle: start it on a free port, and compare response shapes. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export const motoAvailable = spawnSync('moto_server', ['--help'], { encoding: 'utf8' }).status === 0;

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

export async function startMoto(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-p', String(port), '-H', '127.0.0.1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(500) });
      await res.body?.cancel();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    stop: () => new Promise<void>((ok) => {
      child.once('exit', () => ok());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    }),
  };
}

/** A value reduced to its shape: object keys with the shapes of their values, types of scalars. */
export function shapeOf(value: unknown): unknown {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return 'date';
  if (value instanceof Uint8Array || (typeof value === 'object' && value !== null && 'transformToString' in value)) return 'bytes';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (key !== '$metadata' && (value as Record<string, unknown>)[key] !== undefined) out[key] = shapeOf((value as Record<string, unknown>)[key]);
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
