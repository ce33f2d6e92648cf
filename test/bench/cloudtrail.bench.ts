/**
 * CloudTrail: LookupEvents over 100,000 recorded events (goal < 50 ms), what recording costs per
 * call, and what persisting and reloading the history costs. The history is filled through the
 * pipeline's record hook with realistic calls (the path every served call takes after its
 * response); lookups go through the real SDK over HTTP.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Principal } from '../../src/emulator/auth/principal.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { Call } from '../../src/emulator/pipeline/hooks.ts';
import { BUILTIN_SERVICES } from '../../src/emulator/services/registry.ts';
import { type Benchmark, type BenchRow, goalRow, percentile, timeEach } from './harness.ts';

const EVENTS = 100_000;
const ACCOUNT = '123456789012';
const START = Date.parse('2026-01-01T00:00:00Z');

function user(name: string, key: string): Principal {
  return { type: 'IAMUser', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, userId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`, accessKeyId: key, userName: name };
}
const USERS = [user('alice', 'AKIAALICE0000000001'), user('ci-deployer', 'AKIACIDEPLOYER00001'), user('mallory', 'AKIAMALLORY00000001')];

/** The i-th call of a busy account: mostly reads, some writes, a few failures; one second apart. */
function callFor(i: number): Call {
  const principal = USERS[i % 3 === 0 ? 0 : i % 97 === 0 ? 2 : 1]!;
  const base = { requestId: `req-${i}`, receivedAt: new Date(START + i * 1000), method: 'POST', path: '/', host: '127.0.0.1:4566', sourceIp: '10.0.0.5', userAgent: 'aws-cli/2.17.0 Python/3.12', secure: false, principal, accountId: ACCOUNT, region: 'us-east-1', status: 200, durationMs: 1 };
  switch (i % 5) {
    case 0: return { ...base, service: 'iam', protocol: 'awsQuery', operation: 'GetUser', input: { UserName: `user-${i % 50}` }, output: { User: { UserName: `user-${i % 50}`, Arn: `arn:aws:iam::${ACCOUNT}:user/user-${i % 50}`, CreateDate: new Date(START) } } };
    case 1: return { ...base, service: 's3', protocol: 'restXml', operation: 'GetBucketPolicy', input: { Bucket: `bucket-${i % 20}` }, output: { Policy: '{}' } };
    case 2: return { ...base, service: 'sts', protocol: 'awsQuery', operation: 'GetCallerIdentity', input: {}, output: { Account: ACCOUNT, Arn: principal.arn, UserId: principal.userId } };
    case 3: return { ...base, service: 'iam', protocol: 'awsQuery', operation: 'PutUserPolicy', input: { UserName: `user-${i % 50}`, PolicyName: 'inline', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i % 20}/*` }] }) }, output: {} };
    default: return i % 1000 === 4
      ? { ...base, service: 's3', protocol: 'restXml', operation: 'PutBucketPolicy', input: { Bucket: 'model-artifacts', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::model-artifacts/*' }] }) }, output: {} }
      : { ...base, service: 'iam', protocol: 'awsQuery', operation: 'CreateUser', input: { UserName: `user-${i}` }, output: undefined, status: 409, error: Object.assign(new Error(`User with name user-${i} already exists.`), { code: 'EntityAlreadyExists', status: 409 }) as never };
  }
}

export async function started(options: ConstructorParameters<typeof Emulator>[0]): Promise<Emulator> {
  // The history holds all EVENTS (the default keeps 10,000 per account and region).
  const emu = new Emulator({ port: 0, warmUp: false, log: () => {}, serviceSettings: { cloudtrail: { historyLimit: EVENTS } }, ...options });
  await emu.start();
  for (const id of ['iam', 's3', 'sts', 'cloudtrail']) await emu.router.get(id)?.load();
  return emu;
}

export function fill(emu: Emulator, n: number): number {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const call = callFor(i);
    for (const hook of emu.pipeline.recorders) hook(call);
  }
  return performance.now() - started;
}

const LOOKUPS: [string, LookupEventsCommandInput][] = [
  ['newest 50, no attribute', {}],
  ['EventName = PutBucketPolicy (100 of 100k)', { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutBucketPolicy' }] }],
  ['Username = mallory + 6 h window', { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'mallory' }], StartTime: new Date(START + 40_000_000), EndTime: new Date(START + 40_000_000 + 6 * 3600_000) }],
  ['AccessKeyId, oldest page (StartTime..+1 h)', { LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: 'AKIAALICE0000000001' }], StartTime: new Date(START), EndTime: new Date(START + 3600_000) }],
  ['ResourceName = model-artifacts', { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'model-artifacts' }] }],
  ['ReadOnly = false, 3rd page', { LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] }],
];

async function lookupRows(client: CloudTrailClient): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [label, input] of LOOKUPS) {
    const run = async () => {
      let out = await client.send(new LookupEventsCommand(input));
      if (label.includes('3rd page')) {
        out = await client.send(new LookupEventsCommand({ ...input, NextToken: out.NextToken }));
        out = await client.send(new LookupEventsCommand({ ...input, NextToken: out.NextToken }));
      }
      if (!out.Events?.length) throw new Error(`lookup "${label}" found nothing`);
    };
    await timeEach(5, run);
    const durations = await timeEach(40, run);
    const pages = label.includes('3rd page') ? 3 : 1;
    rows.push(goalRow(`LookupEvents over ${EVENTS.toLocaleString('en')} events: ${label} (SDK over HTTP, p50)`, percentile(durations, 50) / pages, 'ms', { below: 50 }, `p95 ${(percentile(durations, 95) / pages).toFixed(2)} ms${pages > 1 ? ', per page' : ''}; 40 runs`));
  }
  return rows;
}

const bench: Benchmark = {
  suite: 'cloudtrail',
  async run() {
    const rows: BenchRow[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-cloudtrail-bench-'));
    try {
      // Recording cost per served call: the same SDK call with and without CloudTrail registered.
      const plain = await started({ services: BUILTIN_SERVICES.filter((s) => s.id !== 'cloudtrail') });
      const recording = await started({});
      const sts = (emu: Emulator) => new STSClient({ endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, maxAttempts: 1 });
      const [a, b] = [sts(plain), sts(recording)];
      await timeEach(300, () => a.send(new GetCallerIdentityCommand({})));
      await timeEach(300, () => b.send(new GetCallerIdentityCommand({})));
      const without = percentile(await timeEach(2000, () => a.send(new GetCallerIdentityCommand({}))), 50);
      const withRecording = percentile(await timeEach(2000, () => b.send(new GetCallerIdentityCommand({}))), 50);
      rows.push({ measure: 'GetCallerIdentity via SDK over HTTP, p50, CloudTrail recording on / off', value: withRecording, unit: 'ms', note: `off: ${without.toFixed(3)} ms; 2,000 calls each` });
      await plain.stop();
      await recording.stop();

      // In memory: fill, then look up.
      const memory = await started({});
      const heapBefore = process.memoryUsage().heapUsed;
      const fillMs = fill(memory, EVENTS);
      const heapAfter = process.memoryUsage().heapUsed;
      rows.push({ measure: `record hook, ${EVENTS.toLocaleString('en')} calls into the event history (in memory)`, value: (fillMs * 1000) / EVENTS, unit: 'µs/call', note: `${Math.round(EVENTS / (fillMs / 1000)).toLocaleString('en')} calls/s; heap +${Math.round((heapAfter - heapBefore) / 2 ** 20)} MB` });
      const client = new CloudTrailClient({ endpoint: memory.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, maxAttempts: 1 });
      rows.push(...(await lookupRows(client)));
      await memory.stop();

      // With a data directory: appending to the history file, then reloading it after a restart.
      const persisted = await started({ dataDir: dir });
      const persistFill = fill(persisted, EVENTS);
      const flushStart = performance.now();
      await persisted.flush();
      const flushMs = performance.now() - flushStart;
      const file = join(dir, 'cloudtrail', 'event-history', ACCOUNT, 'us-east-1.jsonl');
      rows.push({ measure: `record hook with a data directory, ${EVENTS.toLocaleString('en')} calls (queue + final append)`, value: ((persistFill + flushMs) * 1000) / EVENTS, unit: 'µs/call', note: `final flush ${flushMs.toFixed(0)} ms; history file ${(statSync(file).size / 2 ** 20).toFixed(0)} MB; the account file is not rewritten` });
      await persisted.stop();
      const reopened = await started({ dataDir: dir });
      const reClient = new CloudTrailClient({ endpoint: reopened.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, maxAttempts: 1 });
      const loadStart = performance.now();
      await reClient.send(new LookupEventsCommand({ MaxResults: 1 }));
      rows.push({ measure: `first LookupEvents after a restart (loads ${EVENTS.toLocaleString('en')} events from disk)`, value: performance.now() - loadStart, unit: 'ms', note: 'once per account and region; later lookups as above' });
      await reopened.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default bench;
