import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnerCookie, learnerFromCookies, LearnerStore, type CookieJar } from '../../../src/console/learners.ts';
import { openDatabase } from '../../../src/db/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mlsec-learners-'));
const db = await openDatabase({ file: join(dir, 'mlsec.db') });
const store = new LearnerStore(db);
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function jar(value?: string): CookieJar & { sets: { name: string; value: string; options: unknown }[] } {
  const sets: { name: string; value: string; options: unknown }[] = [];
  return { sets, get: (name) => (name === learnerCookie && value !== undefined ? { value } : undefined), set: (name, v, options) => void sets.push({ name, value: v, options }) };
}

describe('anonymous learners', () => {
  it('creates a learner with an HttpOnly, SameSite=Lax cookie, and recognises it afterwards', async () => {
    const first = jar();
    const learner = await learnerFromCookies(first, store, {});
    expect(learner.isNew).toBe(true);
    expect(first.sets).toEqual([{ name: 'mlsec_learner', value: learner.id, options: { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 31_536_000 } }]);
    const again = await learnerFromCookies(jar(learner.id), store, {});
    expect(again).toMatchObject({ id: learner.id, isNew: false });
    expect(await db.get('SELECT COUNT(*) AS n FROM learners')).toEqual({ n: 1 });
  });

  it('replaces an id the database does not know, or a malformed one, so a client cannot choose its identity', async () => {
    const made = 'A'.repeat(22);
    const cookies = jar(made);
    const learner = await learnerFromCookies(cookies, store, { secure: true });
    expect(learner.id).not.toBe(made);
    expect(cookies.sets[0]!.options).toMatchObject({ secure: true });
    const bad = await learnerFromCookies(jar('../../etc'), store, {});
    expect(bad.isNew).toBe(true);
  });

  it('creates nothing for reads without a known learner', async () => {
    const before = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM learners');
    expect(await learnerFromCookies(jar(), store, { create: false })).toBeUndefined();
    expect(await learnerFromCookies(jar('B'.repeat(22)), store, { create: false })).toBeUndefined();
    expect(await db.get('SELECT COUNT(*) AS n FROM learners')).toEqual(before);
  });
});
