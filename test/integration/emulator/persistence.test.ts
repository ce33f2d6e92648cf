/**
 * Persistence: state written atomically under the data directory survives a crash (SIGKILL after
 * the write settled) and a graceful stop (SIGTERM flushes at once); unreadable files are set aside.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig, emulator } from './support.ts';

const cli = resolve(import.meta.dirname, '../../../src/emulator/cli.js');
const KEYS = { accessKeyId: '135792468024', secretAccessKey: 'x' };
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const children: ChildProcess[] = [];
const dirs: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-emulator-'));
  dirs.push(dir);
  return dir;
}

/** Starts `npm run emulator`'s entry point as a child process and waits for its URL. */
async function startChild(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`emulator did not start: ${output}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return { url, child };
}

async function settled(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const status = (await (await fetch(`${url}/_mlsec/status`)).json()) as { persistence: { pendingAccounts: number; writes: number } };
    if (status.persistence.pendingAccounts === 0 && status.persistence.writes > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('persistence never settled');
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', () => ok())));
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps state across a SIGKILL once the write has settled', async () => {
    const dir = dataDir();
    const first = await startChild(dir);
    await new IAMClient(clientConfig(first.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'Survivor', AssumeRolePolicyDocument: trust }));
    const s3 = new S3Client({ ...clientConfig(first.url, KEYS), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'durable' }));
    await s3.send(new PutObjectCommand({ Bucket: 'durable', Key: 'model.bin', Body: Buffer.from([0, 1, 2, 255]) }));
    await settled(first.url);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(readdirSync(join(dir, 'accounts')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startChild(dir);
    const role = await new IAMClient(clientConfig(second.url, KEYS)).send(new GetRoleCommand({ RoleName: 'Survivor' }));
    expect(role.Role?.Arn).toBe('arn:aws:iam::135792468024:role/Survivor');
    const got = await new S3Client({ ...clientConfig(second.url, KEYS), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: 'durable', Key: 'model.bin' }));
    expect([...(await got.Body!.transformToByteArray())]).toEqual([0, 1, 2, 255]);
  });

  it('writes pending changes at once on SIGTERM', async () => {
    const dir = dataDir();
    const first = await startChild(dir);
    await new IAMClient(clientConfig(first.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'Graceful', AssumeRolePolicyDocument: trust }));
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);
    const second = await startChild(dir);
    expect((await new IAMClient(clientConfig(second.url, KEYS)).send(new GetRoleCommand({ RoleName: 'Graceful' }))).Role?.RoleName).toBe('Graceful');
  });

  it('sets an unreadable account file aside and keeps serving the others', async () => {
    const dir = dataDir();
    const first = await emulator({ dataDir: dir });
    await new IAMClient(clientConfig(first.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'Fine', AssumeRolePolicyDocument: trust }));
    await first.stop();
    writeFileSync(join(dir, 'accounts', '999999999999.json'), '{"id": "999999999999", "credentials": {');
    const logs: string[] = [];
    const second = await emulator({ dataDir: dir, log: (m) => logs.push(m) });
    try {
      expect((await new IAMClient(clientConfig(second.url, KEYS)).send(new GetRoleCommand({ RoleName: 'Fine' }))).Role?.RoleName).toBe('Fine');
      expect(logs.join('\n')).toMatch(/999999999999\.json could not be read/);
      expect(readdirSync(join(dir, 'accounts')).some((f) => f.startsWith('999999999999.json.corrupt-'))).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('removes an account from disk when it is reset', async () => {
    const dir = dataDir();
    const emu = await emulator({ dataDir: dir });
    try {
      await new IAMClient(clientConfig(emu.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'Gone', AssumeRolePolicyDocument: trust }));
      await emu.flush();
      expect(existsSync(join(dir, 'accounts', '135792468024.json'))).toBe(true);
      await fetch(`${emu.url}/_mlsec/reset?account=135792468024`, { method: 'POST' });
      expect(existsSync(join(dir, 'accounts', '135792468024.json'))).toBe(false);
    } finally {
      await emu.stop();
    }
  });
});
