/**
 * Nothing is lost when the server is killed (SIGKILL: no shutdown, no flush) in the middle of a
 * lab — on the default SQLite file (WAL) and on PostgreSQL. The built server runs a lab for a
 * learner through its API; it is killed while a check is running, then while provisioning; a new
 * server on the same database finds the learner, the session with its hints, checks and events,
 * and the progress, shows the interrupted step as what it is, and the lab continues: checks pass,
 * a half-built environment is rebuilt, teardown completes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../src/console/console-view.ts';
import { openDatabase, type SqlClient } from '../../src/db/index.ts';
import { sqlSessionStore } from '../../src/labs/index.ts';
import { startAwsTarget, type AwsTarget } from '../support/aws-target.ts';
import { createTestSchema, describePostgres, type TestSchema } from '../support/databases.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startBuiltSite, type RunningSite } from './support/built-site.ts';

const labId = 'exposed-training-data-bucket';

class Learner {
  cookie = '';
  async call(site: RunningSite, path: string, body?: unknown): Promise<{ status: number; data: any }> {
    const response = await fetch(`${site.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, data: text ? JSON.parse(text) : undefined };
  }
  async view(site: RunningSite): Promise<ConsoleView | null> {
    return (await this.call(site, `/api/labs/${labId}/session`)).data.view as ConsoleView | null;
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Storage {
  env: Record<string, string>;
  open(): Promise<SqlClient>;
  cleanup(): Promise<void>;
}

function crashSuite(name: string, storage: () => Promise<Storage>): void {
  let store: Storage;
  let target: AwsTarget | undefined;
  let proxy: FaultProxy;
  let env: Record<string, string>;
  let site: RunningSite;
  const learner = new Learner();
  let sessionId = '';
  let bucket = '';

  beforeAll(async () => {
    store = await storage();
    target = await startAwsTarget();
    if (!target) throw new Error('Neither the embedded emulator nor moto_server is available.');
    proxy = await startFaultProxy(target.url);
    env = {
      ...store.env,
      MLSEC_TARGET: target.kind === 'embedded emulator' ? 'embedded' : 'endpoint',
      MLSEC_ENDPOINT: proxy.endpoint,
      MLSEC_EMBEDDED: 'attach',
      MLSEC_REGION: 'us-east-1',
    };
    site = await startBuiltSite({ env });
  });
  afterAll(async () => {
    await site?.stop();
    await proxy?.close();
    await target?.stop();
    await store?.cleanup();
  });

  it(`${name}: loses nothing when the server is killed while a check runs, and the lab continues`, async () => {
    const started = await learner.call(site, `/api/labs/${labId}/session`, {});
    expect(started.status, JSON.stringify(started.data)).toBe(201);
    sessionId = started.data.view.session.id;
    bucket = (started.data.view as ConsoleView).session.resources.find((r) => r.key === 'trainingBucket')!.name;
    const fix = await learner.call(site, `/api/lab-sessions/${sessionId}/terminal/run`, { line: `aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled` });
    expect(fix.data).toMatchObject({ exitCode: 0 });
    expect((await learner.call(site, `/api/lab-sessions/${sessionId}/actions`, { action: 'check' })).status).toBe(200);
    expect((await learner.call(site, `/api/lab-sessions/${sessionId}/actions`, { action: 'hint', taskId: 'close-public-access' })).status).toBe(200);
    expect((await learner.call(site, '/api/progress/lessons/least-privilege-for-ml-artifacts/read', {})).status).toBe(200);

    // A slow target keeps the next check running long enough to kill the server in the middle of it.
    proxy.delayMs = 400;
    const inFlight = learner.call(site, `/api/lab-sessions/${sessionId}/actions`, { action: 'check' }).catch((error: unknown) => error);
    await until('the check to start', async () => ((await learner.view(site))?.session.state === 'checking' ? true : undefined));
    await site.kill('SIGKILL');
    expect(await inFlight).toBeInstanceOf(Error);
    proxy.delayMs = 0;

    site = await startBuiltSite({ env });
    const after = (await learner.view(site))!;
    expect(after.session).toMatchObject({ id: sessionId, state: 'ready', checksRun: 1, lastError: expect.stringMatching(/stopped before it finished/) });
    expect(after.hints['close-public-access']).toEqual([expect.objectContaining({ level: 1 })]);
    expect(after.session.tasks.find((t) => t.id === 'turn-on-versioning')!.status).toBe('pass');
    expect(after.actions).toContain('check');
    const progress = (await learner.call(site, '/api/progress/export')).data;
    expect(progress.lessonsRead).toEqual([{ lessonId: 'least-privilege-for-ml-artifacts', readAt: expect.any(String) }]);
    expect(progress.labs).toEqual([expect.objectContaining({ labId, sessions: 1 })]);

    const checked = await learner.call(site, `/api/lab-sessions/${sessionId}/actions`, { action: 'check' });
    expect(checked.status).toBe(200);
    expect(checked.data.view.session).toMatchObject({ state: 'ready', checksRun: 2 });
    expect(checked.data.view.session.tasks.find((t: { id: string }) => t.id === 'turn-on-versioning').status).toBe('pass');

    const db = await store.open();
    try {
      const events = (await sqlSessionStore(db).events(sessionId)).map((e) => e.type);
      expect(events).toEqual(['created', 'learner.start', 'learner.check', 'learner.hint', 'recovered', 'learner.check']);
    } finally {
      await db.close();
    }
  });

  it(`${name}: recovers a session whose server was killed while provisioning: rebuilt by retry, then torn down`, async () => {
    expect((await learner.call(site, `/api/lab-sessions/${sessionId}/actions`, { action: 'teardown' })).data.view.session.state).toBe('done');

    proxy.delayMs = 300;
    const inFlight = learner.call(site, `/api/labs/${labId}/session`, {}).catch((error: unknown) => error);
    const provisioning = await until('provisioning to be under way', async () => {
      const view = await learner.view(site);
      return view && view.session.id !== sessionId && view.session.state === 'provisioning' && (view.progress?.step ?? 0) >= 2 ? view : undefined;
    });
    await site.kill('SIGKILL');
    expect(await inFlight).toBeInstanceOf(Error);
    proxy.delayMs = 0;

    site = await startBuiltSite({ env });
    const after = (await learner.view(site))!;
    expect(after.session).toMatchObject({ id: provisioning.session.id, state: 'failed' });
    expect(after.session.failure).toMatchObject({ phase: 'provisioning', teardownPending: true });
    expect(after.actions).toEqual(['retry', 'teardown']);

    const retried = await learner.call(site, `/api/lab-sessions/${after.session.id}/actions`, { action: 'retry' });
    expect(retried.status, JSON.stringify(retried.data)).toBe(200);
    expect(retried.data.view.session.state).toBe('ready');
    expect(retried.data.view.setup.map((s: { status: string }) => s.status).every((s: string) => s === 'done')).toBe(true);
    expect((await learner.call(site, `/api/lab-sessions/${after.session.id}/actions`, { action: 'check' })).status).toBe(200);
    const done = await learner.call(site, `/api/lab-sessions/${after.session.id}/actions`, { action: 'teardown' });
    expect(done.data.view.session.state).toBe('done');
    // Both runs count in the learner's progress.
    expect((await learner.call(site, '/api/progress/export')).data.labs).toEqual([expect.objectContaining({ labId, sessions: 2 })]);
  });
}

describe('SIGKILL mid-lab [SQLite]', () => {
  crashSuite('SQLite (WAL)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-crash-'));
    return {
      env: { MLSEC_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ file: join(dataDir, 'mlsec.db') }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  });
});

describePostgres('SIGKILL mid-lab [PostgreSQL]', () => {
  crashSuite('PostgreSQL', async () => {
    const schema: TestSchema = await createTestSchema();
    const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-crash-'));
    return {
      env: { MLSEC_DATA_DIR: dataDir, DATABASE_URL: schema.url },
      open: () => openDatabase({ url: schema.url }),
      cleanup: async () => {
        await schema.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  });
});
