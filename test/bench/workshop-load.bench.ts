/**
 * `npm run bench -- workshop`: 100 simulated learners in one workshop against one real server on
 * this machine. The built app runs as `npm start` runs it (site + embedded emulator in one process,
 * its own data directory); an instructor (created with the instructor CLI) signs in, creates the
 * workshop and follows its live dashboard stream; every learner — its own cookie jar, real HTTP,
 * CSRF tokens — joins, then all at once loop through start / check / hint / teardown of a lab.
 * In every round each learner also tries to reach a neighbour: read their lab session, act on it,
 * run a command in their terminal, and read the policy of / tag their bucket through its own
 * terminal. Any success is a cross-tenant violation.
 * Prints p50/p95 per action, errors, peak server RSS (sampled every 250 ms) and violations.
 *
 * Knobs: MLSEC_BENCH_WORKSHOP_LEARNERS (100), MLSEC_BENCH_WORKSHOP_ROUNDS (3),
 * MLSEC_BENCH_WORKSHOP_LAB (exposed-training-data-bucket), MLSEC_BENCH_WORKSHOP_EMULATOR
 * (`in-process`, as `npm start`; or `separate`: the emulator as its own process, the app attached).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { goalRow, percentile, type Benchmark, type BenchRow } from './harness.ts';
import { BrowserClient, errorText, type Answer } from './workshop-load/http-client.ts';
import { ensureBuilt, projectRoot, sampleRss, startBenchServer, type BenchServer } from './workshop-load/server.ts';

const learnerCount = Number(process.env.MLSEC_BENCH_WORKSHOP_LEARNERS ?? 100);
const rounds = Number(process.env.MLSEC_BENCH_WORKSHOP_ROUNDS ?? 3);
const labId = process.env.MLSEC_BENCH_WORKSHOP_LAB ?? 'exposed-training-data-bucket';
const emulatorMode = process.env.MLSEC_BENCH_WORKSHOP_EMULATOR ?? 'in-process';
if (emulatorMode !== 'in-process' && emulatorMode !== 'separate') throw new Error(`MLSEC_BENCH_WORKSHOP_EMULATOR="${emulatorMode}" is not valid; use in-process (default, as npm start runs) or separate.`);
const separateEmulator = emulatorMode === 'separate';
const instructor = { email: 'bench-instructor@example.com', password: 'bench-password-Long-Enough-1', displayName: 'Bench Instructor' };

const log = (line: string) => process.stderr.write(`bench workshop: ${line}\n`);

interface ViewLike {
  session: { id: string; state: string; resources: { key: string; name: string; type: string }[] };
  grade?: { counts: { pass: number; fail: number } };
}

/** What a learner's neighbour can be probed with: their latest session and bucket. */
interface Exposed {
  sessionId?: string;
  bucket?: string;
}

class Stats {
  readonly timings = new Map<string, number[]>();
  readonly errors = new Map<string, string[]>();
  violations: string[] = [];
  probes = 0;
  /** How AWS answered the terminal probes, by error code (AccessDenied expected; NoSuchBucket when the neighbour was between rounds). */
  readonly refusals = new Map<string, number>();

  time(action: string, ms: number): void {
    const list = this.timings.get(action) ?? [];
    list.push(ms);
    this.timings.set(action, list);
  }
  error(action: string, message: string): void {
    const list = this.errors.get(action) ?? [];
    list.push(message);
    this.errors.set(action, list);
  }
  get errorCount(): number {
    return [...this.errors.values()].reduce((n, l) => n + l.length, 0);
  }
}

