/**
 * The lab console's API on the built server, against a private emulator: an anonymous learner
 * cookie, a session started and graded through the real session service, the terminal's `aws`
 * running with the lab's credentials, live updates as server-sent events, AWS-style errors for bad
 * input, another learner unable to see the session, and the session still there after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabSite, type LabSite } from './support/lab-site.ts';
import type { ConsoleView } from '../../src/console/console-view.ts';

const labId = 'exposed-training-data-bucket';
let site: LabSite | undefined;
beforeAll(async () => {
  site = await startLabSite();
  if (!site) console.warn('[lab-console-api] neither the embedded emulator nor moto_server is available: skipped.');
});
afterAll(async () => {
  await site?.stop();
});

class Browser {
  cookie = '';
  async call(path: string, body?: unknown, init: RequestInit = {}): Promise<{ status: number; headers: Headers; data: any }> {
    const response = await fetch(`${site!.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : undefined };
  }
}

describe.skipIf(process.env.MLSEC_SKIP_CONSOLE === '1')('lab console API', () => {
  const learner = new Browser();
  let sessionId = '';
  let bucket = '';

  it('renders the lab page for a new visitor without creating a learner, and 404s an unknown lab', async () => {
    if (!site) return;
    const page = await fetch(`${site.url}/labs/${labId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const html = await page.text();
    expect(html).toMatch(/<h2[^>]*>The story<\/h2>/);
    expect(html).toContain('Start the lab');
    const missing = await fetch(`${site.url}/labs/no-such-lab`);
    expect(missing.status).toBe(404);
    const api = await learner.call('/api/labs/no-such-lab/session', {});
    expect(api.status).toBe(404);
    expect(api.data).toEqual({ __type: 'ResourceNotFoundException', message: expect.stringContaining(labId) });
  });

  it('starts a session for an anonymous learner, setting an HttpOnly SameSite=Lax cookie', async () => {
    if (!site) return;
    const response = await fetch(`${site.url}/api/labs/${labId}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^mlsec_learner=[A-Za-z0-9_-]{22};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    learner.cookie = setCookie.split(';')[0]!;
    expect(response.status, await response.clone().text()).toBe(201);
    const { view } = (await response.json()) as { view: ConsoleView };
    expect(view.session.state).toBe('ready');
    expect(view.actions).toEqual(expect.arrayContaining(['check', 'hint', 'solve', 'reset', 'teardown']));
    expect(view.setup.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(view.setup[0]!.title).toMatch(/KMS key/);
    sessionId = view.session.id;
    bucket = view.session.resources.find((r) => r.key === 'trainingBucket')!.name;
    expect(bucket).toMatch(/^mlsec-[a-z0-9]+-fraud-training-data$/);
    // A second start of the same lab is refused while one is active.
    const again = await learner.call(`/api/labs/${labId}/session`, {});
    expect(again.status).toBe(409);
    expect(again.data.__type).toBe('ConflictException');
    expect(again.headers.get('x-amzn-errortype')).toBe('ConflictException');
  });

  it('shows in the catalog that the lab runs on this target and that the learner has a session, with filters', async () => {
    if (!site) return;
    const html = await (await fetch(`${site.url}/labs`, { headers: { cookie: learner.cookie } })).text();
    expect(html).toMatch(/Availability on <strong[^>]*>embedded emulator at http:\/\/127\.0\.0\.1:\d+<\/strong>/);
    expect(html).toMatch(new RegExp(`data-lab="${labId}" data-availability="available"`));
    expect(html).toContain('Your session: In progress (ready)');
    const byService = await (await fetch(`${site.url}/labs?service=s3control`)).text();
    expect(byService).toContain(`data-lab="${labId}"`);
    const otherTask = await (await fetch(`${site.url}/labs?task=4.1`)).text();
    expect(otherTask).not.toContain(`data-lab="${labId}"`);
    const bogus = await (await fetch(`${site.url}/labs?difficulty=impossible`)).text();
    expect(bogus).toContain('There is no difficulty “impossible”');
    expect(bogus).toContain(`data-lab="${labId}"`);
  });

  it('grades with evidence, risk and a pasteable remediation command', async () => {
    if (!site) return;
    const { status, data } = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'check' });
    expect(status).toBe(200);
    const view = data.view as ConsoleView;
    expect(view.session.tasks.every((t) => t.status === 'fail')).toBe(true);
    const versioning = view.grade!.tasks.find((t) => t.id === 'turn-on-versioning')!.findings[0]!;
    expect(versioning).toMatchObject({ checkId: 's3-bucket-versioning', status: 'fail', securityHub: ['S3.14'] });
    expect(versioning.evidence[0]).toMatchObject({ field: 'GetBucketVersioning.Status', expected: 'Enabled' });
    expect(versioning.risk).toMatch(/overwrite/);
    expect(versioning.remediation!.cli).toBe(`aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`);
    // The environment view: the bucket fails, and the lab's relation bucket → team key is drawn.
    const nodes = Object.fromEntries(view.environment.nodes.map((n) => [n.id, n]));
    expect(nodes[bucket]).toMatchObject({ kind: 'data', status: 'fail' });
    expect(view.environment.edges).toEqual([expect.objectContaining({ from: bucket, to: expect.stringMatching(/^alias\/mlsec-/) })]);
    expect(view.environment.checkedAt).toBe(view.grade!.at);
  });

  it('runs aws commands in the terminal with the lab credentials, and fixing a finding makes its task pass', async () => {
    if (!site) return;
    const who = await learner.call(`/api/lab-sessions/${sessionId}/terminal/run`, { line: 'aws sts get-caller-identity --query Account --output text' });
    expect(who.data).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^\d{12}\n$/) });
    const typo = await learner.call(`/api/lab-sessions/${sessionId}/terminal/run`, { line: `aws s3api put-bucket-versionin --bucket ${bucket}` });
    expect(typo.data.exitCode).toBe(252);
    expect(typo.data.stderr).toContain('Did you mean: put-bucket-versioning');
    const shell = await learner.call(`/api/lab-sessions/${sessionId}/terminal/run`, { line: 'aws s3api list-buckets; cat /etc/passwd' });
    expect(shell.data.exitCode).toBe(252);
    expect(shell.data.stderr).toMatch(/;/);
    const notAws = await learner.call(`/api/lab-sessions/${sessionId}/terminal/run`, { line: 'ls /' });
    expect(notAws.data.stderr).toMatch(/aws commands only/);
    const completion = await learner.call(`/api/lab-sessions/${sessionId}/terminal/complete`, { line: 'aws s3api put-bucket-versioning --ver' });
    expect(completion.data.candidates).toContain('--versioning-configuration');
    expect(completion.data.candidates.every((c: string) => c.startsWith('--ver'))).toBe(true);

    const fix = await learner.call(`/api/lab-sessions/${sessionId}/terminal/run`, { line: `aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled` });
    expect(fix.data).toMatchObject({ exitCode: 0, stderr: '' });
    const { data } = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'check' });
    const tasks = Object.fromEntries((data.view as ConsoleView).session.tasks.map((t) => [t.id, t.status]));
    expect(tasks['turn-on-versioning']).toBe('pass');
    expect(tasks['close-public-access']).toBe('fail');
  });

  it('streams the session as server-sent events', async () => {
    if (!site) return;
    const controller = new AbortController();
    const response = await fetch(`${site.url}/api/lab-sessions/${sessionId}/events`, { headers: { cookie: learner.cookie }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!/event: session\ndata: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const view = JSON.parse(/event: session\ndata: (.*)\n\n/.exec(text)![1]!) as ConsoleView;
    expect(view.session.id).toBe(sessionId);
    expect(view.session.checksRun).toBe(2);
  });

  it('reveals hints with the run’s names, and asks for confirmation before showing the solution', async () => {
    if (!site) return;
    const hint = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'hint', taskId: 'turn-on-versioning' });
    expect(hint.data.view.hints['turn-on-versioning']).toEqual([{ level: 1, name: 'nudge', text: expect.stringContaining('version') }]);
    const unknownTask = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'hint', taskId: 'nope' });
    expect(unknownTask.status).toBe(400);
    expect(unknownTask.data.message).toMatch(/"nope" is not a task.*close-public-access/);
    const unconfirmed = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'solve' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data).toMatchObject({ __type: 'ValidationException', message: expect.stringMatching(/^confirm: .*assisted/) });
    const solved = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'solve', taskId: 'require-tls', confirm: true });
    expect(solved.status).toBe(200);
    expect(solved.data.view.session.assisted).toBe(true);
  });

  it('answers bad input with AWS-style errors', async () => {
    if (!site) return;
    const notJson = await learner.call(`/api/lab-sessions/${sessionId}/actions`, '{oops');
    expect(notJson).toMatchObject({ status: 400, data: { __type: 'ValidationException', message: expect.stringMatching(/not valid JSON/) } });
    const unknown = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'explode' });
    expect(unknown.data.message).toBe('action: "explode" is not an action; use one of check, hint, solve, reset, teardown, retry, answer.');
    const extra = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'check', force: true });
    expect(extra.status).toBe(400);
    const wrongType = await fetch(`${site.url}/api/lab-sessions/${sessionId}/actions`, { method: 'POST', headers: { cookie: learner.cookie, 'content-type': 'application/xml' }, body: '<check/>' });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { message: string }).message).toMatch(/application\/json/);
  });

  it('hides a learner’s session from everyone else', async () => {
    if (!site) return;
    const stranger = new Browser();
    const noCookie = await stranger.call(`/api/lab-sessions/${sessionId}`);
    expect(noCookie.status).toBe(404);
    await stranger.call(`/api/labs/${labId}/session`, {}); // becomes a learner with a session of their own
    const other = await stranger.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'teardown' });
    expect(other.status).toBe(404);
    const theirs = await stranger.call(`/api/labs/${labId}/session`);
    expect(theirs.data.view.session.id).not.toBe(sessionId);
    await stranger.call(`/api/lab-sessions/${theirs.data.view.session.id}/actions`, { action: 'teardown' });
  });

  it('records lessons read, and exports and imports the progress profile as JSON', async () => {
    if (!site) return;
    const read = await learner.call('/api/progress/lessons/least-privilege-for-ml-artifacts/read', {});
    expect(read.data.lessonsRead).toEqual([{ lessonId: 'least-privilege-for-ml-artifacts', readAt: expect.any(String) }]);
    expect((await learner.call('/api/progress/lessons/no-such-lesson/read', {})).status).toBe(404);
    const exported = await learner.call('/api/progress/export');
    expect(exported.headers.get('content-disposition')).toContain('mlsec-progress.json');
    expect(exported.data).toMatchObject({ format: 'mlsec-progress', version: 1, labs: [{ labId, result: 'attempted', sessions: 1 }], exams: { sessions: [] } });
    const elsewhere = new Browser();
    const imported = await elsewhere.call('/api/progress/import', { ...exported.data, lessonsRead: [...exported.data.lessonsRead, { lessonId: 'gone-lesson', readAt: '2026-01-01T00:00:00.000Z' }] });
    expect(imported.data).toEqual({ imported: { lessons: 1, labs: 1, exams: 0 }, ignored: ['lesson gone-lesson'], inProgress: 0 });
    const again = await elsewhere.call('/api/progress/import', exported.data);
    expect(again.data.imported).toEqual({ lessons: 0, labs: 0, exams: 0 });
    const theirs = await elsewhere.call('/api/progress/export');
    expect(theirs.data.lessonsRead.map((r: { lessonId: string }) => r.lessonId)).toEqual(['least-privilege-for-ml-artifacts']);
    expect(theirs.data.labs).toEqual([expect.objectContaining({ labId, result: 'attempted', imported: true })]);
    const wrong = await elsewhere.call('/api/progress/import', { format: 'something-else' });
    expect(wrong.status).toBe(400);
    expect(wrong.data.message).toMatch(/format: must be "mlsec-progress"/);
  });

  it('resumes the session after the server restarts, then tears it down', async () => {
    if (!site) return;
    await site.restart();
    const { data } = await learner.call(`/api/labs/${labId}/session`);
    const view = data.view as ConsoleView;
    expect(view.session).toMatchObject({ id: sessionId, state: 'ready', assisted: true });
    expect(view.session.tasks.find((t) => t.id === 'turn-on-versioning')!.status).toBe('pass');
    const page = await (await fetch(`${site.url}/labs/${labId}`, { headers: { cookie: learner.cookie } })).text();
    expect(page).toContain(sessionId);
    const down = await learner.call(`/api/lab-sessions/${sessionId}/actions`, { action: 'teardown' });
    expect(down.data.view.session.state).toBe('done');
    const terminal = await learner.call(`/api/lab-sessions/${sessionId}/terminal/run`, { line: 'aws s3api list-buckets' });
    expect(terminal).toMatchObject({ status: 409, data: { __type: 'ConflictException', message: expect.stringMatching(/ended/) } });
  });
});
