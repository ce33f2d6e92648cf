/**
 * Workshops over real HTTP on the built site and a private emulator: the instructor flow from the
 * CLI to the teardown report and exports, the isolation matrix (a learner against another
 * learner's lab session; every instructor endpoint as a learner, anonymous and another
 * instructor), CSRF on every unsafe endpoint, cookies, validation errors and rate limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instructorCli, Person, startWorkshopSite, type Reply, type WorkshopSite } from './workshop-support.ts';

const labId = 'exposed-training-data-bucket';
const otherWorkshopLab = 'kms-key-hygiene';
const outsideLab = 'network-exposure';
const password = 'correct horse battery staple';

let site: WorkshopSite | undefined;
const base = () => site!.url;
beforeAll(async () => {
  site = await startWorkshopSite({ MLSEC_RATE_LOGIN_PER_EMAIL: '5', MLSEC_RATE_LOGIN_PER_IP: '100', MLSEC_RATE_JOIN_PER_IP: '30' });
  if (!site) console.warn('[workshop-api] neither the embedded emulator nor moto_server is available: skipped.');
});
afterAll(async () => {
  await site?.stop();
});

const ada = new Person(base); // instructor who runs the workshop
const bob = new Person(base); // another instructor
const grace = new Person(base); // learner A
const linus = new Person(base); // learner B
const anonymous = new Person(base);

const state = {
  workshopId: '',
  joinCode: '',
  graceId: '',
  linusId: '',
  graceSession: '',
  linusSession: '',
  graceBucket: '',
  linusBucket: '',
  title: 'Securing ML on AWS — morning cohort',
};

function cookieOf(reply: Reply, name: string): string {
  const cookie = reply.setCookies.find((c) => c.startsWith(`${name}=`));
  expect(cookie, `Set-Cookie for ${name}`).toBeDefined();
  return cookie!;
}

/** Nothing of Linus (learner B) or of Ada's workshop is in a refusal. */
function expectNothingLeaked(reply: Reply, secrets: string[]): void {
  for (const secret of secrets.filter(Boolean)) expect(reply.text, `response leaks "${secret}"`).not.toContain(secret);
}

