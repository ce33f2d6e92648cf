/**
 * Lab sessions end to end on a real AWS-compatible server — the embedded emulator always, and
 * moto_server where installed — with a real SQLite file and the real session service: restarts
 * lose nothing, teardown deletes exactly what the run created, a target that disappears
 * mid-provisioning leaves a recoverable failure with teardown pending, an interrupted process is
 * recovered, and expired and abandoned sessions are torn down.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetBucketTaggingCommand, HeadBucketCommand, PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, ListAliasesCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, targetSettingsFromEnv, type AwsClients } from '../../src/aws/index.ts';
import { openDatabase, type SqlClient } from '../../src/db/index.ts';
import { findLab, LabSessionService, selftestLab, SessionBusyError, SessionError, sqlSessionStore, sweepSessions, type LoadedLab } from '../../src/labs/index.ts';
import { listRunResources } from '../../src/labs/runner.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { writeFixtureLab } from '../support/fixture-lab.ts';
import { loadLab } from '../../src/labs/catalog.ts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { jsonError } from '../support/fault-proxy.ts';
import { endpointEnv, labServers, serverStateDir, type LabServer } from '../support/lab-servers.ts';

const labId = 'exposed-training-data-bucket';

for (const kind of labServers) {
if (!kind.available) console.warn(kind.skipMessage(`lab sessions against ${kind.name}`));

describe.skipIf(!kind.available)(`lab sessions (${kind.name}, SQLite file)`, { timeout: 180_000 }, () => {
  let server: LabServer;
  let lab: LoadedLab;
  let dir: string;
  const open: { db: SqlClient; service: LabSessionService }[] = [];
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await kind.start();
    lab = await findLab(labId);
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    for (const { db, service } of open.splice(0)) {
      await service.close();
      await db.close();
    }
    for (const close of closers.splice(0)) await close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newService(endpoint = server.endpoint, file?: string, owner = 'local', abandonAfterMinutes?: number) {
    dir ??= mkdtempSync(join(tmpdir(), 'mlsec-sessions-'));
    const db = await openDatabase({ file: file ?? join(dir, 'mlsec.db') });
    const service = new LabSessionService({ store: sqlSessionStore(db), loadLab: async () => lab, openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(endpoint))), owner, abandonAfterMinutes });
    open.push({ db, service });
    return { db, service };
  }

  async function localClients(endpoint = server.endpoint): Promise<AwsClients> {
    return createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(endpoint))));
  }

  it('survives a restart: a new process continues the session where the learner was', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlsec-sessions-'));
    const file = join(dir, 'mlsec.db');
    const first = await newService(server.endpoint, file);
    const started = await first.service.start(labId);
    expect(started.state).toBe('ready');
    await first.service.send(started.id, { type: 'learner.hint', taskId: 'require-tls' });
    await first.service.send(started.id, { type: 'learner.check' });
    await first.service.close();
    await first.db.close();
    open.length = 0;

    const second = await newService(server.endpoint, file);
    const current = await second.service.current();
    expect(current?.id).toBe(started.id);
    expect(current?.state).toBe('ready');
    expect(current?.context.hints).toEqual({ 'require-tls': 1 });
    expect(current?.context.lastGrade?.tasks.map((t) => t.status)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail']);
    const solved = await second.service.send(started.id, { type: 'learner.solve' });
    expect(solved.state).toBe('passed');
    const done = await second.service.send(started.id, { type: 'learner.teardown' });
    expect(done.state).toBe('done');
    expect(done.active).toBe(false);
    const events = (await second.service.store.events(started.id)).map((e) => e.type);
    expect(events).toEqual(['created', 'learner.start', 'learner.hint', 'learner.check', 'learner.solve', 'learner.teardown']);
  });

  it('tags every resource it creates with the lab and run ids, and names each with the run prefix', async () => {
    const { service } = await newService();
    const session = await service.start(labId);
    const local = await localClients();
    const prefix = `mlsec-${session.runId}-`;
    const bucket = `${prefix}fraud-training-data`;
    const bucketTags = (await (await local.client('s3')).send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet ?? [];
    expect(bucketTags).toEqual(expect.arrayContaining([{ Key: 'mlsec:lab', Value: labId }, { Key: 'mlsec:run', Value: session.runId }]));
    const kms = await local.client('kms');
    // KMS aliases take no tags: the alias carries the prefix, the key behind it carries the tags.
    const alias = ((await kms.send(new ListAliasesCommand({}))).Aliases ?? []).find((a) => a.AliasName === `alias/${prefix}fraud-ml-data`);
    expect(alias?.TargetKeyId).toBeDefined();
    const keyTags = (await kms.send(new ListResourceTagsCommand({ KeyId: alias!.TargetKeyId! }))).Tags ?? [];
    expect(keyTags).toEqual(expect.arrayContaining([{ TagKey: 'mlsec:lab', TagValue: labId }, { TagKey: 'mlsec:run', TagValue: session.runId }]));
    const rt = { lab: lab.definition, aws: local, target: await service.target() };
    expect((await listRunResources(rt, session.runId)).map((r) => r.type).sort()).toEqual(['kms:alias', 'kms:key', 's3:bucket']);
    expect((await service.send(session.id, { type: 'learner.teardown' })).state).toBe('done');
    local.destroy();
  });

  it('tears down only what the run created: other buckets, keys and aliases survive', async () => {
    const local = await localClients();
    const s3 = await local.client('s3');
    const kms = await local.client('kms');
    await s3.send(new CreateBucketCommand({ Bucket: 'someone-elses-training-data' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'mlsec-otherrun-fraud-training-data' }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'mlsec-otherrun-fraud-training-data', Tagging: { TagSet: [{ Key: 'mlsec:lab', Value: labId }, { Key: 'mlsec:run', Value: 'otherrun' }] } }));
    const otherKey = (await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'mlsec:lab', TagValue: labId }, { TagKey: 'mlsec:run', TagValue: 'otherrun' }] }))).KeyMetadata!.KeyId!;
    const untaggedKey = (await kms.send(new CreateKeyCommand({ Description: 'not a lab key' }))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/mlsec-otherrun-fraud-ml-data', TargetKeyId: otherKey }));

    const { service } = await newService();
    const session = await service.start(labId);
    // The learner creates a resource of their own in the lab's namespace; it goes too.
    await s3.send(new CreateBucketCommand({ Bucket: `mlsec-${session.runId}-access-logs` }));
    const done = await service.send(session.id, { type: 'learner.teardown' });
    expect(done.state).toBe('done');
    expect(done.context.lastTeardown!.deleted.map((r) => r.id)).toEqual(
      expect.arrayContaining([`mlsec-${session.runId}-fraud-training-data`, `mlsec-${session.runId}-access-logs`, `alias/mlsec-${session.runId}-fraud-ml-data`]),
    );

    for (const bucket of ['someone-elses-training-data', 'mlsec-otherrun-fraud-training-data']) await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    for (const key of [otherKey, untaggedKey]) expect((await kms.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata!.KeyState).toBe('Enabled');
    const aliases = ((await kms.send(new ListAliasesCommand({}))).Aliases ?? []).map((a) => a.AliasName);
    expect(aliases).toContain('alias/mlsec-otherrun-fraud-ml-data');
    expect(aliases).not.toContain(`alias/mlsec-${session.runId}-fraud-ml-data`);
    expect(await listRunResources({ lab: lab.definition, aws: local, target: await service.target() }, session.runId)).toEqual([]);
    local.destroy();
  });

  it('leaves a recoverable failure with teardown pending when the target disappears mid-provisioning', async () => {
    // A proxy that vanishes (like a stopped emulator) in front of the server, so what was created before
    // it vanished is still there to be torn down once it is back.
    const proxy = await startFaultProxy(server.endpoint);
    const port = Number(new URL(proxy.endpoint).port);
    const { service } = await newService(proxy.endpoint);
    let closed: Promise<void> | undefined;
    const failed = await service.start(labId, (p) => {
      if (p.step === 2 && !closed) closed = proxy.close();
    });
    await closed;
    expect(failed.state).toBe('failed');
    expect(failed.context.failure).toMatchObject({ phase: 'provisioning', teardownPending: true });
    expect(failed.context.failure!.message).toMatch(/Setup step 2\/4 \(Create the training-data bucket\) failed: ECONNREFUSED|connection|Nothing is listening/i);
    expect(failed.context.facts.teamKeyAlias).toBe(`alias/mlsec-${failed.runId}-fraud-ml-data`);
    await expect(service.send(failed.id, { type: 'learner.check' })).rejects.toThrow(/provisioning failed .*retry.*teardown/);

    // While the target is still away, teardown fails too — and stays pending.
    const stillDown = await service.send(failed.id, { type: 'learner.teardown' });
    expect(stillDown.state).toBe('failed');
    expect(stillDown.context.failure).toMatchObject({ phase: 'teardown', teardownPending: true });

    const back = await startFaultProxy(server.endpoint, { port });
    try {
      const done = await service.send(failed.id, { type: 'learner.retry' });
      expect(done.state).toBe('done');
      expect(done.context.lastTeardown!.deleted.map((r) => r.type).sort()).toEqual(['kms:alias', 'kms:key']);
    } finally {
      await back.close();
    }
  });

  it(`stops ${kind.name} mid-provisioning: the session fails recoverably, and teardown completes once it is back`, async () => {
    const state = serverStateDir();
    const own = await kind.start({ state });
    const port = own.port;
    const { service } = await newService(own.endpoint);
    let stopped: Promise<void> | undefined;
    const failed = await service.start(labId, (p) => {
      if (p.step === 3 && !stopped) stopped = own.stop();
    });
    await stopped;
    expect(failed.state).toBe('failed');
    expect(failed.context.failure).toMatchObject({ phase: 'provisioning', teardownPending: true });
    const again = await kind.start({ port, state });
    try {
      const done = await service.send(failed.id, { type: 'learner.teardown' });
      expect(done.state).toBe('done');
      const rt = { lab: lab.definition, aws: createAwsClients(await service.target()), target: await service.target() };
      expect(await listRunResources(rt, failed.runId)).toEqual([]);
      rt.aws.destroy();
    } finally {
      await again.stop();
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('recovers a session whose process died mid-step, and refuses one a live process is working on', async () => {
    const { service } = await newService();
    const session = await service.start(labId);
    const deadPid = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('exit', () => resolve(child.pid!));
    });
    await service.store.update({ ...session, state: 'provisioning', lease: { pid: deadPid, host: hostname(), token: 'x', heartbeatAt: new Date().toISOString() } }, session.version);
    const recovered = await service.send(session.id, { type: 'learner.teardown' });
    expect(recovered.state).toBe('done');
    expect((await service.store.events(session.id)).map((e) => e.type)).toContain('recovered');

    const other = await service.start(labId);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await service.store.update({ ...other, lease: { pid: sleeper.pid!, host: hostname(), token: 'y', heartbeatAt: new Date().toISOString() } }, other.version);
      await expect(service.send(other.id, { type: 'learner.check' })).rejects.toBeInstanceOf(SessionBusyError);
    } finally {
      sleeper.kill();
    }
    await new Promise((r) => sleeper.once('exit', r));
    expect((await service.send(other.id, { type: 'learner.teardown' })).state).toBe('done');
  });

  it('tears down sessions past their time limit', async () => {
    const { service } = await newService();
    const session = await service.start(labId);
    const current = (await service.store.get(session.id))!;
    const past = new Date(Date.now() - 60_000).toISOString();
    await service.store.update({ ...current, expiresAt: past, context: { ...current.context, expiresAt: past } }, current.version);
    const swept = await service.sweep();
    expect(swept).toEqual([{ id: session.id, reason: 'time-limit', outcome: 'done' }]);
    const after = await service.get(session.id);
    expect(after.context.endReason).toBe('time-limit');
  });

  it('tears down abandoned sessions of every owner — also a failed one that still owes its teardown — and leaves fresh ones', async () => {
    dir ??= mkdtempSync(join(tmpdir(), 'mlsec-sessions-'));
    const file = join(dir, 'abandon.db');
    // Every session runs through a proxy that can vanish and come back on the same address.
    const proxy = await startFaultProxy(server.endpoint);
    const port = Number(new URL(proxy.endpoint).port);
    const { service: mine } = await newService(proxy.endpoint, file, 'learner-a');
    const { service: theirs } = await newService(proxy.endpoint, file, 'learner-b');
    const ready = await mine.start(labId);
    // A session whose provisioning failed part-way (the target went away) and that nobody came back to.
    let closed: Promise<void> | undefined;
    const failed = await theirs.start(labId, (p) => {
      if (p.step === 3 && !closed) closed = proxy.close();
    });
    await closed;
    expect(failed).toMatchObject({ state: 'failed', context: { failure: { teardownPending: true } } });
    const back = await startFaultProxy(server.endpoint, { port });
    closers.push(() => back.close());

    // Inactivity limit 10 minutes; the lab's own time limit (an hour or more) is not reached in these sweeps.
    const sweeper = { store: mine.store, loadLab: async () => lab, abandonAfterMinutes: 10, openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(back.endpoint))) };
    expect(Date.parse(ready.expiresAt!)).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await sweepSessions(sweeper, Date.now() + 9 * 60_000)).toEqual([]);
    expect((await mine.get(ready.id)).state).toBe('ready');
    const swept = await sweepSessions(sweeper, Date.now() + 11 * 60_000);
    expect(swept.sort((x, y) => x.owner.localeCompare(y.owner))).toEqual([
      { id: ready.id, owner: 'learner-a', reason: 'abandoned', outcome: 'done' },
      { id: failed.id, owner: 'learner-b', reason: 'abandoned', outcome: 'done' },
    ]);
    expect((await mine.get(ready.id)).context.endReason).toBe('abandoned');
    expect((await theirs.get(failed.id)).context.endReason).toBe('abandoned');
    const local = await localClients();
    const rt = { lab: lab.definition, aws: local, target: await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))) };
    expect(await listRunResources(rt, ready.runId)).toEqual([]);
    expect(await listRunResources(rt, failed.runId)).toEqual([]);
    local.destroy();
  });

  it('reports a lab the target cannot run as unavailable, with the reason, before creating anything', async () => {
    dir ??= mkdtempSync(join(tmpdir(), 'mlsec-sessions-'));
    const labsDir = join(dir, 'labs');
    const needy = await loadLab(writeFixtureLab(labsDir, 'needs-lookup-events', { services: ['s3', 'cloudtrail'], operations: ['cloudtrail:LookupEvents', 's3:GetBucketVersioning'] }), labsDir);
    // A server without LookupEvents (moto lacks it; the emulator has it, so a proxy answers as moto would).
    const lacking = await startFaultProxy(server.endpoint);
    lacking.faults.push({ match: (r) => String(r.headers['x-amz-target'] ?? '').endsWith('.LookupEvents'), times: Infinity, status: 501, contentType: 'application/x-amz-json-1.1', body: jsonError('NotImplemented', 'The LookupEvents action has not been implemented') });
    closers.push(() => lacking.close());
    const db = await openDatabase({ file: join(dir, 'needy.db') });
    const service = new LabSessionService({ store: sqlSessionStore(db), loadLab: async () => needy, openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(lacking.endpoint))) });
    open.push({ db, service });
    const local = await localClients();
    const before = ((await (await local.client('s3')).send(new ListBucketsCommand({}))).Buckets ?? []).length;
    const session = await service.start('needs-lookup-events');
    expect(session.state).toBe('failed');
    expect(session.context.failure).toMatchObject({ phase: 'preflight', teardownPending: false, code: 'LabUnavailableError' });
    expect(session.context.failure!.message).toMatch(/Lab needs-lookup-events cannot run on AWS-compatible endpoint at .*: cloudtrail:LookupEvents — LookupEvents is not implemented there.*Nothing was created\./);
    const after = ((await (await local.client('s3')).send(new ListBucketsCommand({}))).Buckets ?? []).length;
    expect(after).toBe(before);
    const ended = await service.send(session.id, { type: 'learner.teardown' });
    expect(ended).toMatchObject({ state: 'done', context: { endReason: 'nothing-created' } });
    // The selftest reports such a lab as unavailable (not as broken), and still proves nothing was left.
    const report = await selftestLab(needy, { openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(lacking.endpoint))) });
    expect(report.ok).toBe(false);
    expect(report.unavailable).toMatch(/cloudtrail:LookupEvents/);
    expect(report.steps.map((st) => [st.name, st.ok])).toEqual([
      ['setup', false],
      ['teardown', true],
      ['no lab resource left (listing by run tag and prefix)', true],
    ]);
    local.destroy();
  });

  it('resets to a fresh run: new names, the old run deleted', async () => {
    const { service } = await newService();
    const session = await service.start(labId);
    const reset = await service.send(session.id, { type: 'learner.reset' });
    expect(reset.state).toBe('ready');
    expect(reset.runId).not.toBe(session.runId);
    expect(reset.context.runs).toEqual([session.runId, reset.runId]);
    const local = await localClients();
    const rt = { lab: lab.definition, aws: local, target: await service.target() };
    expect(await listRunResources(rt, session.runId)).toEqual([]);
    expect((await listRunResources(rt, reset.runId)).map((r) => r.type).sort()).toEqual(['kms:alias', 'kms:key', 's3:bucket']);
    expect((await service.send(session.id, { type: 'learner.teardown' })).state).toBe('done');
    expect(await listRunResources(rt, reset.runId)).toEqual([]);
    local.destroy();
  });

  it('grades answers to investigation questions and probe outcomes', async () => {
    dir ??= mkdtempSync(join(tmpdir(), 'mlsec-sessions-'));
    const labsDir = join(dir, 'labs');
    const investigation = await loadLab(writeFixtureLab(labsDir, 'investigation', { investigation: true }), labsDir);
    const db = await openDatabase({ file: join(dir, 'investigation.db') });
    const service = new LabSessionService({ store: sqlSessionStore(db), loadLab: async () => investigation, openTarget: () => openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))) });
    open.push({ db, service });
    const session = await service.start('investigation');
    const taskOf = async (answer?: string) => {
      if (answer !== undefined) await service.send(session.id, { type: 'learner.answer', questionId: 'which-bucket', answer });
      const checked = await service.send(session.id, { type: 'learner.check' });
      return checked.context.lastGrade!.tasks.find((t) => t.id === 'investigate')!;
    };
    const unanswered = await taskOf();
    expect(unanswered.status).toBe('fail');
    expect(unanswered.findings.map((f) => [f.checkId, f.status])).toEqual([
      ['lab-probe-outcome', 'pass'],
      ['lab-answer-correct', 'fail'],
    ]);
    expect(unanswered.findings[1]!.summary).toMatch(/Not answered yet: Which bucket holds the data\?/);
    expect((await taskOf('some-other-bucket')).status).toBe('fail');
    expect((await taskOf(`  ${session.runId.toUpperCase()}`)).status).toBe('fail');
    expect((await taskOf(` MLSEC-${session.runId.toUpperCase()}-DATA `)).status).toBe('pass');
    expect((await service.send(session.id, { type: 'learner.teardown' })).state).toBe('done');
  });

  it('refuses a second session of the same lab, other owners’ sessions, and a changed target', async () => {
    const { service } = await newService();
    const session = await service.start(labId);
    await expect(service.start(labId)).rejects.toThrow(/already have a session/);
    const stranger = await newService(server.endpoint, join(dir, 'mlsec.db'), 'someone-else');
    await expect(stranger.service.get(session.id)).rejects.toBeInstanceOf(SessionError);
    const elsewhere = await newService('http://127.0.0.1:9', join(dir, 'mlsec.db'));
    await expect(elsewhere.service.send(session.id, { type: 'learner.check' })).rejects.toThrow(/runs on AWS-compatible endpoint at .* but this environment points at/);
    expect((await service.send(session.id, { type: 'learner.teardown' })).state).toBe('done');
  });
});
}
