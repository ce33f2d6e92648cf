/**
 * The lab session, as an XState v5 machine. It holds no I/O: preflight, provisioning, grading, the
 * reference solution and teardown are named `fromPromise` actors that the session service provides
 * (and tests replace with fakes). Its context is plain JSON, persisted after every transition.
 *
 *   idle → preflight → provisioning → ready ⇄ checking → passed
 *                                      ready → solving → checking
 *                               ready/passed → resetting → provisioning
 *                        ready/passed/failed → tearingDown → done
 *   any I/O failure → failed (with the phase, and whether teardown is still owed) → retry / teardown
 */
import { assign, fromPromise, setup } from 'xstate';
import type { CallerIdentity, CapabilityReport, TargetDescription } from '../aws/index.ts';
import type { GradeResult } from './grading.ts';
import { newRunId } from './naming.ts';
import type { UndoRecord } from './resources/undo.ts';
import type { Progress, ProgressReporter, ProvisionResult, SolveResult, TeardownReport } from './runner.ts';

export const hintLevels = ['nudge', 'where', 'command'] as const;

export type FailurePhase = 'preflight' | 'provisioning' | 'resetting' | 'teardown';

export interface SessionFailure {
  phase: FailurePhase;
  message: string;
  /** AWS error code or error name, when there is one. */
  code?: string;
  at: string;
  /** True when resources may exist that only a teardown removes. */
  teardownPending: boolean;
}

export interface SessionContext {
  sessionId: string;
  labId: string;
  runId: string;
  target: TargetDescription;
  /** Task ids in order (for hint bookkeeping without the lab definition). */
  taskIds: string[];
  timeLimitMinutes: number;
  identity?: Pick<CallerIdentity, 'accountId' | 'arn' | 'region' | 'partition'>;
  capabilities?: CapabilityReport;
  progress?: Progress;
  facts: Record<string, string>;
  undo: UndoRecord[];
  createdAt: string;
  readyAt?: string;
  expiresAt?: string;
  endedAt?: string;
  /** Hint levels revealed per task (0–3). */
  hints: Record<string, number>;
  hintsRevealed: number;
  answers: Record<string, string>;
  /** True once the reference solution was applied ("show me"). */
  assisted: boolean;
  checksRun: number;
  lastGrade?: GradeResult;
  /** An error of the last check or solve, which left the environment as it was. */
  lastError?: string;
  failure?: SessionFailure;
  lastTeardown?: TeardownReport;
  endReason?: 'learner' | 'time-limit' | 'abandoned' | 'nothing-created';
  /** Every run id this session used (resets start new runs). */
  runs: string[];
}

export type SessionEvent =
  | { type: 'learner.start' }
  | { type: 'learner.check' }
  | { type: 'learner.hint'; taskId: string }
  | { type: 'learner.answer'; questionId: string; answer: string }
  | { type: 'learner.solve'; taskId?: string }
  | { type: 'learner.reset' }
  | { type: 'learner.teardown' }
  | { type: 'learner.retry' }
  | { type: 'runner.progress'; progress: Progress }
  | { type: 'timer.expired'; reason: 'time-limit' | 'abandoned' };

export interface SessionInput {
  sessionId: string;
  labId: string;
  runId: string;
  target: TargetDescription;
  taskIds: string[];
  timeLimitMinutes: number;
  now?: string;
}

export interface RunRef {
  runId: string;
  facts: Record<string, string>;
  undo: UndoRecord[];
  answers: Record<string, string>;
}

export interface PreflightOutput {
  identity: CallerIdentity;
  capabilities: CapabilityReport;
}

/** States where an actor is working; a persisted session in one of them was interrupted. */
export const inFlightStates = ['preflight', 'provisioning', 'checking', 'solving', 'resetting', 'tearingDown'] as const;
export const restingStates = ['idle', 'ready', 'passed', 'failed', 'done'] as const;
export type SessionStateValue = (typeof inFlightStates)[number] | (typeof restingStates)[number];

