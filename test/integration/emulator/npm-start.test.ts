/** How `npm start` brings up the emulator: starts it, reuses ours if running, refuses a foreign port owner. */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedEmulator } from '../../../src/cli/embedded-emulator.ts';
import { emulator } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlsec-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start and the embedded emulator', () => {
  it('starts the emulator with state under MLSEC_DATA_DIR', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const started = await startEmbeddedEmulator({ MLSEC_EMULATOR_PORT: '0', MLSEC_DATA_DIR: dir });
    try {
      expect(started?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(log.mock.calls.flat().join(' ')).toContain(join(dir, 'emulator'));
      expect((await fetch(`${started!.url}/_localstack/health`)).status).toBe(200);
    } finally {
      await started?.stop();
      log.mockRestore();
    }
  });

  it('does not start it when MLSEC_TARGET names another AWS', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await startEmbeddedEmulator({ MLSEC_TARGET: 'localstack' })).toBeUndefined();
    expect(log.mock.calls.flat().join(' ')).toContain('MLSEC_TARGET=localstack');
    log.mockRestore();
  });

  it('reuses an mlsec-sim emulator already listening on the port', async () => {
    const running = await emulator();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await startEmbeddedEmulator({ MLSEC_EMULATOR_PORT: String(running.port), MLSEC_DATA_DIR: dir })).toBeUndefined();
      expect(log.mock.calls.flat().join(' ')).toContain('already running');
    } finally {
      log.mockRestore();
      await running.stop();
    }
  });

  it('explains what to do when something else holds the port', async () => {
    const foreign = createServer((_req, res) => res.end('not aws'));
    await new Promise<void>((ok) => foreign.listen(0, '127.0.0.1', () => ok()));
    const port = (foreign.address() as { port: number }).port;
    try {
      const script = `import { startEmbeddedEmulator } from ${JSON.stringify(resolve(import.meta.dirname, '../../../src/cli/embedded-emulator.ts'))}; await startEmbeddedEmulator();`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, MLSEC_EMULATOR_PORT: String(port), MLSEC_DATA_DIR: dir, MLSEC_TARGET: '' }, encoding: 'utf8', timeout: 20_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`port ${port} is already in use by something that is not the mlsec-sim emulator`);
      expect(result.stderr).toContain('MLSEC_TARGET=localstack');
    } finally {
      foreign.close();
    }
  });
});

describe('npm start and the emulator admin token', () => {
  it('makes a random token when none is configured, which the emulator then requires', async () => {
    const { generateAdminTokenIfUnset, writeAdminTokenFile, adminTokenFile } = await import('../../../src/cli/emulator-admin-token.ts');
    const env: NodeJS.ProcessEnv = { MLSEC_EMULATOR_PORT: '0', MLSEC_DATA_DIR: dir };
    expect(generateAdminTokenIfUnset(env)).toBe(true);
    const token = env.MLSEC_EMULATOR_ADMIN_TOKEN!;
    expect(token).toMatch(/^[\w-]{43}$/);
    const other: NodeJS.ProcessEnv = {};
    generateAdminTokenIfUnset(other);
    expect(other.MLSEC_EMULATOR_ADMIN_TOKEN).not.toBe(token);
    // A configured token is kept; another target's emulator is none of ours.
    const configured: NodeJS.ProcessEnv = { MLSEC_EMULATOR_ADMIN_TOKEN: 'mine' };
    expect(generateAdminTokenIfUnset(configured)).toBe(false);
    expect(configured.MLSEC_EMULATOR_ADMIN_TOKEN).toBe('mine');
    expect(generateAdminTokenIfUnset({ MLSEC_TARGET: 'localstack' })).toBe(false);

    const file = writeAdminTokenFile(adminTokenFile(env), token)!;
    const { readFileSync, statSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const started = await startEmbeddedEmulator(env);
    try {
      expect((await fetch(`${started!.url}/_mlsec/tenants`, { method: 'POST' })).status).toBe(401);
      const created = await fetch(`${started!.url}/_mlsec/tenants`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(created.status).toBe(201);
      expect(log.mock.calls.flat().join(' ')).not.toContain(token);
    } finally {
      await started?.stop();
      log.mockRestore();
    }
  });
});
