/**
 * CloudTrail across restarts: trails live in the account files; the event history in its own
 * append-only files (cloudtrail/event-history/<account>/<region>.jsonl) that survive a stop, a
 * SIGKILL once appended, and a torn last line; a reset removes them; they are rewritten when they
 * grow past twice the history limit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as CT from '@aws-sdk/client-cloudtrail';
import { CreateGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTrailBucket, record, s3Client } from './cloudtrail-support.ts';
import { clientConfig, emulator } from './support.ts';

const cli = resolve(import.meta.dirname, '../../../src/emulator/cli.js');
const ACCOUNT = '246813579024';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const dirs: string[] = [];
const children: ChildProcess[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-cloudtrail-'));
  dirs.push(dir);
  return dir;
}

function historyFile(dir: string, region = 'us-east-1'): string {
  return join(dir, 'cloudtrail', 'event-history', ACCOUNT, `${region}.jsonl`);
}

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

/** Waits until account files and history files hold everything. */
async function settled(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const status = (await (await fetch(`${url}/_mlsec/status`)).json()) as { persistence: { pendingAccounts: number }; extensions: { cloudtrail: { historyFiles: { pendingLines: number; appended: number } } } };
    const files = status.extensions.cloudtrail.historyFiles;
    if (status.persistence.pendingAccounts === 0 && files.pendingLines === 0 && files.appended > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('persistence never settled');
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('CloudTrail persistence', () => {
  it('keeps trails, their logging state and the event history across a restart', async () => {
    const dir = dataDir();
    const first = await emulator({ dataDir: dir });
    const ct = new CT.CloudTrailClient(clientConfig(first.url, KEYS));
    await createTrailBucket(s3Client(S3Client, clientConfig(first.url, KEYS)), 'persisted-logs', ACCOUNT);
    await ct.send(new CT.CreateTrailCommand({ Name: 'durable', S3BucketName: 'persisted-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true, TagsList: [{ Key: 'Project', Value: 'audit' }] }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'durable' }));
    await ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'durable', EventSelectors: [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::persisted-logs/'] }] }] }));
    const before = (await ct.send(new CT.LookupEventsCommand({}))).Events!;
    await first.stop();
    expect(existsSync(historyFile(dir))).toBe(true);

    const second = await emulator({ dataDir: dir });
    try {
      const again = new CT.CloudTrailClient(clientConfig(second.url, KEYS));
      const { Trail } = await again.send(new CT.GetTrailCommand({ Name: 'durable' }));
      expect(Trail).toMatchObject({ IsMultiRegionTrail: true, LogFileValidationEnabled: true, HasCustomEventSelectors: true });
      expect((await again.send(new CT.GetTrailStatusCommand({ Name: 'durable' }))).IsLogging).toBe(true);
      expect((await again.send(new CT.GetEventSelectorsCommand({ TrailName: 'durable' }))).EventSelectors?.[0]?.DataResources).toEqual([{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::persisted-logs/'] }]);
      expect((await again.send(new CT.ListTagsCommand({ ResourceIdList: [Trail!.TrailARN!] }))).ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'Project', Value: 'audit' }]);
      const after = (await again.send(new CT.LookupEventsCommand({}))).Events!;
      // Newest first: this run's reads, the first run's LookupEvents, then the same events as before.
      expect(after.map((e) => e.EventName).slice(0, 6)).toEqual(['ListTags', 'GetEventSelectors', 'GetTrailStatus', 'GetTrail', 'LookupEvents', ...before.slice(0, 1).map((e) => e.EventName)]);
      expect(after.slice(5).map((e) => e.EventId)).toEqual(before.map((e) => e.EventId));
      expect(after.slice(5).map((e) => e.CloudTrailEvent)).toEqual(before.map((e) => e.CloudTrailEvent));
      const byResource = await again.send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'persisted-logs' }] }));
      expect(byResource.Events?.map((e) => e.EventName)).toEqual(['PutBucketPolicy', 'CreateBucket']);
    } finally {
      await second.stop();
    }
  });

  it('keeps appended events through a SIGKILL and skips a torn last line', async () => {
    const dir = dataDir();
    const first = await startChild(dir);
    const iam = new IAMClient(clientConfig(first.url, KEYS));
    for (const name of ['ml-engineers', 'data-scientists', 'auditors']) await iam.send(new CreateGroupCommand({ GroupName: name }));
    await settled(first.url);
    first.child.kill('SIGKILL');
    await new Promise((ok) => first.child.once('exit', ok));
    // A crash in the middle of an append leaves half a line.
    appendFileSync(historyFile(dir), '[]\t{"eventVersion":"1.11","userIdentity":{"type":"Ro');

    const second = await startChild(dir);
    const events = (await new CT.CloudTrailClient(clientConfig(second.url, KEYS)).send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateGroup' }] }))).Events!;
    expect(events.map((e) => record(e).requestParameters.groupName)).toEqual(['auditors', 'data-scientists', 'ml-engineers']);
  });

  it('removes an account\'s history on reset', async () => {
    const dir = dataDir();
    const emu = await emulator({ dataDir: dir });
    try {
      await new IAMClient(clientConfig(emu.url, KEYS)).send(new CreateGroupCommand({ GroupName: 'temporary' }));
      await emu.flush();
      expect(existsSync(historyFile(dir))).toBe(true);
      await fetch(`${emu.url}/_mlsec/reset?account=${ACCOUNT}`, { method: 'POST' });
      expect(existsSync(historyFile(dir))).toBe(false);
      expect((await new CT.CloudTrailClient(clientConfig(emu.url, KEYS)).send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateGroup' }] }))).Events).toEqual([]);
    } finally {
      await emu.stop();
    }
  });

  it('rewrites a history file that grew past twice the limit, keeping the newest events', async () => {
    const dir = dataDir();
    const emu = await emulator({ dataDir: dir, serviceSettings: { cloudtrail: { historyLimit: 4 } } });
    try {
      const iam = new IAMClient(clientConfig(emu.url, KEYS));
      for (let i = 0; i < 20; i++) await iam.send(new CreateGroupCommand({ GroupName: `group-${i}` }));
      await emu.flush();
      const lines = readFileSync(historyFile(dir), 'utf8').trim().split('\n');
      expect(lines.length).toBeLessThanOrEqual(8);
    } finally {
      await emu.stop();
    }
    const again = await emulator({ dataDir: dir, serviceSettings: { cloudtrail: { historyLimit: 4 } } });
    try {
      const events = (await new CT.CloudTrailClient(clientConfig(again.url, KEYS)).send(new CT.LookupEventsCommand({}))).Events!;
      expect(events.map((e) => record(e).requestParameters?.groupName)).toEqual(['group-19', 'group-18', 'group-17', 'group-16']);
    } finally {
      await again.stop();
    }
  });
});