function notProvided(name: string): never {
  throw new Error(`The session actor "${name}" was not provided (use machine.provide).`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function code(error: unknown): string | undefined {
  const e = error as { info?: { code?: string }; name?: string } | undefined;
  return e?.info?.code ?? (e?.name && e.name !== 'Error' ? e.name : undefined);
}

const now = () => new Date().toISOString();

export const labSessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  actors: {
    preflight: fromPromise<PreflightOutput, { runId: string }>(async () => notProvided('preflight')),
    provision: fromPromise<ProvisionResult, { runId: string; report: ProgressReporter }>(async () => notProvided('provision')),
    grade: fromPromise<GradeResult, RunRef>(async () => notProvided('grade')),
    solve: fromPromise<SolveResult, RunRef & { taskId?: string }>(async () => notProvided('solve')),
    teardown: fromPromise<TeardownReport, RunRef & { report: ProgressReporter }>(async () => notProvided('teardown')),
  },
  actions: {
    recordPreflight: assign(({ event }) => {
      const output = (event as unknown as { output: PreflightOutput }).output;
      const { accountId, arn, region, partition } = output.identity;
      return { identity: { accountId, arn, region, partition }, capabilities: output.capabilities, failure: undefined };
    }),
    recordProgress: assign(({ context, event }) => {
      if (event.type !== 'runner.progress') return {};
      const p = event.progress;
      return {
        progress: { phase: p.phase, step: p.step, total: p.total, title: p.title },
        facts: p.facts ? { ...context.facts, ...p.facts } : context.facts,
        undo: p.undo ? [...context.undo, ...p.undo] : context.undo,
      };
    }),
    recordProvisioned: assign(({ context, event }) => {
      const output = (event as unknown as { output: ProvisionResult }).output;
      const readyAt = now();
      const expiresAt = context.expiresAt ?? new Date(Date.parse(readyAt) + context.timeLimitMinutes * 60_000).toISOString();
      // The result repeats what progress already recorded; keep one copy of each undo record.
      const undo = [...context.undo, ...output.undo.filter((u) => !context.undo.some((k) => JSON.stringify(k) === JSON.stringify(u)))];
      return { facts: { ...context.facts, ...output.facts }, undo, readyAt: context.readyAt ?? readyAt, expiresAt, progress: undefined, failure: undefined };
    }),
    recordGrade: assign(({ context, event }) => ({
      lastGrade: (event as unknown as { output: GradeResult }).output,
      checksRun: context.checksRun + 1,
      lastError: undefined,
    })),
    recordSolved: assign(({ context, event }) => ({
      assisted: true,
      answers: { ...context.answers, ...(event as unknown as { output: SolveResult }).output.answers },
      lastError: undefined,
    })),
    recordActionError: assign(({ event }) => ({ lastError: message((event as unknown as { error: unknown }).error) })),
    revealHint: assign(({ context, event }) => {
      if (event.type !== 'learner.hint') return {};
      return { hints: { ...context.hints, [event.taskId]: (context.hints[event.taskId] ?? 0) + 1 }, hintsRevealed: context.hintsRevealed + 1 };
    }),
    recordAnswer: assign(({ context, event }) => {
      if (event.type !== 'learner.answer') return {};
      return { answers: { ...context.answers, [event.questionId]: event.answer.trim() } };
    }),
    recordTeardown: assign(({ event }) => ({
      lastTeardown: (event as unknown as { output: TeardownReport }).output,
      undo: [],
      facts: {},
      progress: undefined,
      failure: undefined,
    })),
    /** A reset starts a fresh run (new names), so nothing half-deleted is ever reused. Overridable for deterministic tests. */
    startNewRun: assign(({ context }) => {
      const runId = newRunId();
      return { runId, runs: [...context.runs, runId], answers: {}, lastGrade: undefined, lastError: undefined };
    }),
    markEnded: assign(({ context, event }) => ({
      endedAt: now(),
      endReason: context.endReason ?? (event.type === 'timer.expired' ? event.reason : 'learner'),
      progress: undefined,
    })),
    markExpired: assign(({ event }) => (event.type === 'timer.expired' ? { endReason: event.reason } : {})),
    markNothingCreated: assign({ endReason: 'nothing-created' as const }),
    failPreflight: assign(({ event }) => ({ failure: failure('preflight', (event as unknown as { error: unknown }).error, false), progress: undefined })),
    failProvisioning: assign(({ event }) => ({ failure: failure('provisioning', (event as unknown as { error: unknown }).error, true), progress: undefined })),
    failResetting: assign(({ event }) => ({ failure: failure('resetting', (event as unknown as { error: unknown }).error, true), progress: undefined })),
    failTeardown: assign(({ context, event }) => {
      const error = (event as unknown as { error: unknown }).error;
      const report = (error as { report?: TeardownReport }).report;
      return { failure: failure('teardown', error, true), lastTeardown: report ?? context.lastTeardown, progress: undefined };
    }),
  },
  guards: {
    allPassed: ({ event }) => (event as unknown as { output: GradeResult }).output.passed,
    canRevealHint: ({ context, event }) => event.type === 'learner.hint' && context.taskIds.includes(event.taskId) && (context.hints[event.taskId] ?? 0) < hintLevels.length,
    failedInPreflight: ({ context }) => context.failure?.phase === 'preflight',
    failedBuilding: ({ context }) => context.failure?.phase === 'provisioning' || context.failure?.phase === 'resetting',
    failedInTeardown: ({ context }) => context.failure?.phase === 'teardown',
    teardownPending: ({ context }) => context.failure?.teardownPending === true,
  },
}).createMachine({
  id: 'labSession',
  initial: 'idle',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    labId: input.labId,
    runId: input.runId,
    target: input.target,
    taskIds: input.taskIds,
    timeLimitMinutes: input.timeLimitMinutes,
    facts: {},
    undo: [],
    createdAt: input.now ?? now(),
    hints: {},
    hintsRevealed: 0,
    answers: {},
    assisted: false,
    checksRun: 0,
    runs: [input.runId],
  }),
  states: {
    idle: {
      on: {
        'learner.start': 'preflight',
        'learner.teardown': { target: 'done', actions: ['markNothingCreated', 'markEnded'] },
        'timer.expired': { target: 'done', actions: ['markExpired', 'markEnded'] },
      },
    },
    preflight: {
      invoke: {
        id: 'preflight',
        src: 'preflight',
        input: ({ context }) => ({ runId: context.runId }),
        onDone: { target: 'provisioning', actions: 'recordPreflight' },
        onError: { target: 'failed', actions: 'failPreflight' },
      },
    },
    provisioning: {
      invoke: {
        id: 'provision',
        src: 'provision',
        input: ({ context, self }) => ({ runId: context.runId, report: (progress: Progress) => self.send({ type: 'runner.progress', progress }) }),
        onDone: { target: 'ready', actions: 'recordProvisioned' },
        onError: { target: 'failed', actions: 'failProvisioning' },
      },
      on: { 'runner.progress': { actions: 'recordProgress' } },
    },
    ready: {
      on: {
        'learner.check': 'checking',
        'learner.hint': { guard: 'canRevealHint', actions: 'revealHint' },
        'learner.answer': { actions: 'recordAnswer' },
        'learner.solve': 'solving',
        'learner.reset': 'resetting',
        'learner.teardown': 'tearingDown',
        'timer.expired': { target: 'tearingDown', actions: 'markExpired' },
      },
    },
    checking: {
      invoke: {
        id: 'grade',
        src: 'grade',
        input: ({ context }) => ({ runId: context.runId, facts: context.facts, undo: context.undo, answers: context.answers }),
        onDone: [
          { guard: 'allPassed', target: 'passed', actions: 'recordGrade' },
          { target: 'ready', actions: 'recordGrade' },
        ],
        onError: { target: 'ready', actions: 'recordActionError' },
      },
    },
    solving: {
      invoke: {
        id: 'solve',
        src: 'solve',
        input: ({ context, event }) => ({
          runId: context.runId,
          facts: context.facts,
          undo: context.undo,
          answers: context.answers,
          taskId: event.type === 'learner.solve' ? event.taskId : undefined,
        }),
        onDone: { target: 'checking', actions: 'recordSolved' },
        onError: { target: 'ready', actions: 'recordActionError' },
      },
    },
    passed: {
      on: {
        'learner.check': 'checking',
        'learner.hint': { guard: 'canRevealHint', actions: 'revealHint' },
        'learner.answer': { actions: 'recordAnswer' },
        'learner.reset': 'resetting',
        'learner.teardown': 'tearingDown',
        'timer.expired': { target: 'tearingDown', actions: 'markExpired' },
      },
    },
    resetting: {
      invoke: {
        id: 'teardown',
        src: 'teardown',
        input: ({ context, self }) => ({
          runId: context.runId,
          facts: context.facts,
          undo: context.undo,
          answers: context.answers,
          report: (progress: Progress) => self.send({ type: 'runner.progress', progress }),
        }),
        onDone: { target: 'provisioning', actions: ['recordTeardown', 'startNewRun'] },
        onError: { target: 'failed', actions: 'failResetting' },
      },
      on: { 'runner.progress': { actions: 'recordProgress' } },
    },
    tearingDown: {
      invoke: {
        id: 'teardown',
        src: 'teardown',
        input: ({ context, self }) => ({
          runId: context.runId,
          facts: context.facts,
          undo: context.undo,
          answers: context.answers,
          report: (progress: Progress) => self.send({ type: 'runner.progress', progress }),
        }),
        onDone: { target: 'done', actions: ['recordTeardown', 'markEnded'] },
        onError: { target: 'failed', actions: 'failTeardown' },
      },
      on: { 'runner.progress': { actions: 'recordProgress' } },
    },
    failed: {
      on: {
        'learner.retry': [
          { guard: 'failedInPreflight', target: 'preflight' },
          { guard: 'failedBuilding', target: 'resetting' },
          { guard: 'failedInTeardown', target: 'tearingDown' },
        ],
        'learner.reset': { guard: 'failedBuilding', target: 'resetting' },
        'learner.teardown': [{ guard: 'teardownPending', target: 'tearingDown' }, { target: 'done', actions: ['markNothingCreated', 'markEnded'] }],
        'timer.expired': [
          { guard: 'teardownPending', target: 'tearingDown', actions: 'markExpired' },
          { target: 'done', actions: ['markExpired', 'markEnded'] },
        ],
      },
    },
    done: { type: 'final' },
  },
});

