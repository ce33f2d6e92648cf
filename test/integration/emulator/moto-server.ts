/**
 * Starts `moto_server` (Python's moto, an independent AWS emulator) as a differential oracle.
 * Optional: a user's machine usually lacks it, so suites check `hasMotoServer` and skip with a
 * message. The port is chosen by the OS and handed to moto (several test runs share the machine).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export const hasMotoServer = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

export async function startMotoServer(): Promise<MotoServer> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    while (Date.now() - started < 30_000 && child.exitCode === null) {
      try {
        const response = await fetch(`${url}/moto-api/`);
        if (response.status < 500) {
          return {
            url,
            stop: () => new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
          };
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    if (!/Address already in use/i.test(output)) throw new Error(`moto_server did not start: ${output.slice(-500)}`);
  }
  throw new Error('moto_server could not find a free port');
}
