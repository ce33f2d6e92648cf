/**
 * Two instances of the built app on one PostgreSQL database (DATABASE_URL), as behind a load
 * balancer without sticky sessions, sharing one emulator: a learner's session started through one
 * is seen, checked, streamed and torn down through the other; two actions racing on one session from
 * both instances end in one success and one 409 ConflictException, with nothing corrupted; two
 * starts racing end in one session.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConsoleView } from '../../src/console/console-view.ts';
import { startAwsTarget, type AwsTarget } from '../support/aws-target.ts';
import { createTestSchema, describePostgres, type TestSchema } from '../support/databases.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startBuiltSite, type RunningSite } from './support/built-site.ts';

const labId = 'exposed-training-data-bucket';

/** A browser's cookie jar talking to whichever instance a call names. */
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
}

describePostgres('several app instances on one PostgreSQL database', () => {
  let schema: TestSchema;
  let target: AwsTarget | undefined;
  let proxy: FaultProxy;
  let a: RunningSite;
  let b: RunningSite;
  const learner = new Learner();
  let sessionId = '';

  beforeAll(async () => {
    schema = await createTestSchema();
    target = await startAwsTarget();
    if (!target) throw new Error('Neither the embedded emulator nor moto_server is available.');
    // Both instances reach the one shared endpoint through a proxy that can make it slow.
    proxy = await startFaultProxy(target.url);
    const env = {
      DATABASE_URL: schema.url,
      MLSEC_TARGET: target.kind === 'embedded emulator' ? 'embedded' : 'endpoint',
      MLSEC_ENDPOINT: proxy.endpoint,
      MLSEC_EMBEDDED: 'attach',
      MLSEC_REGION: 'us-east-1',
    };
    [a, b] = await Promise.all([startBuiltSite({ env }), startBuiltSite({ env })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await proxy?.close();
    await target?.stop();
    await schema?.drop();
  });

  it('shares the learner and the session: started on one instance, seen and checked on the other', async () => {
    const started = await learner.call(a, `/api/labs/${labId}/session`, {});
    expect(started.status, JSON.stringify(started.data)).toBe(201);
    sessionId = (started.data.view as ConsoleView).session.id;
    expect(started.data.view.session.state).toBe('ready');

    const seen = await learner.call(b, `/api/labs/${labId}/session`);
    expect(seen.status).toBe(200);
    expect((seen.data.view as ConsoleView).session).toMatchObject({ id: sessionId, state: 'ready' });

    const checked = await learner.call(b, `/api/lab-sessions/${sessionId}/actions`, { action: 'check' });
    expect(checked.status).toBe(200);
    const view = checked.data.view as ConsoleView;
    expect(view.session.checksRun).toBe(1);
    expect(view.grade!.passed).toBe(false);
    const onA = (await learner.call(a, `/api/lab-sessions/${sessionId}`)).data.view as ConsoleView;
    expect(onA).toMatchObject({ version: view.version, session: { checksRun: 1 } });
  });

  it('streams on one instance what a request to the other one changed', async () => {
    const controller = new AbortController();
    const response = await fetch(`${a.url}/api/lab-sessions/${sessionId}/events`, { headers: { cookie: learner.cookie }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextView = async (): Promise<ConsoleView> => {
      for (;;) {
        const match = /event: session\ndata: (.*)\n\n/.exec(text);
        if (match) {
          text = text.slice(match.index + match[0].length);
          return JSON.parse(match[1]!) as ConsoleView;
        }
        text += decoder.decode((await reader.read()).value, { stream: true });
      }
    };
    expect((await nextView()).hints['turn-on-versioning']).toEqual([]);
    const hint = await learner.call(b, `/api/lab-sessions/${sessionId}/actions`, { action: 'hint', taskId: 'turn-on-versioning' });
    expect(hint.status).toBe(200);
    let view = await nextView();
    while (!view.hints['turn-on-versioning']?.length) view = await nextView();
    expect(view.hints['turn-on-versioning']).toEqual([expect.objectContaining({ level: 1 })]);
    controller.abort();
  });

  it('lets only one of two actions racing on one session from both instances run: the other is a 409, nothing is corrupted', async () => {
    const before = (await learner.call(a, `/api/lab-sessions/${sessionId}`)).data.view as ConsoleView;
    proxy.delayMs = 300; // a check now takes seconds, so the two requests overlap
    const [onA, onB] = await Promise.all([
      learner.call(a, `/api/lab-sessions/${sessionId}/actions`, { action: 'check' }),
      learner.call(b, `/api/lab-sessions/${sessionId}/actions`, { action: 'check' }),
    ]);
    proxy.delayMs = 0;
    expect([onA.status, onB.status].sort()).toEqual([200, 409]);
    const refused = onA.status === 409 ? onA : onB;
    expect(refused.data).toEqual({ __type: 'ConflictException', message: expect.stringMatching(/busy|changed by another process/) });
    const after = (await learner.call(b, `/api/lab-sessions/${sessionId}`)).data.view as ConsoleView;
    expect(after.session).toMatchObject({ id: sessionId, state: 'ready', checksRun: before.session.checksRun + 1 });
    expect(after.busy).toBeUndefined();
    // The session still takes actions on both instances.
    expect((await learner.call(a, `/api/lab-sessions/${sessionId}/actions`, { action: 'hint', taskId: 'close-public-access' })).status).toBe(200);
  });

  it('tears down through the other instance, and of two starts racing on both instances exactly one succeeds', async () => {
    const done = await learner.call(b, `/api/lab-sessions/${sessionId}/actions`, { action: 'teardown' });
    expect(done.status).toBe(200);
    expect(done.data.view.session.state).toBe('done');
    expect(((await learner.call(a, `/api/lab-sessions/${sessionId}`)).data.view as ConsoleView).session.state).toBe('done');

    proxy.delayMs = 50;
    const starts = await Promise.all([learner.call(a, `/api/labs/${labId}/session`, {}), learner.call(b, `/api/labs/${labId}/session`, {})]);
    proxy.delayMs = 0;
    expect(starts.map((s) => s.status).sort()).toEqual([201, 409]);
    const winner = starts.find((s) => s.status === 201)!.data.view as ConsoleView;
    const latest = (await learner.call(a, `/api/labs/${labId}/session`)).data.view as ConsoleView;
    expect(latest.session.id).toBe(winner.session.id);
    expect((await learner.call(a, `/api/lab-sessions/${winner.session.id}/actions`, { action: 'teardown' })).data.view.session.state).toBe('done');
  });
});
