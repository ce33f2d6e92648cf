/**
 * The session machine, headless: example tests with fake actors (`.provide`), and model-based path
 * tests from XState's graph utilities — every shortest path to every state is replayed on a live
 * actor (rebuilt from its stored JSON at every resting step, as after a reload or restart), and
 * graph-wide invariants (no dead ends, no way to finish without tearing down what was created, an
 * interrupted step always recovered into a known state that still owes its teardown) are checked
 * on the whole state graph.
 */
import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, waitFor, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import type { GradeResult } from './grading.ts';
import type { Progress, ProvisionResult, TeardownReport } from './runner.ts';
import { interruptedFailure, isInFlight, labSessionMachine, type PreflightOutput, type SessionEvent, type SessionInput } from './session-machine.ts';

const input: SessionInput = {
  sessionId: 's-1',
  labId: 'demo-lab',
  runId: 'aaaaaaa1',
  target: { kind: 'endpoint', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', label: 'test endpoint' },
  taskIds: ['t1', 't2'],
  timeLimitMinutes: 60,
};

const preflightOutput: PreflightOutput = {
  identity: { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root', userId: 'x', region: 'us-east-1', partition: 'aws' },
  capabilities: { available: true, method: 'calls', missing: [], notProbed: [] },
};
const provisioned: ProvisionResult = { facts: { keyArn: 'arn:k' }, undo: [] };
const grade = (passed: boolean): GradeResult => ({ at: 'now', passed, durationMs: 1, counts: { pass: passed ? 2 : 0, fail: passed ? 0 : 2, unknown: 0 }, tasks: [] });
const torn: TeardownReport = { deleted: [], restored: [], remaining: [], errors: [] };

type Outcome<T> = T | Error;
interface Script {
  preflight?: Outcome<PreflightOutput>;
  provision?: Outcome<ProvisionResult>;
  grade?: Outcome<GradeResult>[];
  teardown?: Outcome<TeardownReport>[];
  solve?: Outcome<{ answers: Record<string, string>; applied: string[] }>;
  progress?: Progress[];
}

/** A machine whose actors answer from a script, immediately. */
function scripted(script: Script) {
  const grades = [...(script.grade ?? [grade(false)])];
  const teardowns = [...(script.teardown ?? [torn])];
  const answer = <T,>(value: Outcome<T> | undefined, fallback: T): Promise<T> => (value instanceof Error ? Promise.reject(value) : Promise.resolve(value ?? fallback));
  let runs = 0;
  return labSessionMachine.provide({
    actors: {
      preflight: fromPromise(async () => answer(script.preflight, preflightOutput)),
      provision: fromPromise(async ({ input: i }) => {
        for (const p of script.progress ?? []) i.report(p);
        return answer(script.provision, provisioned);
      }),
      grade: fromPromise(async () => answer(grades.length > 1 ? grades.shift() : grades[0], grade(false))),
      solve: fromPromise(async () => answer(script.solve, { answers: { q1: 'AKIA' }, applied: ['x'] })),
      teardown: fromPromise(async () => answer(teardowns.length > 1 ? teardowns.shift() : teardowns[0], torn)),
    },
    actions: { startNewRun: assign(({ context }) => ({ runId: `bbbbbbb${++runs}`, runs: [...context.runs, `bbbbbbb${runs}`], answers: {}, lastGrade: undefined })) },
  });
}

const resting = (s: SnapshotFrom<typeof labSessionMachine>) => ['idle', 'ready', 'passed', 'failed', 'done'].includes(String(s.value));

async function run(script: Script, events: SessionEvent[]) {
  const actor = createActor(scripted(script), { input }).start();
  for (const event of events) {
    actor.send(event);
    await waitFor(actor, resting);
  }
  return actor;
}

describe('lab session machine (examples)', () => {
  it('goes from start through a failing and a passing check to a torn-down end', async () => {
    const actor = await run({ grade: [grade(false), grade(true)] }, [{ type: 'learner.start' }]);
    expect(actor.getSnapshot().value).toBe('ready');
    expect(actor.getSnapshot().context.facts).toEqual({ keyArn: 'arn:k' });
    expect(actor.getSnapshot().context.expiresAt).toBeDefined();
    actor.send({ type: 'learner.check' });
    await waitFor(actor, resting);
    expect(actor.getSnapshot().value).toBe('ready');
    expect(actor.getSnapshot().context.lastGrade?.passed).toBe(false);
    actor.send({ type: 'learner.check' });
    await waitFor(actor, resting);
    expect(actor.getSnapshot().value).toBe('passed');
    expect(actor.getSnapshot().context.checksRun).toBe(2);
    actor.send({ type: 'learner.teardown' });
    await waitFor(actor, (s) => s.status === 'done');
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.endReason).toBe('learner');
  });

  it('counts hints per task and stops after the third level', async () => {
    const actor = await run({}, [{ type: 'learner.start' }]);
    for (let i = 0; i < 5; i++) actor.send({ type: 'learner.hint', taskId: 't1' });
    actor.send({ type: 'learner.hint', taskId: 'nope' });
    actor.send({ type: 'learner.hint', taskId: 't2' });
    expect(actor.getSnapshot().context.hints).toEqual({ t1: 3, t2: 1 });
    expect(actor.getSnapshot().context.hintsRevealed).toBe(4);
  });

  it('marks a run assisted when the reference solution is applied, and records its answers', async () => {
    const actor = await run({ grade: [grade(true)] }, [{ type: 'learner.start' }, { type: 'learner.solve' }]);
    expect(actor.getSnapshot().value).toBe('passed');
    expect(actor.getSnapshot().context.assisted).toBe(true);
    expect(actor.getSnapshot().context.answers).toEqual({ q1: 'AKIA' });
  });

  it('keeps answers the learner records', async () => {
    const actor = await run({}, [{ type: 'learner.start' }]);
    actor.send({ type: 'learner.answer', questionId: 'who', answer: '  AKIAEXAMPLE  ' });
    expect(actor.getSnapshot().context.answers).toEqual({ who: 'AKIAEXAMPLE' });
  });

  it('fails preflight without owing a teardown; teardown then ends it at once', async () => {
    const actor = await run({ preflight: new Error('capability missing') }, [{ type: 'learner.start' }]);
    const s = actor.getSnapshot();
    expect(s.value).toBe('failed');
    expect(s.context.failure).toMatchObject({ phase: 'preflight', teardownPending: false, message: 'capability missing' });
    actor.send({ type: 'learner.teardown' });
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.endReason).toBe('nothing-created');
  });

  it('keeps facts and undo records reported before provisioning failed, and owes a teardown', async () => {
    const progress: Progress[] = [
      { phase: 'provisioning', step: 1, total: 3, title: 'a' },
      { phase: 'provisioning', step: 1, total: 3, title: 'a', facts: { keyArn: 'arn:k' }, undo: [{ kind: 's3:account-public-access-block', previous: null }] },
    ];
    const actor = await run({ provision: new Error('connect ECONNREFUSED'), progress }, [{ type: 'learner.start' }]);
    const s = actor.getSnapshot();
    expect(s.value).toBe('failed');
    expect(s.context.failure).toMatchObject({ phase: 'provisioning', teardownPending: true });
    expect(s.context.facts).toEqual({ keyArn: 'arn:k' });
    expect(s.context.undo).toHaveLength(1);
    actor.send({ type: 'learner.teardown' });
    await waitFor(actor, resting);
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.undo).toEqual([]);
  });

  it('retries a failed teardown until it succeeds', async () => {
    const actor = await run({ teardown: [new Error('target gone'), torn] }, [{ type: 'learner.start' }, { type: 'learner.teardown' }]);
    expect(actor.getSnapshot().context.failure).toMatchObject({ phase: 'teardown', teardownPending: true });
    actor.send({ type: 'learner.retry' });
    await waitFor(actor, resting);
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('resets by tearing the run down and building a new one under a new run id', async () => {
    const actor = await run({}, [{ type: 'learner.start' }, { type: 'learner.check' }, { type: 'learner.reset' }]);
    const s = actor.getSnapshot();
    expect(s.value).toBe('ready');
    expect(s.context.runId).toBe('bbbbbbb1');
    expect(s.context.runs).toEqual(['aaaaaaa1', 'bbbbbbb1']);
    expect(s.context.lastGrade).toBeUndefined();
  });

  it('tears down when the time limit expires', async () => {
    const actor = await run({}, [{ type: 'learner.start' }, { type: 'timer.expired', reason: 'time-limit' }]);
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.endReason).toBe('time-limit');
  });

  it('goes back to ready with the error when a check cannot run', async () => {
    const actor = await run({ grade: [new Error('boom')] }, [{ type: 'learner.start' }, { type: 'learner.check' }]);
    expect(actor.getSnapshot().value).toBe('ready');
    expect(actor.getSnapshot().context.lastError).toBe('boom');
  });

  it('maps interrupted in-flight states to recoverable ones', () => {
    expect(interruptedFailure('provisioning')).toMatchObject({ state: 'failed', failure: { phase: 'provisioning', teardownPending: true } });
    expect(interruptedFailure('tearingDown')).toMatchObject({ state: 'failed', failure: { phase: 'teardown', teardownPending: true } });
    expect(interruptedFailure('preflight')).toMatchObject({ state: 'failed', failure: { teardownPending: false } });
    expect(interruptedFailure('checking')).toMatchObject({ state: 'ready' });
  });
});

