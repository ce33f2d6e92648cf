/**
 * moto_server as an optional, independent AWS implementation for tests. Present on the project's
 * machines (in the machine's Python), absent on most learners' machines: tests that use it skip
 * with a visible message when it is missing, and are never the only test of a feature.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findMotoServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'moto_server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export const motoAvailable = findMotoServer() !== undefined;

/** Says once, visibly, why moto-backed tests are skipped. */
export function announceMotoSkip(suite: string): void {
  if (!motoAvailable) console.warn(`[skipped] ${suite}: moto_server is not installed on this machine (optional; the embedded-target tests cover the same engine).`);
}

export interface MotoServer {
  endpoint: string;
  port: number;
  process: ChildProcess;
  /** Stops this server (and only it). */
  stop(): Promise<void>;
  /** Clears all state (moto's reset API). */
  reset(): Promise<void>;
}

/** Starts moto_server on an ephemeral port (never a fixed one: other work shares this machine). */
export async function startMoto(options: { port?: number } = {}): Promise<MotoServer> {
  const executable = findMotoServer();
  if (!executable) throw new Error('moto_server is not installed');
  const child = spawn(executable, ['-H', '127.0.0.1', '-p', String(options.port ?? 0)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'false' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`moto_server did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited with code ${code}:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await response.body?.cancel();
    },
  };
}

/** Environment that points the target settings at a moto server. */
export function motoEnv(endpoint: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: endpoint, MLSEC_REGION: 'us-east-1', ...extra };
}
