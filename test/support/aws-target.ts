/**
 * An AWS to test against, on an ephemeral port: the embedded emulator when this checkout has it
 * (src/emulator/index.ts), else moto_server when it is on PATH, else undefined — callers skip with
 * a message. The emulator is imported by path at run time so that this file type-checks on branches
 * that do not have it yet.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './free-port.ts';

export interface AwsTarget {
  readonly url: string;
  readonly kind: 'embedded emulator' | 'moto_server';
  stop(): Promise<void>;
}

const emulatorEntry = resolve(import.meta.dirname, '../../src/emulator/index.ts');

export async function startAwsTarget(): Promise<AwsTarget | undefined> {
  if (existsSync(emulatorEntry)) {
    const { startEmulator } = (await import(/* @vite-ignore */ emulatorEntry)) as { startEmulator(o: { port: number }): Promise<{ url: string; stop(): Promise<void> }> };
    const emulator = await startEmulator({ port: 0 });
    return { url: emulator.url, kind: 'embedded emulator', stop: () => emulator.stop() };
  }
  if (spawnSync('moto_server', ['--help'], { encoding: 'utf8' }).status !== 0) return undefined;
  let log = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const moto: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    moto.stdout!.on('data', (d) => (log += d));
    moto.stderr!.on('data', (d) => (log += d));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && moto.exitCode === null; i++) {
      if (await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false)) {
        return {
          url,
          kind: 'moto_server',
          stop: () =>
            new Promise<void>((done) => {
              moto.once('exit', () => done());
              moto.kill();
            }),
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    moto.kill();
  }
  throw new Error(`moto_server did not start:\n${log}`);
}