// ------------------------------------------------------------------------------------------ model

type Ev = SessionEvent | { type: string; output?: unknown; error?: unknown };

const modelEvents: Ev[] = [
  { type: 'learner.start' },
  { type: 'learner.check' },
  { type: 'learner.hint', taskId: 't1' },
  { type: 'learner.solve' },
  { type: 'learner.reset' },
  { type: 'learner.teardown' },
  { type: 'learner.retry' },
  { type: 'timer.expired', reason: 'time-limit' },
  { type: 'xstate.done.actor.preflight', output: preflightOutput },
  { type: 'xstate.error.actor.preflight', error: new Error('unavailable') },
  { type: 'xstate.done.actor.provision', output: provisioned },
  { type: 'xstate.error.actor.provision', error: new Error('ECONNREFUSED') },
  { type: 'xstate.done.actor.grade', output: grade(true) },
  { type: 'xstate.done.actor.grade', output: grade(false) },
  { type: 'xstate.error.actor.grade', error: new Error('grade failed') },
  { type: 'xstate.done.actor.solve', output: { answers: {}, applied: [] } },
  { type: 'xstate.error.actor.solve', error: new Error('solve failed') },
  { type: 'xstate.done.actor.teardown', output: torn },
  { type: 'xstate.error.actor.teardown', error: new Error('teardown failed') },
];

