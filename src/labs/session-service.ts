/**
 * Runs lab sessions: restores a session's machine from the store, provides the real runner actors,
 * sends one event, persists every transition (so a crash loses nothing that happened), and hands
 * back the resting state. Used by the CLI today and by the web app's server endpoints later.
 *
 * Concurrency: a process acting on a session holds a lease (pid, host, heartbeat) in the record,
 * and every write names the version it read. A lease whose process is gone does not block; a
 * session left in a working state by a dead process is recovered into a failure state with the
 * teardown it owes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createActor, fromPromise, waitFor, type SnapshotFrom } from 'xstate';
import { createAwsClients, type AwsClients, type ClientOptions, type Target, type TargetDescription } from '../aws/index.ts';
import type { LoadedLab } from './catalog.ts';
import { newRunId } from './naming.ts';
import * as runner from './runner.ts';
import { interruptedFailure, isInFlight, labSessionMachine, type SessionEvent } from './session-machine.ts';
import type { LabSessionStore, SessionLease, SessionRecord } from './session-store.ts';

export type ProgressListener = (progress: runner.Progress) => void;

export interface SessionServiceOptions {
  store: LabSessionStore;
  loadLab: (id: string) => Promise<LoadedLab>;
  /** The target of the current environment; opened lazily, once. */
  openTarget: () => Promise<Target>;
  /** `local` for the CLI. */
  owner?: string;
  /** Sessions untouched this long are torn down by `sweep()` (default 24 h, MLSEC_ABANDON_AFTER_HOURS). */
  abandonAfterMinutes?: number;
  clientOptions?: ClientOptions;
}

export class SessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionError';
  }
}

/** Another live process is working on the session. */
export class SessionBusyError extends SessionError {
  constructor(record: SessionRecord) {
    const where = record.lease?.pid === process.pid && record.lease.host === hostname() ? 'in another request' : `in another process (pid ${record.lease?.pid} on ${record.lease?.host})`;
    super(`Session ${record.id} is busy (${record.state}) ${where}. Wait for it to finish, then try again.`);
    this.name = 'SessionBusyError';
  }
}

const heartbeatMs = 5_000;
const leaseStaleMs = 60_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Tokens of the leases this process holds right now (one per `send` in progress). */
const heldLeases = new Set<string>();

/**
 * Whether someone is working on the session: this process (a `send` in progress here), another
 * process on this host (it is still running), or a process elsewhere — another app instance on the
 * shared database — that renewed the lease within the last minute. A lease left by a process that is
 * gone expires, so a crashed instance never blocks a session for long.
 */
export function leaseAlive(lease: SessionLease | undefined, now = Date.now()): boolean {
  if (!lease) return false;
  if (lease.host === hostname() && lease.pid === process.pid) return heldLeases.has(lease.token);
  if (lease.host === hostname()) return pidAlive(lease.pid);
  return now - Date.parse(lease.heartbeatAt) < leaseStaleMs;
}

/** Whether a session created on `stored` can be continued with the environment's `current` target. */
export function sameTarget(stored: TargetDescription, current: TargetDescription): boolean {
  if (stored.kind !== current.kind || stored.region !== current.region) return false;
  // An in-process emulator gets a new port each time; its data directory, not its port, identifies it.
  if (stored.kind === 'embedded') return true;
  return (stored.endpoint ?? '') === (current.endpoint ?? '');
}

export class LabSessionService {
  readonly owner: string;
  #options: SessionServiceOptions;
  #target?: Promise<Target>;
  #clients?: AwsClients;

  constructor(options: SessionServiceOptions) {
    this.#options = options;
    this.owner = options.owner ?? 'local';
  }

  get store(): LabSessionStore {
    return this.#options.store;
  }

  async target(): Promise<Target> {
    this.#target ??= this.#options.openTarget();
    return this.#target;
  }

  async clients(): Promise<AwsClients> {
    this.#clients ??= createAwsClients(await this.target(), this.#options.clientOptions);
    return this.#clients;
  }