function failure(phase: FailurePhase, error: unknown, teardownPending: boolean): SessionFailure {
  return { phase, message: message(error), code: code(error), at: now(), teardownPending };
}

export function isInFlight(state: string): boolean {
  return (inFlightStates as readonly string[]).includes(state);
}

/**
 * What a persisted in-flight state means after its process died: the work was interrupted, and
 * whatever it created may exist, so teardown is owed (except when nothing was being built yet).
 */
export function interruptedFailure(state: string, at = now()): { state: 'failed' | 'ready'; failure?: SessionFailure; lastError?: string } {
  const note = 'The process running this step stopped before it finished (crash, restart or lost target).';
  switch (state) {
    case 'preflight':
      return { state: 'failed', failure: { phase: 'preflight', message: note, at, teardownPending: false, code: 'Interrupted' } };
    case 'provisioning':
      return { state: 'failed', failure: { phase: 'provisioning', message: `${note} Some resources may have been created; retry or tear down.`, at, teardownPending: true, code: 'Interrupted' } };
    case 'resetting':
      return { state: 'failed', failure: { phase: 'resetting', message: `${note} Retry the reset or tear down.`, at, teardownPending: true, code: 'Interrupted' } };
    case 'tearingDown':
      return { state: 'failed', failure: { phase: 'teardown', message: `${note} Run teardown again.`, at, teardownPending: true, code: 'Interrupted' } };
    default:
      // checking and solving leave the environment usable.
      return { state: 'ready', lastError: note };
  }
}