describe.skipIf(process.env.MLSEC_SKIP_CONSOLE === '1')('workshops API', () => {
  it('creates instructors with the CLI: password from stdin, never argv; duplicate and weak passwords refused', async () => {
    if (!site) return;
    const created = await instructorCli(site.dataDir, ['create', '--email', 'Ada@Example.com', '--name', 'Ada Lovelace', '--password-stdin'], `${password}\n`);
    expect(created, created.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('ada@example.com') });
    expect((await instructorCli(site.dataDir, ['create', '--email', 'bob@example.com', '--name', 'Bob', '--password-stdin'], `${password}\n`)).code).toBe(0);
    const duplicate = await instructorCli(site.dataDir, ['create', '--email', 'ada@example.com', '--name', 'Ada again', '--password-stdin'], `${password}\n`);
    expect(duplicate).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
    const weak = await instructorCli(site.dataDir, ['create', '--email', 'weak@example.com', '--name', 'Weak', '--password-stdin'], 'short\n');
    expect(weak).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 12/) });
    const argv = await instructorCli(site.dataDir, ['create', '--email', 'argv@example.com', '--name', 'Argv', '--password', password]);
    expect(argv).toMatchObject({ code: 2, stderr: expect.stringMatching(/never taken from the command line/) });
    const list = await instructorCli(site.dataDir, ['list']);
    expect(list.stdout).toMatch(/ada@example\.com\tAda Lovelace/);
    expect(list.stdout).not.toMatch(/weak@|argv@/);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie; wrong password and unknown email get the same 401', async () => {
    if (!site) return;
    const wrong = await ada.post('/api/instructor/login', { email: 'ada@example.com', password: 'not the password' });
    const unknown = await ada.post('/api/instructor/login', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.data).toEqual(unknown.data);
    expect(wrong.data).toEqual({ error: { code: 'InvalidCredentials', message: expect.any(String) } });
    const login = await ada.post('/api/instructor/login', { email: 'ADA@example.com', password });
    expect(login.status).toBe(200);
    expect(login.data).toMatchObject({ instructor: { email: 'ada@example.com', displayName: 'Ada Lovelace' }, csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const cookie = cookieOf(login, 'mlsec_instructor');
    expect(cookie).toMatch(/^mlsec_instructor=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    ada.csrf = login.data.csrfToken;
    const me = await ada.get('/api/instructor/me');
    expect(me.data).toEqual({ instructor: login.data.instructor, csrfToken: ada.csrf });
    const bobLogin = await bob.post('/api/instructor/login', { email: 'bob@example.com', password });
    bob.csrf = bobLogin.data.csrfToken;
    expect((await anonymous.get('/api/instructor/me')).status).toBe(401);
  });

  it('validates a new workshop with zod and lists every invalid field', async () => {
    if (!site) return;
    const bad = await ada.post('/api/workshops', { title: '', labIds: [], startsAt: 'tomorrow', endsAt: '2026-01-01T00:00:00Z', maxLearners: 0, leaderboard: 'yes', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe('ValidationFailed');
    const fields = (bad.data.error.issues as { path: string }[]).map((i) => i.path);
    expect(fields).toEqual(expect.arrayContaining(['title', 'labIds', 'startsAt', 'maxLearners', 'leaderboard', 'body']));
    const now = Date.now();
    const unknownLab = await ada.post('/api/workshops', { title: 'x', labIds: ['no-such-lab'], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), maxLearners: 5, leaderboard: false });
    expect(unknownLab.status).toBe(400);
    expect(unknownLab.data.error.message).toMatch(/"no-such-lab" is not a lab/);
    const backwards = await ada.post('/api/workshops', { title: 'x', labIds: [labId], startsAt: new Date(now).toISOString(), endsAt: new Date(now - 1000).toISOString(), maxLearners: 5, leaderboard: false });
    expect(backwards.data.error.issues).toEqual([{ path: 'endsAt', message: 'must be after startsAt' }]);
  });

  it('creates a workshop with a join code and link', async () => {
    if (!site) return;
    const now = Date.now();
    const created = await ada.post('/api/workshops', {
      title: state.title,
      labIds: [labId, otherWorkshopLab],
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 2 * 3_600_000).toISOString(),
      maxLearners: 2,
      leaderboard: true,
    });
    expect(created.status, created.text).toBe(201);
    const w = created.data.workshop;
    expect(w).toMatchObject({ title: state.title, labIds: [labId, otherWorkshopLab], maxLearners: 2, leaderboard: true, state: 'running', learnerCount: 0, target: { kind: expect.any(String) } });
    expect(w.joinCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(w.joinUrl).toBe(`/join?code=${w.joinCode}`);
    state.workshopId = w.id;
    state.joinCode = w.joinCode;
    const list = await ada.get('/api/workshops');
    expect(list.data.workshops.map((x: { id: string }) => x.id)).toEqual([w.id]);
    expect((await bob.get('/api/workshops')).data.workshops).toEqual([]);
  });

  it('lets two learners join with the code (HttpOnly SameSite=Lax cookie); names unique regardless of case; full is 409', async () => {
    if (!site) return;
    const joined = await grace.post('/api/workshops/join', { code: state.joinCode.toLowerCase().replace('-', ' '), displayName: 'Grace' });
    expect(joined.status, joined.text).toBe(201);
    expect(joined.data).toEqual({ workshopId: state.workshopId, learnerId: expect.stringMatching(/^wl-/), csrfToken: expect.any(String) });
    const cookie = cookieOf(joined, 'mlsec_workshop_learner');
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    grace.csrf = joined.data.csrfToken;
    state.graceId = joined.data.learnerId;
    const taken = await linus.post('/api/workshops/join', { code: state.joinCode, displayName: 'GRACE' });
    expect(taken.status).toBe(409);
    const wrongCode = await linus.post('/api/workshops/join', { code: 'ZZZZ-ZZZZ', displayName: 'Linus' });
    const garbage = await linus.post('/api/workshops/join', { code: 'hello', displayName: 'Linus' });
    expect(wrongCode.status).toBe(404);
    expect(garbage.data).toEqual(wrongCode.data);
    const empty = await linus.post('/api/workshops/join', { code: state.joinCode, displayName: '' });
    expect(empty.status).toBe(400);
    expect(empty.data.error.issues).toEqual([{ path: 'displayName', message: 'is required' }]);
    const second = await linus.post('/api/workshops/join', { code: state.joinCode, displayName: 'Linus' });
    expect(second.status).toBe(201);
    linus.csrf = second.data.csrfToken;
    state.linusId = second.data.learnerId;
    const full = await new Person(base).post('/api/workshops/join', { code: state.joinCode, displayName: 'Ken' });
    expect(full.status).toBe(409);
    expect(full.data.error.message).toMatch(/full/);
    const me = await grace.get('/api/workshop-learner/me');
    expect(me.data).toMatchObject({ learner: { id: state.graceId, displayName: 'Grace' }, workshop: { id: state.workshopId, title: state.title, labIds: [labId, otherWorkshopLab], state: 'running' }, messages: [], csrfToken: grace.csrf });
    expect(me.text).not.toContain('Linus');
  });

  it('starts labs for both learners on the workshop’s target; a lab outside the workshop is 403', async () => {
    if (!site) return;
    const outside = await grace.post(`/api/labs/${outsideLab}/session`);
    expect(outside.status).toBe(403);
    expect(outside.data.message).toMatch(/not part of your workshop/);
    for (const [person, key] of [
      [grace, 'grace'],
      [linus, 'linus'],
    ] as const) {
      const started = await person.post(`/api/labs/${labId}/session`);
      expect(started.status, started.text).toBe(201);
      expect(started.data.view.session.state).toBe('ready');
      state[`${key}Session`] = started.data.view.session.id;
      state[`${key}Bucket`] = started.data.view.session.resources.find((r: { key: string }) => r.key === 'trainingBucket').name;
    }
    expect(state.graceBucket).not.toBe(state.linusBucket);
    const hint = await grace.post(`/api/lab-sessions/${state.graceSession}/actions`, { action: 'hint' });
    expect(hint.status).toBe(200);
    const check = await grace.post(`/api/lab-sessions/${state.graceSession}/actions`, { action: 'check' });
    expect(check.status).toBe(200);
    const env = await grace.get(`/api/lab-sessions/${state.graceSession}/environment`);
    expect(env.status).toBe(200);
    expect(env.data.variables).toMatchObject({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: expect.any(String) });
  });

  it('shows every learner × lab on the dashboard, live over server-sent events', async () => {
    if (!site) return;
    const { data, status } = await ada.get(`/api/workshops/${state.workshopId}`);
    expect(status).toBe(200);
    expect(data.workshop).toMatchObject({ id: state.workshopId, learnerCount: 2, state: 'running' });
    const rows = Object.fromEntries(data.dashboard.rows.map((r: { displayName: string }) => [r.displayName, r]));
    expect(Object.keys(rows)).toEqual(['Grace', 'Linus']);
    expect(rows.Grace.labs).toEqual([
      expect.objectContaining({ labId, status: 'ready', hintsUsed: 1, checksPassed: expect.any(Number), checksTotal: expect.any(Number), assisted: false, sessionId: state.graceSession }),
      { labId: otherWorkshopLab, status: 'not-started', checksPassed: 0, checksTotal: 0, assisted: false, hintsUsed: 0, timeSeconds: 0 },
    ]);
    expect(rows.Grace.labs[0].checksTotal).toBeGreaterThan(0);
    expect(rows.Grace.labs[0].checksPassed).toBeLessThan(rows.Grace.labs[0].checksTotal);
    expect(rows.Linus.labs[0]).toMatchObject({ status: 'ready', hintsUsed: 0, checksTotal: 0, sessionId: state.linusSession });
    const live = await ada.firstEvent(`/api/workshops/${state.workshopId}/events`, 'dashboard');
    expect(live.data).toMatchObject({ workshopId: state.workshopId, state: 'running', rows: [expect.objectContaining({ displayName: 'Grace' }), expect.objectContaining({ displayName: 'Linus' })] });
  });

  it('isolation: a learner cannot read, check, reset, tear down, run in or export another learner’s lab session', async () => {
    if (!site) return;
    const id = state.linusSession;
    const secrets = [state.linusBucket, state.linusId, 'Linus'];
    const attempts: Reply[] = [
      await grace.get(`/api/lab-sessions/${id}`),
      await grace.get(`/api/lab-sessions/${id}/environment`),
      ...(await Promise.all(['check', 'hint', 'reset', 'teardown', 'retry'].map((action) => grace.post(`/api/lab-sessions/${id}/actions`, { action })))),
      await grace.post(`/api/lab-sessions/${id}/actions`, { action: 'solve', confirm: true }),
      await grace.post(`/api/lab-sessions/${id}/terminal/run`, { line: 'aws sts get-caller-identity' }),
      await grace.post(`/api/lab-sessions/${id}/terminal/complete`, { line: 'aws s3' }),
    ];
    for (const reply of attempts) {
      expect(reply.status, reply.text).toBe(404);
      expectNothingLeaked(reply, secrets);
    }
    const events = await grace.firstEvent(`/api/lab-sessions/${id}/events`, 'session');
    expect(events.status).toBe(404);
    expectNothingLeaked(events as unknown as Reply, secrets);
    // Anonymous browsers and self-paced learners see nothing either.
    expect((await anonymous.get(`/api/lab-sessions/${id}`)).status).toBe(404);
    const selfPaced = new Person(base);
    expect((await selfPaced.post(`/api/lab-sessions/${id}/actions`, { action: 'teardown' })).status).toBe(404);
    // Grace's own latest session of the lab is hers, never Linus's.
    const own = await grace.get(`/api/labs/${labId}/session`);
    expect(own.data.view.session.id).toBe(state.graceSession);
    expectNothingLeaked(own, secrets);
    // Linus's session is untouched.
    const theirs = await linus.get(`/api/lab-sessions/${id}`);
    expect(theirs.data.view.session).toMatchObject({ state: 'ready', checksRun: 0 });
  });

  it('isolation: each learner works in an account of their own, and cannot reach the other’s resources from the terminal', async () => {
    if (!site) return;
    const rows = (await ada.get(`/api/workshops/${state.workshopId}`)).data.dashboard.rows as { displayName: string; accountId: string }[];
    const [graceAccount, linusAccount] = rows.map((r) => r.accountId);
    expect(graceAccount).toMatch(/^\d{12}$/);
    expect(linusAccount).toMatch(/^\d{12}$/);
    expect(graceAccount).not.toBe(linusAccount);
    const run = (line: string) => grace.post(`/api/lab-sessions/${state.graceSession}/terminal/run`, { line });
    const who = await run('aws sts get-caller-identity --query Account --output text');
    expect(who.data.stdout.trim()).toBe(graceAccount);
    const buckets = await run('aws s3api list-buckets --query Buckets[].Name --output text');
    expect(buckets.data.stdout).toContain(state.graceBucket);
    expect(buckets.data.stdout).not.toContain(state.linusBucket);
    const reach = await run(`aws s3api get-bucket-versioning --bucket ${state.linusBucket}`);
    expect(reach.data.exitCode).not.toBe(0);
    expect(reach.data.stderr).toMatch(/AccessDenied|NoSuchBucket/);
    // The learner's own CLI environment carries their own keys only.
    const graceEnv = (await grace.get(`/api/lab-sessions/${state.graceSession}/environment`)).data.variables;
    const linusEnv = (await linus.get(`/api/lab-sessions/${state.linusSession}/environment`)).data.variables;
    expect(graceEnv.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(graceEnv.AWS_ACCESS_KEY_ID).not.toBe(linusEnv.AWS_ACCESS_KEY_ID);
    expect(graceEnv.AWS_ACCESS_KEY_ID).not.toBe(graceAccount);
  });

  const instructorEndpoints = (): [string, string, unknown?][] => {
    const w = `/api/workshops/${state.workshopId}`;
    return [
      ['GET', w],
      ['GET', `${w}/events`],
      ['POST', `${w}/learners/${state.linusId}/labs/${labId}/reset`, {}],
      ['POST', `${w}/extend`, { minutes: 30 }],
      ['POST', `${w}/broadcast`, { message: 'hello' }],
      ['POST', `${w}/end`, {}],
      ['GET', `${w}/results.json`],
      ['GET', `${w}/results.csv`],
      ['GET', `${w}/leaderboard`],
    ];
  };

  it('isolation: every instructor endpoint refuses learners, anonymous callers and other instructors, leaking nothing', async () => {
    if (!site) return;
    const secrets = [state.title, state.joinCode, state.graceBucket, state.linusBucket, 'Grace', 'Linus'];
    for (const [method, path, body] of instructorEndpoints()) {
      const asLearner = await grace.call(method, path, body);
      expect(asLearner.status, `${method} ${path} as a learner`).toBe(403);
      expect(asLearner.data.error.code).toBe('Forbidden');
      const asAnonymous = await anonymous.call(method, path, body);
      expect(asAnonymous.status, `${method} ${path} anonymously`).toBe(401);
      const asOther = await bob.call(method, path, body);
      expect(asOther.status, `${method} ${path} as another instructor`).toBe(403);
      expect(asOther.data.error.code).toBe('NotYourWorkshop');
      for (const reply of [asLearner, asAnonymous, asOther]) expectNothingLeaked(reply, secrets);
    }
    for (const [method, path, body] of [
      ['GET', '/api/workshops'],
      ['POST', '/api/workshops', {}],
    ] as const) {
      expect((await grace.call(method, path, body)).status).toBe(403);
      expect((await anonymous.call(method, path, body)).status).toBe(401);
    }
    expect((await grace.get('/api/instructor/me')).status).toBe(401);
    expect((await grace.post('/api/instructor/logout')).status).toBe(403);
    // Learners' own endpoint is not an instructor's.
    expect((await ada.get('/api/workshop-learner/me')).status).toBe(401);
    // Nothing changed: still running, no messages.
    const after = await ada.get(`/api/workshops/${state.workshopId}`);
    expect(after.data.workshop.state).toBe('running');
    expect(after.data.dashboard.messages).toEqual([]);
  });

  it('refuses every unsafe request without the right CSRF token, and cross-origin requests', async () => {
    if (!site) return;
    const w = `/api/workshops/${state.workshopId}`;
    const instructorUnsafe: [string, unknown][] = [
      ['/api/workshops', {}],
      [`${w}/learners/${state.linusId}/labs/${labId}/reset`, {}],
      [`${w}/extend`, { minutes: 30 }],
      [`${w}/broadcast`, { message: 'hello' }],
      [`${w}/end`, {}],
      ['/api/instructor/logout', {}],
    ];
    for (const [path, body] of instructorUnsafe) {
      const missing = await ada.call('POST', path, body, { 'x-csrf-token': '' });
      expect(missing.status, `POST ${path} without a token`).toBe(403);
      expect(missing.data.error.code).toBe('CsrfTokenMissing');
      const wrong = await ada.call('POST', path, body, { 'x-csrf-token': bob.csrf });
      expect(wrong.status, `POST ${path} with another session's token`).toBe(403);
      expect(wrong.data.error.code).toBe('CsrfTokenInvalid');
    }
    const learnerUnsafe: [string, unknown][] = [
      [`/api/labs/${labId}/session`, {}],
      [`/api/lab-sessions/${state.graceSession}/actions`, { action: 'check' }],
      [`/api/lab-sessions/${state.graceSession}/terminal/run`, { line: 'aws sts get-caller-identity' }],
      [`/api/lab-sessions/${state.graceSession}/terminal/complete`, { line: 'aws s3' }],
    ];
    for (const [path, body] of learnerUnsafe) {
      expect((await grace.call('POST', path, body, { 'x-csrf-token': '' })).data.error.code, path).toBe('CsrfTokenMissing');
      expect((await grace.call('POST', path, body, { 'x-csrf-token': linus.csrf })).data.error.code, path).toBe('CsrfTokenInvalid');
    }
    // Marking a lesson read acts for the browser's anonymous learner, so it needs no workshop token.
    expect((await grace.call('POST', '/api/progress/lessons/least-privilege-for-ml-artifacts/read', {}, { 'x-csrf-token': '' })).status).toBe(200);
    // Sign-in, join and the anonymous lab console: only from this site's own pages.
    const evil = { origin: 'https://evil.example' };
    expect((await new Person(base).post('/api/instructor/login', { email: 'ada@example.com', password }, evil)).data.error.code).toBe('CsrfOriginRefused');
    expect((await new Person(base).post('/api/workshops/join', { code: state.joinCode, displayName: 'Mallory' }, evil)).status).toBe(403);
    expect((await new Person(base).post(`/api/labs/${labId}/session`, {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Nothing happened: Ada is still signed in, the workshop still runs.
    expect((await ada.get('/api/instructor/me')).status).toBe(200);
    expect((await ada.get(w)).data.workshop).toMatchObject({ state: 'running', learnerCount: 2 });
  });

  it('resets a learner’s lab, extends the workshop and broadcasts to its learners', async () => {
    if (!site) return;
    const w = `/api/workshops/${state.workshopId}`;
    const before = (await ada.get(w)).data.workshop.endsAt;
    const reset = await ada.post(`${w}/learners/${state.graceId}/labs/${labId}/reset`);
    expect(reset.status, reset.text).toBe(200);
    expect(reset.data.row).toMatchObject({ learnerId: state.graceId, labs: [expect.objectContaining({ labId, status: 'ready', sessionId: state.graceSession }), expect.anything()] });
    // A reset is a new run of the lab: new resource names, the old ones removed.
    const afterReset = await grace.get(`/api/lab-sessions/${state.graceSession}`);
    const newBucket = afterReset.data.view.session.resources.find((r: { key: string }) => r.key === 'trainingBucket').name;
    expect(newBucket).not.toBe(state.graceBucket);
    state.graceBucket = newBucket;
    const notStarted = await ada.post(`${w}/learners/${state.graceId}/labs/${otherWorkshopLab}/reset`);
    expect(notStarted.status).toBe(409);
    const strangerLearner = await ada.post(`${w}/learners/wl-nobody/labs/${labId}/reset`);
    expect(strangerLearner.status).toBe(404);
    const extended = await ada.post(`${w}/extend`, { minutes: 30 });
    expect(Date.parse(extended.data.workshop.endsAt) - Date.parse(before)).toBe(30 * 60_000);
    expect((await ada.post(`${w}/extend`, { minutes: 601 })).data.error.issues).toEqual([{ path: 'minutes', message: 'must be at most 600' }]);
    const sent = await ada.post(`${w}/broadcast`, { message: 'Ten minutes left on the first lab.' });
    expect(sent.status).toBe(201);
    expect(sent.data.message).toEqual({ id: expect.any(String), at: expect.any(String), text: 'Ten minutes left on the first lab.' });
    for (const learner of [grace, linus]) {
      const me = await learner.get('/api/workshop-learner/me');
      expect(me.data.messages).toEqual([sent.data.message]);
      expect(me.data.workshop.endsAt).toBe(extended.data.workshop.endsAt);
    }
    const board = await ada.get(`${w}/leaderboard`);
    expect(board.data.entries.map((e: { displayName: string }) => e.displayName).sort()).toEqual(['Grace', 'Linus']);
  });

  it('ends the workshop: tears down every learner’s lab and reports what was removed; learners can only read afterwards', async () => {
    if (!site) return;
    const w = `/api/workshops/${state.workshopId}`;
    const ended = await ada.post(`${w}/end`);
    expect(ended.status, ended.text).toBe(200);
    expect(ended.data.workshop).toMatchObject({ state: 'ended', endedAt: expect.any(String) });
    const report = ended.data.report;
    const byName = Object.fromEntries(report.learners.map((l: { displayName: string }) => [l.displayName, l]));
    expect(byName.Grace.errors).toEqual([]);
    expect(byName.Linus.errors).toEqual([]);
    expect(byName.Grace.removed).toEqual(expect.arrayContaining([expect.stringContaining(state.graceBucket)]));
    expect(byName.Linus.removed).toEqual(expect.arrayContaining([expect.stringContaining(state.linusBucket)]));
    expect(byName.Grace.removed.join('\n')).not.toContain(state.linusBucket);
    expect(report.removedCount).toBe(byName.Grace.removed.length + byName.Linus.removed.length);
    const dashboard = (await ada.get(w)).data;
    expect(dashboard.workshop.endReport).toEqual(report);
    expect(dashboard.dashboard.rows.map((r: { labs: { status: string }[] }) => r.labs[0]!.status)).toEqual(['torn-down', 'torn-down']);
    // Learners: reading their own session still works; starting or acting does not; joining is closed.
    expect((await grace.get(`/api/lab-sessions/${state.graceSession}`)).status).toBe(200);
    const start = await grace.post(`/api/labs/${labId}/session`);
    expect(start.status).toBe(409);
    expect(start.data.message).toMatch(/has ended/);
    expect((await new Person(base).post('/api/workshops/join', { code: state.joinCode, displayName: 'Late' })).status).toBe(409);
    expect((await grace.get('/api/workshop-learner/me')).data.workshop.state).toBe('ended');
  });

  it('exports results as JSON and as spreadsheet-safe CSV, one row per learner × lab', async () => {
    if (!site) return;
    const w = `/api/workshops/${state.workshopId}`;
    const json = await ada.get(`${w}/results.json`);
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="workshop-.*-results\.json"/);
    expect(json.data.results).toHaveLength(4);
    expect(json.data.results[0]).toMatchObject({ learnerId: state.graceId, displayName: 'Grace', labId, status: 'torn-down', passed: false, hintsUsed: 1, points: 0 });
    const csv = await ada.get(`${w}/results.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('learnerId,displayName,accountId,labId,status,passed,assisted,checksPassed,checksTotal,hintsUsed,timeSeconds,points,sessionId');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(new RegExp(`^${state.graceId},Grace,\\d*,${labId},torn-down,false,false,\\d+,\\d+,1,\\d+,0,${state.graceSession}$`));
  });

  it('rate-limits sign-in per email and joins per address with 429 and Retry-After', async () => {
    if (!site) return;
    const attacker = new Person(base);
    let limited: Reply | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const reply = await attacker.post('/api/instructor/login', { email: 'bob@example.com', password: `guess number ${i}` });
      if (reply.status === 429) limited = reply;
      else expect(reply.status).toBe(401);
    }
    expect(limited, 'sign-in was never rate limited').toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.data.error.code).toBe('RateLimited');
    // Even the right password waits out the window.
    expect((await attacker.post('/api/instructor/login', { email: 'bob@example.com', password })).status).toBe(429);
    let joinLimited: Reply | undefined;
    for (let i = 0; i < 40 && !joinLimited; i++) {
      const reply = await attacker.post('/api/workshops/join', { code: `ZZZZ-ZZ${String(i).padStart(2, '0').replace(/./g, (d) => 'ABCDEFGHJK'[Number(d)]!)}`, displayName: 'Guesser' });
      if (reply.status === 429) joinLimited = reply;
      else expect(reply.status).toBe(404);
    }
    expect(joinLimited, 'joining was never rate limited').toBeDefined();
    expect(Number(joinLimited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('signs out: the session is gone on the server and the cookie cleared', async () => {
    if (!site) return;
    const cookieBefore = ada.cookieHeader;
    const out = await ada.post('/api/instructor/logout');
    expect(out.status).toBe(204);
    expect(out.setCookies.some((c) => /^mlsec_instructor=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    const replay = await fetch(`${base()}/api/instructor/me`, { headers: { cookie: cookieBefore } });
    expect(replay.status).toBe(401);
  });
});