  /** Closes the target (stops an in-process emulator) and the SDK clients. */
  async close(): Promise<void> {
    this.#clients?.destroy();
    if (this.#target) await (await this.#target).close();
  }

  /** The owner's sessions, newest first. */
  list(filter: { active?: boolean; labId?: string } = {}): Promise<SessionRecord[]> {
    return this.store.list({ owner: this.owner, ...filter });
  }

  /** The owner's most recent active session, if any. */
  async current(): Promise<SessionRecord | undefined> {
    return (await this.list({ active: true }))[0];
  }

  async get(id: string): Promise<SessionRecord> {
    const record = await this.store.get(id);
    if (!record || record.owner !== this.owner) throw new SessionError(`There is no session ${id}. See your sessions with \`npm run lab -- status --all\`.`);
    return record;
  }

  /** Creates a session for `labId` and provisions it. */
  async start(labId: string, onProgress?: ProgressListener): Promise<SessionRecord> {
    const lab = await this.#options.loadLab(labId);
    const already = (existing: SessionRecord) =>
      new SessionError(`You already have a session of ${labId} (${existing.id}, ${existing.state}). Continue it, or end it with \`npm run lab -- teardown\` before starting again.`);
    const existing = (await this.list({ active: true, labId }))[0];
    if (existing) throw already(existing);
    const target = await this.target();
    const def = lab.definition;
    const runId = newRunId();
    const initial = createActor(labSessionMachine, {
      input: {
        sessionId: `ls-${randomUUID()}`,
        labId,
        runId,
        target: target.description,
        taskIds: def.tasks.map((t) => t.id),
        timeLimitMinutes: def.timeLimitMinutes ?? Math.max(60, def.estimatedMinutes * 3),
      },
    }).getSnapshot();
    const at = new Date().toISOString();
    const record: SessionRecord = {
      id: initial.context.sessionId,
      labId,
      owner: this.owner,
      runId,
      target: target.description,
      state: 'idle',
      context: initial.context,
      active: true,
      version: 0,
      createdAt: at,
      updatedAt: at,
    };
    // Checked again atomically: another request (or app instance) may have started one meanwhile.
    const raced = await this.store.insertUnlessActive(record);
    if (raced) throw already(raced);
    await this.store.appendEvent(record.id, 'created', { labId, runId, target: target.description.label });
    return this.send(record.id, { type: 'learner.start' }, onProgress);
  }

  /**
   * Sends one event to a session and waits until it rests again. Events the session cannot take in
   * its state are refused with a sentence saying why and what to do.
   */
  async send(sessionId: string, event: SessionEvent, onProgress?: ProgressListener): Promise<SessionRecord> {
    let record = await this.#recover(await this.get(sessionId));
    if (record.state === 'done') throw new SessionError(`Session ${record.id} has ended (${record.context.endReason ?? 'done'}). Start a new one with \`npm run lab -- start ${record.labId}\`.`);
    const target = await this.target();
    if (!sameTarget(record.target, target.description)) {
      throw new SessionError(
        `Session ${record.id} runs on ${record.target.label}, but this environment points at ${target.description.label}. Set MLSEC_TARGET/MLSEC_ENDPOINT/MLSEC_REGION back to reach it.`,
      );
    }
    const lab = await this.#options.loadLab(record.labId);
    const aws = await this.clients();
    const rt: runner.LabRuntime = { lab: lab.definition, aws, target };
    const machine = this.#machineFor(rt, onProgress);
    const snapshot = machine.resolveState({ value: record.state as never, context: record.context });
    const c = record.context;
    // The input only matters for a fresh machine; a restored snapshot carries its own context.
    const actor = createActor(machine, { snapshot, input: { sessionId: c.sessionId, labId: c.labId, runId: c.runId, target: c.target, taskIds: c.taskIds, timeLimitMinutes: c.timeLimitMinutes } });
    if (!snapshot.can(event as never)) throw new SessionError(refusal(record, event));

    const lease: SessionLease = { pid: process.pid, host: hostname(), token: randomUUID(), heartbeatAt: new Date().toISOString() };
    // Taking the lease is a versioned write: of two processes that read the session at the same
    // time, one gets it and the other a SessionConflictError.
    heldLeases.add(lease.token);
    try {
      record = await this.#write(record, { lease });
    } catch (error) {
      heldLeases.delete(lease.token);
      throw error;
    }

    // Persist every transition in order; a crash leaves the last one on disk.
    let writes = Promise.resolve();
    let latest: SnapshotFrom<typeof machine> = snapshot;
    let writeError: unknown;
    const persist = (s: SnapshotFrom<typeof machine>, keepLease: boolean) => {
      writes = writes
        .then(async () => {
          record = await this.#write(record, { state: String(s.value), context: s.context, lease: keepLease ? { ...lease, heartbeatAt: new Date().toISOString() } : undefined });
        })
        .catch((error: unknown) => void (writeError ??= error));
    };
    const subscription = actor.subscribe((s) => {
      latest = s;
      persist(s, true);
    });
    const heartbeat = setInterval(() => persist(latest, true), heartbeatMs);
    heartbeat.unref();
    try {
      try {
        actor.start();
        actor.send(event as never);
        await waitFor(actor, (s) => !isInFlight(String(s.value)), { timeout: Infinity });
      } finally {
        clearInterval(heartbeat);
        subscription.unsubscribe();
        actor.stop();
      }
      persist(latest, false);
      await writes;
    } finally {
      // A lease this process no longer works under is dead even if its release was not written.
      heldLeases.delete(lease.token);
    }
    if (writeError) throw writeError;
    await this.store.appendEvent(record.id, event.type, eventDetail(event, record));
    return record;
  }

  /** Tears down sessions past their time limit, and sessions untouched for too long. */
  async sweep(now = Date.now()): Promise<{ id: string; reason: 'time-limit' | 'abandoned'; outcome: string }[]> {
    const abandonMinutes = this.#options.abandonAfterMinutes ?? Number(process.env.MLSEC_ABANDON_AFTER_HOURS ?? 24) * 60;
    const results: { id: string; reason: 'time-limit' | 'abandoned'; outcome: string }[] = [];
    let target: TargetDescription | undefined;
    for (const record of await this.list({ active: true })) {
      const expired = record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now;
      const abandoned = now - Date.parse(record.updatedAt) > abandonMinutes * 60_000;
      if (!expired && !abandoned) continue;
      if (isInFlight(record.state) && leaseAlive(record.lease, now)) continue;
      target ??= (await this.target()).description;
      if (!sameTarget(record.target, target)) continue;
      const reason = expired ? 'time-limit' : 'abandoned';
      try {
        const after = await this.send(record.id, { type: 'timer.expired', reason });
        results.push({ id: record.id, reason, outcome: after.state });
      } catch (error) {
        results.push({ id: record.id, reason, outcome: `not torn down: ${(error as Error).message}` });
      }
    }
    return results;
  }

  /** Turns a session left in a working state by a dead process into a recoverable one. */
  async #recover(record: SessionRecord): Promise<SessionRecord> {
    if (leaseAlive(record.lease)) throw new SessionBusyError(record);
    if (!isInFlight(record.state)) return record;
    const recovered = interruptedFailure(record.state);
    const context = { ...record.context, progress: undefined, failure: recovered.failure ?? record.context.failure, lastError: recovered.lastError ?? record.context.lastError };
    const next = await this.#write(record, { state: recovered.state, context, lease: undefined });
    await this.store.appendEvent(record.id, 'recovered', { from: record.state, to: recovered.state });
    return next;
  }

