/**
 * The workshop building blocks on their own: password hashing, join codes, CSV quoting and the
 * formula guard, scoring, CSRF/origin rules. The storage: workshop-storage.test.ts (both databases).
 */
import { describe, expect, it } from 'vitest';
import { requireCsrfToken, requireSameOrigin } from './csrf.ts';
import { csvCell, toCsv } from './csv.ts';
import { WorkshopError } from './errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { resultRows, resultsCsv } from './results.ts';
import { cellPoints, leaderboard } from './scoring.ts';
import { joinCodeAlphabet, newJoinCode, normaliseJoinCode } from './tokens.ts';
import type { DashboardCell, DashboardRow } from './types.ts';

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