/** The first instructor, created the way an operator does it: `npm run instructor -- create`. */
function createInstructor(server: BenchServer): void {
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/instructor.ts'), 'create', '--email', instructor.email, '--name', instructor.displayName, '--password-stdin'], {
    cwd: projectRoot,
    input: `${instructor.password}\n`,
    env: { ...process.env, MLSEC_DATA_DIR: server.dataDir },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm run instructor -- create failed (exit ${result.status}): ${result.stderr || result.stdout}`);
}

async function timed<T>(stats: Stats, action: string, run: () => Promise<Answer<T>>, expect: (a: Answer<T>) => boolean = (a) => a.ok): Promise<Answer<T> | undefined> {
  let answer: Answer<T>;
  try {
    answer = await run();
  } catch (error) {
    stats.error(action, `network: ${(error as Error).message}`);
    return undefined;
  }
  stats.time(action, answer.ms);
  if (!expect(answer)) {
    stats.error(action, errorText(answer));
    return undefined;
  }
  return answer;
}

/** One learner's rounds; `exposed` is shared so that each learner can probe its neighbour. */
async function learnerLoop(index: number, client: BrowserClient, stats: Stats, exposed: Exposed[]): Promise<void> {
  const neighbour = (index + 1) % exposed.length;
  for (let round = 0; round < rounds; round++) {
    const started = await timed<{ view: ViewLike }>(stats, 'start (provision the lab)', () => client.call('POST', `/api/labs/${labId}/session`, {}));
    const view = started?.body.view;
    if (!view) continue;
    const sessionId = view.session.id;
    const bucket = view.session.resources.find((r) => r.type.includes('Bucket') || r.key.toLowerCase().includes('bucket'))?.name;
    exposed[index] = { sessionId, bucket };

    await timed<{ view: ViewLike }>(stats, 'check', () => client.call('POST', `/api/lab-sessions/${sessionId}/actions`, { action: 'check' }));
    await timed(stats, 'hint', () => client.call('POST', `/api/lab-sessions/${sessionId}/actions`, { action: 'hint' }));

    await probeNeighbour(client, stats, sessionId, exposed[neighbour]!, `learner ${index} → learner ${neighbour}`);

    await timed(stats, 'teardown', () => client.call('POST', `/api/lab-sessions/${sessionId}/actions`, { action: 'teardown' }));
  }
}

/**
 * Tries to reach another learner's things. Session routes must answer 404 (not even "exists"); the
 * other learner's bucket, read through this learner's own terminal, must be refused by AWS.
 */
async function probeNeighbour(client: BrowserClient, stats: Stats, ownSessionId: string, other: Exposed, who: string): Promise<void> {
  if (other.sessionId) {
    for (const [what, run] of [
      ['read their lab session', () => client.call('GET', `/api/lab-sessions/${other.sessionId}`)],
      ['check their lab session', () => client.call('POST', `/api/lab-sessions/${other.sessionId}/actions`, { action: 'check' })],
      ['run a command in their terminal', () => client.call('POST', `/api/lab-sessions/${other.sessionId}/terminal/run`, { line: 'aws sts get-caller-identity', columns: 80 })],
    ] as const) {
      stats.probes++;
      const answer = await timed(stats, 'cross-tenant probe (HTTP)', run, () => true);
      if (answer && answer.status < 400) stats.violations.push(`${who}: ${what} answered HTTP ${answer.status}`);
      else if (answer && answer.status !== 404 && answer.status !== 403) stats.error('cross-tenant probe (HTTP)', `${what}: expected 404, got ${errorText(answer)}`);
    }
  }
  if (other.bucket) {
    // The lab's bucket is public on purpose (GetObject, ListBucket and PutObject for everyone, until
    // the learner fixes it), so those prove nothing. Reading its policy and changing its tags are
    // for its owner only: from another account they must be AccessDenied.
    for (const [what, line] of [
      ['read their bucket policy', `aws s3api get-bucket-policy --bucket ${other.bucket}`],
      ['tag their bucket', `aws s3api put-bucket-tagging --bucket ${other.bucket} --tagging TagSet=[{Key=probe,Value=cross-tenant}]`],
    ] as const) {
      stats.probes++;
      const answer = await timed<{ exitCode: number; stdout: string; stderr: string }>(stats, 'cross-tenant probe (terminal)', () => client.call('POST', `/api/lab-sessions/${ownSessionId}/terminal/run`, { line, columns: 120 }));
      if (answer && answer.body.exitCode === 0) stats.violations.push(`${who}: could ${what} (${other.bucket}) from its own terminal`);
      else if (answer) {
        const code = /\(([A-Za-z.]+)\)/.exec(answer.body.stderr)?.[1] ?? (answer.ok ? 'other' : `HTTP ${answer.status}`);
        stats.refusals.set(code, (stats.refusals.get(code) ?? 0) + 1);
      }
    }
  }
}

/** The instructor's dashboard stream, as the page opens it; counts the `dashboard` events. */
function followDashboard(client: BrowserClient, workshopId: string): { events(): number; stop(): void } {
  const controller = new AbortController();
  let events = 0;
  void (async () => {
    try {
      const response = await fetch(`${client.base}/api/workshops/${workshopId}/events`, { headers: { cookie: client.cookieHeader, accept: 'text/event-stream' }, signal: controller.signal });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          if (/^event: dashboard$/m.test(buffer.slice(0, cut))) events++;
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch {
      // Aborted at the end of the run.
    }
  })();
  return { events: () => events, stop: () => controller.abort() };
}

const bench: Benchmark = {
  suite: 'workshop',
  async run(): Promise<BenchRow[]> {
    ensureBuilt(log);
    log(separateEmulator ? 'starting the emulator as its own process and the built server attached to it…' : 'starting the built server with its embedded emulator…');
    const server = await startBenchServer({}, { separateEmulator });
    const memory = sampleRss([server.pid, ...(server.emulatorPid ? [server.emulatorPid] : [])]);
    const stats = new Stats();
    try {
      createInstructor(server);
      const teacher = new BrowserClient(server.url, 'instructor');
      const login = await teacher.call<{ csrfToken: string }>('POST', '/api/instructor/login', { email: instructor.email, password: instructor.password });
      if (!login.ok) throw new Error(`the instructor could not sign in: ${errorText(login)}`);
      teacher.csrfToken = login.body.csrfToken;
      const now = Date.now();
      const created = await teacher.call<{ workshop: { id: string; joinCode: string } }>('POST', '/api/workshops', {
        title: 'Load benchmark',
        labIds: [labId],
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
        maxLearners: Math.max(learnerCount, 1),
        leaderboard: true,
      });
      if (!created.ok) throw new Error(`the workshop could not be created: ${errorText(created)}`);
      const { id: workshopId, joinCode } = created.body.workshop;
      const stream = followDashboard(teacher, workshopId);

      log(`${learnerCount} learners join…`);
      const learners = Array.from({ length: learnerCount }, (_, i) => new BrowserClient(server.url, `Learner ${String(i + 1).padStart(3, '0')}`));
      await Promise.all(
        learners.map(async (learner) => {
          const joined = await timed<{ csrfToken: string }>(stats, 'join', () => learner.call('POST', '/api/workshops/join', { code: joinCode, displayName: learner.name }), (a) => a.status === 201 || a.ok);
          if (joined) learner.csrfToken = joined.body.csrfToken;
        }),
      );
      const joinedLearners = learners.filter((l) => l.csrfToken);

      log(`${joinedLearners.length} learners × ${rounds} rounds of start / check / hint / teardown on ${labId}, all at once…`);
      const started = performance.now();
      const exposed: Exposed[] = joinedLearners.map(() => ({}));
      // The instructor reloads the dashboard now and then meanwhile, as a page reload would.
      let polling = true;
      const poller = (async () => {
        while (polling) {
          await timed(stats, 'dashboard (GET, instructor)', () => teacher.call('GET', `/api/workshops/${workshopId}`));
          await new Promise((r) => setTimeout(r, 2000));
        }
      })();
      const ticker = setInterval(() => log(`${((performance.now() - started) / 1000).toFixed(0)} s: ${stats.timings.get('teardown')?.length ?? 0} of ${joinedLearners.length * rounds} rounds done, ${stats.errorCount} errors`), 15_000);
      await Promise.all(joinedLearners.map((learner, i) => learnerLoop(i, learner, stats, exposed)));
      clearInterval(ticker);
      polling = false;
      await poller;
      const seconds = (performance.now() - started) / 1000;

      log('the instructor ends the workshop (every tenant torn down)…');
      const ended = await timed<{ report: { removedCount: number; learners: { errors: string[] }[] } }>(stats, 'end workshop (teardown of all tenants)', () => teacher.call('POST', `/api/workshops/${workshopId}/end`));
      const csv = await timed<string>(stats, 'results.csv', () => teacher.call('GET', `/api/workshops/${workshopId}/results.csv`));
      stream.stop();
      memory.stop();

      const rows: BenchRow[] = [];
      const order = ['join', 'start (provision the lab)', 'check', 'hint', 'teardown', 'cross-tenant probe (HTTP)', 'cross-tenant probe (terminal)', 'dashboard (GET, instructor)', 'end workshop (teardown of all tenants)', 'results.csv'];
      for (const action of order) {
        const list = stats.timings.get(action);
        if (!list?.length) continue;
        const errs = stats.errors.get(action)?.length ?? 0;
        const note = `n=${list.length}${errs ? `, ${errs} errors` : ''}`;
        if (list.length === 1) {
          rows.push({ measure: action, value: list[0]!, unit: 'ms', note });
          continue;
        }
        rows.push({ measure: `${action} p50`, value: percentile(list, 50), unit: 'ms', note });
        rows.push({ measure: `${action} p95`, value: percentile(list, 95), unit: 'ms', note });
      }
      const roundsDone = stats.timings.get('teardown')?.length ?? 0;
      rows.push({ measure: 'rounds completed (start → check → hint → teardown)', value: roundsDone, unit: 'rounds', note: `${joinedLearners.length} learners × ${rounds} in ${seconds.toFixed(0)} s, all learners concurrently` });
      rows.push({ measure: 'throughput', value: (roundsDone * 4) / seconds, unit: 'actions/s', note: 'start, check, hint and teardown' });
      rows.push(goalRow('errors', stats.errorCount, 'count', { below: 1 }, summariseErrors(stats)));
      rows.push(goalRow('cross-tenant violations', stats.violations.length, 'count', { below: 1 }, `${stats.probes} probes (session read / action / terminal over HTTP, neighbour's bucket policy and tags from own terminal, answered ${[...stats.refusals].map(([c, n]) => `${c} ${n}`).join(', ') || 'nothing'})${stats.violations.length ? `: ${stats.violations.slice(0, 2).join('; ')}` : ''}`));
      rows.push({ measure: separateEmulator ? 'peak server RSS (site + emulator, two processes, summed)' : 'peak server RSS (site + embedded emulator, one process)', value: memory.peak(), unit: 'MB', note: 'sampled every 250 ms during the whole run' });
      rows.push({ measure: 'dashboard events received by the instructor', value: stream.events(), unit: 'events', note: 'server-sent `dashboard` events during the run' });
      if (ended) rows.push({ measure: 'resources removed when the workshop ended', value: ended.body.report.removedCount, unit: 'count', note: `${ended.body.report.learners.filter((l) => l.errors.length).length} learners with teardown errors` });
      if (csv) rows.push({ measure: 'results.csv rows', value: String(csv.body).trim().split(/\r?\n/).length - 1, unit: 'rows', note: 'one per learner × lab' });
      return rows;
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- server output (last lines) ---\n${server.output().split('\n').slice(-30).join('\n')}`);
    } finally {
      memory.stop();
      await server.stop();
    }
  },
};

function summariseErrors(stats: Stats): string | undefined {
  if (!stats.errorCount) return undefined;
  for (const [action, list] of stats.errors) log(`errors in ${action} (${list.length}): ${[...new Set(list)].slice(0, 5).join(' | ')}`);
  return [...stats.errors].map(([action, list]) => `${action}: ${list.length} (${list[0]})`).join('; ').slice(0, 300);
}

export default bench;