  async #write(record: SessionRecord, change: Partial<Pick<SessionRecord, 'state' | 'context' | 'lease'>>): Promise<SessionRecord> {
    const context = change.context ?? record.context;
    const state = change.state ?? record.state;
    const next: SessionRecord = {
      ...record,
      ...change,
      context,
      state,
      runId: context.runId,
      active: state !== 'done',
      expiresAt: context.expiresAt,
      lease: 'lease' in change ? change.lease : record.lease,
    };
    return this.store.update(next, record.version);
  }

  #machineFor(rt: runner.LabRuntime, onProgress?: ProgressListener) {
    return labSessionMachine.provide({
      actors: {
        preflight: fromPromise(async () => runner.preflight(rt)),
        provision: fromPromise(async ({ input }) =>
          runner.provision(rt, input.runId, (p) => {
            input.report(p);
            onProgress?.(p);
          }),
        ),
        grade: fromPromise(async ({ input }) => runner.grade(rt, input)),
        solve: fromPromise(async ({ input }) => runner.solve(rt, input, input.taskId)),
        teardown: fromPromise(async ({ input }) =>
          runner.teardown(rt, input, (p) => {
            input.report(p);
            onProgress?.(p);
          }),
        ),
      },
    });
  }
}

function refusal(record: SessionRecord, event: SessionEvent): string {
  const failure = record.context.failure;
  switch (record.state) {
    case 'failed':
      return `The lab environment is not usable: ${failure?.phase} failed (${failure?.message}). ${failure?.teardownPending ? 'Run `npm run lab -- retry` or `npm run lab -- teardown`.' : 'Run `npm run lab -- retry`, or `npm run lab -- teardown` to end the session.'}`;
    case 'idle':
      return 'The session has not been started yet.';
    default:
      if (event.type === 'learner.solve' && record.state === 'passed') return 'Every task already passes; there is nothing to solve.';
      if (event.type === 'learner.retry') return `There is nothing to retry: the session is ${record.state}.`;
      if (event.type === 'learner.hint') return `No more hints for that task: all three levels are revealed (or the task does not exist).`;
      return `A session in state "${record.state}" cannot take ${event.type}.`;
  }
}

function eventDetail(event: SessionEvent, record: SessionRecord): Record<string, unknown> {
  const detail: Record<string, unknown> = { state: record.state };
  if (event.type === 'learner.hint') detail.taskId = event.taskId, (detail.level = record.context.hints[event.taskId]);
  if (event.type === 'learner.answer') detail.questionId = event.questionId;
  if (event.type === 'learner.check' || event.type === 'learner.solve') detail.passed = record.context.lastGrade?.passed, (detail.counts = record.context.lastGrade?.counts);
  if (record.context.failure) detail.failure = record.context.failure.message;
  return detail;
}
