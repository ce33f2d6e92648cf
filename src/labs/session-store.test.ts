import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqlClient } from '../db/index.ts';
import { SessionConflictError, sqlSessionStore, type SessionRecord } from './session-store.ts';

let dir: string;
let db: SqlClient;
afterEach(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function record(id: string, owner = 'local', labId = 'lab-a'): SessionRecord {
  const at = new Date().toISOString();
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

describe('SQL session store (SQLite file)', () => {
  it('stores, versions and lists sessions; a stale write is refused', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlsec-store-'));
    db = await openDatabase({ file: join(dir, 'mlsec.db') });
    const store = sqlSessionStore(db);
    await store.insert(record('s1'));
    await store.insert(record('s2', 'someone-else'));
    await store.insert(record('s3', 'local', 'lab-b'));
    const first = (await store.get('s1'))!;
    const updated = await store.update({ ...first, state: 'ready', lease: { pid: 1, host: 'h', token: 't', heartbeatAt: 'now' } }, first.version);
    expect(updated.version).toBe(1);
    expect((await store.get('s1'))!).toMatchObject({ state: 'ready', version: 1, lease: { pid: 1 } });
    await expect(store.update({ ...first, state: 'done' }, first.version)).rejects.toBeInstanceOf(SessionConflictError);
    const done = await store.update({ ...updated, state: 'done', active: false, lease: undefined }, updated.version);
    expect(done.lease).toBeUndefined();
    expect((await store.list({ owner: 'local' })).map((r) => r.id).sort()).toEqual(['s1', 's3']);
    expect((await store.list({ owner: 'local', active: true })).map((r) => r.id)).toEqual(['s3']);
    expect((await store.list({ labId: 'lab-a' })).map((r) => r.id).sort()).toEqual(['s1', 's2']);
    await store.appendEvent('s1', 'learner.hint', { taskId: 't', level: 1 });
    expect(await store.events('s1')).toEqual([{ id: expect.any(Number), sessionId: 's1', at: expect.any(String), type: 'learner.hint', detail: { taskId: 't', level: 1 } }]);
  });
});
