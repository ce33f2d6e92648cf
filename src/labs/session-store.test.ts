import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { SessionConflictError, sqlSessionStore, type SessionRecord } from './session-store.ts';

let serial = 0;
function record(owner = 'local', labId = 'lab-a', at = new Date().toISOString()): SessionRecord {
  const id = `ls-test-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    id,
    labId,
    owner,
    runId: 'abcd1234',
    target: { kind: 'endpoint', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', label: 'test' },
    state: 'idle',
    context: { sessionId: id } as SessionRecord['context'],
    active: true,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

describeEachDatabase('lab session store', (db) => {
  it('stores, versions and lists sessions; a stale write is refused', async () => {
    const store = sqlSessionStore(db());
    const owner = `owner-${serial}`;
    const s1 = record(owner);
    const s2 = record('someone-else');
    const s3 = record(owner, 'lab-b');
    for (const r of [s1, s2, s3]) await store.insert(r);
    const first = (await store.get(s1.id))!;
    expect(first).toEqual(s1);
    const updated = await store.update({ ...first, state: 'ready', lease: { pid: 1, host: 'h', token: 't', heartbeatAt: 'now' } }, first.version);
    expect(updated.version).toBe(1);
    expect((await store.get(s1.id))!).toMatchObject({ state: 'ready', version: 1, lease: { pid: 1, host: 'h', token: 't' } });
    await expect(store.update({ ...first, state: 'done' }, first.version)).rejects.toBeInstanceOf(SessionConflictError);
    const done = await store.update({ ...updated, state: 'done', active: false, lease: undefined }, updated.version);
    expect(done.lease).toBeUndefined();
    expect((await store.get(s1.id))!.lease).toBeUndefined();
    expect((await store.list({ owner })).map((r) => r.id).sort()).toEqual([s1.id, s3.id].sort());
    expect((await store.list({ owner, active: true })).map((r) => r.id)).toEqual([s3.id]);
    expect((await store.list({ owner, labId: 'lab-a' })).map((r) => r.id)).toEqual([s1.id]);
    expect(await store.stamp(s1.id)).toEqual({ version: 2, updatedAt: done.updatedAt });
    expect(await store.get('ls-nope')).toBeUndefined();
    expect(await store.stamp('ls-nope')).toBeUndefined();
  });

  it('lists newest first and keeps the context JSON exactly, expiry included', async () => {
    const store = sqlSessionStore(db());
    const owner = `order-${serial}`;
    const old = record(owner, 'lab-a', '2026-01-01T00:00:00.000Z');
    const context = { sessionId: old.id, hints: { 'task-ü': 2 }, nested: { list: [1, 'two', null] }, note: "it's \"quoted\" ? and $1" } as unknown as SessionRecord['context'];
    await store.insert({ ...old, context, expiresAt: '2026-01-01T01:00:00.000Z' });
    const newer = record(owner, 'lab-b', '2026-01-02T00:00:00.000Z');
    await store.insert(newer);
    expect((await store.list({ owner })).map((r) => r.id)).toEqual([newer.id, old.id]);
    expect((await store.get(old.id))!).toMatchObject({ context, expiresAt: '2026-01-01T01:00:00.000Z' });
  });

  it('refuses a second session with the same id', async () => {
    const store = sqlSessionStore(db());
    const r = record();
    await store.insert(r);
    await expect(store.insert(r)).rejects.toThrow();
    expect((await store.list({ owner: r.owner })).filter((x) => x.id === r.id)).toHaveLength(1);
  });

  it('lets exactly one of many concurrent writers of the same version win; the others are told', async () => {
    const store = sqlSessionStore(db());
    const r = record(`race-${serial}`);
    await store.insert(r);
    const writers = Array.from({ length: 8 }, (_, i) => store.update({ ...r, state: `state-${i}`, lease: { pid: i, host: 'h', token: `t${i}`, heartbeatAt: 'now' } }, 0));
    const results = await Promise.allSettled(writers);
    const won = results.flatMap((x, i) => (x.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    for (const x of results) if (x.status === 'rejected') expect(x.reason).toBeInstanceOf(SessionConflictError);
    expect((await store.get(r.id))!).toMatchObject({ version: 1, state: `state-${won[0]}`, lease: { token: `t${won[0]}` } });
  });

  it('starts at most one active session per owner and lab, even when requests race', async () => {
    const store = sqlSessionStore(db());
    const owner = `starter-${serial}`;
    const candidates = Array.from({ length: 6 }, () => record(owner, 'lab-race'));
    const outcomes = await Promise.all(candidates.map((c) => store.insertUnlessActive(c)));
    const inserted = candidates.filter((_, i) => outcomes[i] === undefined);
    expect(inserted).toHaveLength(1);
    for (const o of outcomes) if (o) expect(o.id).toBe(inserted[0]!.id);
    expect((await store.list({ owner, labId: 'lab-race', active: true })).map((r) => r.id)).toEqual([inserted[0]!.id]);
    // Once it has ended, a new one may start; another lab or owner was never blocked.
    const current = (await store.get(inserted[0]!.id))!;
    await store.update({ ...current, state: 'done', active: false }, current.version);
    expect(await store.insertUnlessActive(record(owner, 'lab-race'))).toBeUndefined();
    expect(await store.insertUnlessActive(record(owner, 'lab-other'))).toBeUndefined();
    expect(await store.insertUnlessActive(record(`${owner}-b`, 'lab-race'))).toBeUndefined();
  });

  it('keeps each session’s events in the order they were appended, also when appended concurrently', async () => {
    const store = sqlSessionStore(db());
    const a = record();
    const b = record();
    await store.insert(a);
    await store.insert(b);
    await store.appendEvent(a.id, 'learner.hint', { taskId: 't', level: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendEvent(b.id, 'learner.check', { i })));
    await store.appendEvent(a.id, 'learner.check', { passed: false });
    expect(await store.events(a.id)).toEqual([
      { id: expect.any(Number), sessionId: a.id, at: expect.any(String), type: 'learner.hint', detail: { taskId: 't', level: 1 } },
      { id: expect.any(Number), sessionId: a.id, at: expect.any(String), type: 'learner.check', detail: { passed: false } },
    ]);
    const ofB = await store.events(b.id);
    expect(ofB.map((e) => e.detail.i).sort((x, y) => Number(x) - Number(y))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ofB.map((e) => e.id)).toEqual([...ofB.map((e) => e.id)].sort((x, y) => x - y));
    await expect(store.appendEvent('ls-missing', 'x', {})).rejects.toThrow();
  });
});