type Snap = SnapshotFrom<typeof labSessionMachine>;
const serialize = (s: Snap) =>
  JSON.stringify({ v: s.value, phase: s.context.failure?.phase ?? null, pending: s.context.failure?.teardownPending ?? null, hints: s.context.hints.t1 ?? 0 });

/** Actors that wait until the replay tells them how to finish. */
function controllable() {
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const make = (name: string) =>
    fromPromise<never, unknown>(
      () =>
        new Promise<never>((resolve, reject) => {
          pending.set(name, { resolve: resolve as (v: unknown) => void, reject });
        }),
    );
  const machine = labSessionMachine.provide({
    actors: { preflight: make('preflight'), provision: make('provision'), grade: make('grade'), solve: make('solve'), teardown: make('teardown') } as never,
    actions: { startNewRun: assign(({ context }) => ({ runId: 'cccccccc', runs: [...context.runs, 'cccccccc'], answers: {}, lastGrade: undefined })) },
  });
  return { machine, pending };
}

describe('lab session machine (model-based paths)', () => {
  // TestModel refuses machines with invocations, so the graph functions are used directly; the
  // invoked actors' completions are modelled as the done/error events they produce.
  const options = { events: modelEvents as SessionEvent[], serializeState: serialize, input } as never;
  type Adjacency = Record<string, { state: Snap; transitions: Record<string, { event: { type: string }; state: Snap }> }>;
  const adjacency = getAdjacencyMap(labSessionMachine, options) as unknown as Adjacency;
  const vertices = Object.keys(adjacency);
  const valueOf = (key: string) => (JSON.parse(key) as { v: string }).v;

  it('reaches every state of the machine', () => {
    const reached = new Set(vertices.map(valueOf));
    for (const state of ['idle', 'preflight', 'provisioning', 'ready', 'checking', 'solving', 'passed', 'resetting', 'tearingDown', 'failed', 'done']) {
      expect(reached, `state ${state} is unreachable`).toContain(state);
    }
  });

  const successors = (key: string, skip: (eventType: string) => boolean = () => false) =>
    Object.values(adjacency[key]!.transitions)
      .filter((t) => !skip(t.event.type))
      .map((t) => serialize(t.state));

  const canReach = (from: string, goal: (key: string) => boolean, skip?: (eventType: string) => boolean) => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length) {
      const key = queue.shift()!;
      if (goal(key)) return true;
      for (const next of successors(key, skip)) if (!seen.has(next)) seen.add(next), queue.push(next);
    }
    return false;
  };

  it('has no dead ends: every state can still reach done', () => {
    for (const key of vertices) expect(canReach(key, (k) => valueOf(k) === 'done'), `stuck in ${key}`).toBe(true);
  });

  it('cannot finish without a successful teardown once resources may exist', () => {
    const mayHaveResources = (key: string) => {
      const { v, pending } = JSON.parse(key) as { v: string; pending: boolean | null };
      return ['provisioning', 'ready', 'checking', 'solving', 'passed', 'resetting', 'tearingDown'].includes(v) || (v === 'failed' && pending === true);
    };
    for (const key of vertices.filter(mayHaveResources)) {
      expect(canReach(key, (k) => valueOf(k) === 'done', (type) => type === 'xstate.done.actor.teardown'), `${key} can end without teardown`).toBe(false);
    }
  });

  it('leaves every working state on success and on error', () => {
    for (const key of vertices) {
      const v = valueOf(key);
      const src = { preflight: 'preflight', provisioning: 'provision', checking: 'grade', solving: 'solve', resetting: 'teardown', tearingDown: 'teardown' }[v];
      if (!src) continue;
      const types = Object.values(adjacency[key]!.transitions).map((t) => t.event.type);
      expect(types, `${v} has no onDone`).toContain(`xstate.done.actor.${src}`);
      expect(types, `${v} has no onError`).toContain(`xstate.error.actor.${src}`);
    }
  });

  const paths = getShortestPaths(labSessionMachine, options);

  it('generates a path to every distinct state', () => {
    expect(paths.length).toBe(vertices.length);
  });

  it('maps every interrupted working state to one the machine knows, owing a teardown whenever resources may exist', () => {
    // What the session service does when the process running a step died: the state it stores must
    // be a real vertex of the graph, so every invariant above holds for it too.
    for (const key of vertices.filter((k) => isInFlight(valueOf(k)))) {
      const { v, hints } = JSON.parse(key) as { v: string; hints: number };
      const mapped = interruptedFailure(v);
      const mappedKey = JSON.stringify({ v: mapped.state, phase: mapped.failure?.phase ?? null, pending: mapped.failure?.teardownPending ?? null, hints });
      expect(vertices, `${v} is recovered as ${mappedKey}, which the machine never reaches`).toContain(mappedKey);
      if (['provisioning', 'resetting', 'tearingDown'].includes(v)) expect(mapped.failure?.teardownPending, `${v} loses its teardown`).toBe(true);
      if (['checking', 'solving'].includes(v)) expect(mapped.state).toBe('ready');
    }
  });

  for (const path of paths) {
    it(`replays on a live actor, restored from storage at every rest: ${path.steps.map((s) => s.event.type.replace('xstate.', '')).join(' → ') || '(initial)'}`, async () => {
      const { machine, pending } = controllable();
      let actor = createActor(machine, { input }).start();
      for (const step of path.steps) {
        const event = step.event as Ev;
        const match = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type);
        if (match) {
          const waiting = pending.get(match[2]!);
          expect(waiting, `${match[2]} is not running before ${event.type}`).toBeDefined();
          pending.delete(match[2]!);
          const completion = event as { output?: unknown; error?: unknown };
          if (match[1] === 'done') waiting!.resolve(completion.output);
          else waiting!.reject(completion.error);
        } else {
          actor.send(event as SessionEvent);
        }
        await new Promise((r) => setTimeout(r, 0));
        expect(serialize(actor.getSnapshot())).toBe(serialize(step.state as Snap));
        // A page reload or server restart: resting states are rebuilt from what the store keeps
        // (the state value and the JSON context), and the path goes on from there.
        const snap = actor.getSnapshot();
        if (!isInFlight(String(snap.value))) {
          actor.stop();
          const stored = JSON.parse(JSON.stringify({ value: snap.value, context: snap.context })) as { value: string; context: Snap['context'] };
          actor = createActor(machine, { snapshot: machine.resolveState({ value: stored.value as never, context: stored.context }), input }).start();
          expect(serialize(actor.getSnapshot())).toBe(serialize(step.state as Snap));
        }
      }
      actor.stop();
    });
  }
});
