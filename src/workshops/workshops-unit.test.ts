/**
 * The workshop building blocks on their own: password hashing, join codes, CSV quoting and the
 * formula guard, scoring, CSRF/origin rules, and the rate limiter and stores on a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqlClient } from '../db/index.ts';
import { requireCsrfToken, requireSameOrigin } from './csrf.ts';
import { csvCell, toCsv } from './csv.ts';
import { WorkshopError } from './errors.ts';
import { InstructorError, InstructorStore } from './instructor-store.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { RateLimiter } from './rate-limit.ts';
import { resultRows, resultsCsv } from './results.ts';
import { cellPoints, leaderboard } from './scoring.ts';
import { joinCodeAlphabet, newJoinCode, normaliseJoinCode } from './tokens.ts';
import type { DashboardCell, DashboardRow } from './types.ts';
import { WorkshopStore } from './workshop-store.ts';

const dirs: string[] = [];
const dbs: SqlClient[] = [];
async function tempDb(): Promise<SqlClient> {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-workshops-'));
  dirs.push(dir);
  const db = await openDatabase({ file: join(dir, 'test.db') });
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('password hashing', () => {
  it('stores scrypt parameters and a per-password salt, verifies the right password only', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'not-a-hash')).toBe(false);
  });

  it('verifies hashes made with other parameters (they are read from the hash)', async () => {
    const cheap = await hashPassword('another long password', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('another long password', cheap)).toBe(true);
  });
});

describe('join codes', () => {
  it('are 8 characters of an alphabet without I, L, O, U — 40 bits — shown as XXXX-XXXX', () => {
    expect(joinCodeAlphabet).toHaveLength(32);
    expect(joinCodeAlphabet).not.toMatch(/[ILOU]/);
    const codes = new Set(Array.from({ length: 2000 }, () => newJoinCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('accept what people type: lower case, spaces, no dash, O for 0 and I or L for 1', () => {
    expect(normaliseJoinCode(' ab2c-d3ef ')).toBe('AB2C-D3EF');
    expect(normaliseJoinCode('ab2cd3ef')).toBe('AB2C-D3EF');
    expect(normaliseJoinCode('OIL0-0000')).toBe('0110-0000');
    expect(normaliseJoinCode('AB2C-D3E')).toBeUndefined();
    expect(normaliseJoinCode('AB2C-D3EU')).toBeUndefined();
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(undefined)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

const cell = (labId: string, status: DashboardCell['status'], hintsUsed = 0, assisted = false, timeSeconds = 60): DashboardCell => ({ labId, status, checksPassed: 0, checksTotal: 0, assisted, hintsUsed, timeSeconds });
const row = (name: string, labs: DashboardCell[]): DashboardRow => ({ learnerId: `wl-${name}`, displayName: name, joinedAt: '2026-01-01T00:00:00.000Z', accountId: '', labs });

describe('scoring and leaderboard', () => {
  it('gives 100 per passed lab, minus 10 per hint and 50 when assisted, never below 0', () => {
    expect(cellPoints(cell('a', 'passed'))).toBe(100);
    expect(cellPoints(cell('a', 'passed', 3))).toBe(70);
    expect(cellPoints(cell('a', 'passed', 2, true))).toBe(30);
    expect(cellPoints(cell('a', 'passed', 9, true))).toBe(0);
    expect(cellPoints(cell('a', 'ready'))).toBe(0);
    expect(cellPoints(cell('a', 'failed', 0))).toBe(0);
  });

  it('ranks by points, then labs passed, fewer hints, less time, name', () => {
    const board = leaderboard([
      row('slow', [cell('a', 'passed', 0, false, 900), cell('b', 'ready')]),
      row('hinted', [cell('a', 'passed', 2), cell('b', 'passed', 1)]),
      row('fast', [cell('a', 'passed', 0, false, 100), cell('b', 'ready', 3)]),
      row('none', [cell('a', 'not-started'), cell('b', 'not-started')]),
    ]);
    expect(board.map((e) => [e.displayName, e.points, e.labsPassed, e.hintsUsed])).toEqual([
      ['hinted', 170, 2, 3],
      ['slow', 100, 1, 0],
      ['fast', 100, 1, 3],
      ['none', 0, 0, 0],
    ]);
  });

  it('exports one row per learner × lab with points, CSV-safe names', () => {
    const results = resultRows([row('=cmd()', [cell('a', 'passed', 1), cell('b', 'not-started')])]);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ displayName: '=cmd()', labId: 'a', passed: true, points: 90 });
    const csv = resultsCsv(results).split('\r\n');
    expect(csv[0]).toBe('learnerId,displayName,accountId,labId,status,passed,assisted,checksPassed,checksTotal,hintsUsed,timeSeconds,points,sessionId');
    expect(csv[1]).toBe("wl-=cmd(),'=cmd(),,a,passed,true,false,0,0,1,60,90,");
  });
});

describe('CSRF and origin rules', () => {
  const url = new URL('http://127.0.0.1:4321/api/x');
  const request = (headers: Record<string, string>) => new Request(url, { method: 'POST', headers });
  const code = (fn: () => void) => {
    try {
      fn();
      return 'allowed';
    } catch (error) {
      return (error as WorkshopError).code;
    }
  };
  it('wants the session token in x-csrf-token', () => {
    expect(code(() => requireCsrfToken(request({}), 'tok'))).toBe('CsrfTokenMissing');
    expect(code(() => requireCsrfToken(request({ 'x-csrf-token': 'other' }), 'tok'))).toBe('CsrfTokenInvalid');
    expect(code(() => requireCsrfToken(request({ 'x-csrf-token': 'tok' }), 'tok'))).toBe('allowed');
  });
  it('refuses other origins and cross-site fetches, allows same origin and non-browser clients', () => {
    expect(code(() => requireSameOrigin(request({ origin: 'http://127.0.0.1:4321' }), url, {}))).toBe('allowed');
    expect(code(() => requireSameOrigin(request({ origin: 'https://evil.example' }), url, {}))).toBe('CsrfOriginRefused');
    expect(code(() => requireSameOrigin(request({ origin: 'null' }), url, {}))).toBe('CsrfOriginRefused');
    expect(code(() => requireSameOrigin(request({ 'sec-fetch-site': 'cross-site' }), url, {}))).toBe('CsrfOriginRefused');
    expect(code(() => requireSameOrigin(request({ 'sec-fetch-site': 'same-origin' }), url, {}))).toBe('allowed');
    expect(code(() => requireSameOrigin(request({}), url, {}))).toBe('allowed');
    expect(code(() => requireSameOrigin(request({ origin: 'https://labs.example.org' }), url, { MLSEC_ALLOWED_ORIGINS: 'https://labs.example.org/' }))).toBe('allowed');
  });
});

describe('rate limiter (SQLite file)', () => {
  it('counts per key in fixed windows and says when to retry', async () => {
    const limiter = new RateLimiter(await tempDb());
    const rule = { limit: 3, windowSeconds: 60 };
    const t0 = Date.parse('2026-01-01T00:00:10Z');
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit('login:ip:1.2.3.4', rule, t0));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toMatchObject({ count: 4, retryAfterSeconds: 50 });
    expect((await limiter.hit('login:ip:5.6.7.8', rule, t0)).allowed).toBe(true);
    // The next window starts afresh.
    expect(await limiter.hit('login:ip:1.2.3.4', rule, t0 + 60_000)).toMatchObject({ allowed: true, count: 1 });
    expect(await limiter.prune(0, t0 + 3_600_000)).toBe(2);
  });

  it('holds across two connections to the same database (two app instances)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-workshops-'));
    dirs.push(dir);
    const a = await openDatabase({ file: join(dir, 'shared.db') });
    const b = await openDatabase({ file: join(dir, 'shared.db') });
    dbs.push(a, b);
    const rule = { limit: 2, windowSeconds: 600 };
    const now = Date.now();
    expect((await new RateLimiter(a).hit('join:ip:x', rule, now)).allowed).toBe(true);
    expect((await new RateLimiter(b).hit('join:ip:x', rule, now)).allowed).toBe(true);
    expect((await new RateLimiter(a).hit('join:ip:x', rule, now)).allowed).toBe(false);
  });
});

describe('instructor and workshop stores (SQLite file)', () => {
  it('creates instructors with unique emails and strong passwords, signs in, and keeps only hashes of session cookies', async () => {
    const db = await tempDb();
    const store = new InstructorStore(db);
    const ada = await store.create({ email: ' Ada@Example.com ', displayName: 'Ada', password: 'correct horse battery' });
    expect(ada.email).toBe('ada@example.com');
    await expect(store.create({ email: 'ADA@example.com', displayName: 'Ada 2', password: 'correct horse battery' })).rejects.toThrow(InstructorError);
    await expect(store.create({ email: 'bob@example.com', displayName: 'Bob', password: 'too short' })).rejects.toThrow(/at least 12/);
    expect(await store.authenticate('ada@example.com', 'wrong password!!')).toBeUndefined();
    expect(await store.authenticate('nobody@example.com', 'correct horse battery')).toBeUndefined();
    expect(await store.authenticate('ADA@example.com', 'correct horse battery')).toEqual(ada);
    const session = await store.startSession(ada);
    const stored = await db.all<{ id_hash: string }>('SELECT id_hash FROM instructor_sessions');
    expect(stored).toEqual([{ id_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(stored[0]!.id_hash).not.toContain(session.cookie);
    expect((await store.session(session.cookie))?.instructor).toEqual(ada);
    expect(await store.session(session.cookie, new Date(Date.now() + 13 * 3_600_000))).toBeUndefined();
    await store.resetPassword('ada@example.com', 'a different long one');
    expect(await store.session(session.cookie)).toBeUndefined();
  });

  it('joins learners with case-insensitively unique names up to the limit', async () => {
    const db = await tempDb();
    const ada = await new InstructorStore(db).create({ email: 'ada@example.com', displayName: 'Ada', password: 'correct horse battery' });
    const store = new WorkshopStore(db);
    const now = Date.now();
    const workshop = await store.create({
      instructorId: ada.id,
      title: 'Securing ML',
      labIds: ['kms-key-hygiene'],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      maxLearners: 2,
      leaderboard: true,
      target: { kind: 'embedded', region: 'us-east-1', label: 'embedded emulator' },
    });
    expect(workshop.joinCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const first = await store.join(workshop, 'Grace');
    await expect(store.join(workshop, 'GRACE')).rejects.toThrow(/already uses the name/);
    await store.join(workshop, 'Linus');
    await expect(store.join(workshop, 'Ken')).rejects.toThrow(/full \(2 learners\)/);
    expect((await store.learnerBySession(first.cookie))?.displayName).toBe('Grace');
    expect(await store.learnerBySession('made-up')).toBeUndefined();
    const hashes = await db.all<{ session_hash: string }>('SELECT session_hash FROM workshop_learners');
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.session_hash) && h.session_hash !== first.cookie)).toBe(true);
  });
});
