/**
 * What a learner sees of a session, computed from the stored record and the lab definition — shared
 * by the CLI and (later) the web app, so both say the same thing.
 */
import type { FindingStatus } from '../checks/types.ts';
import type { LoadedLab } from './catalog.ts';
import { renderTemplate, resourceNames } from './context.ts';
import type { SessionFailure } from './session-machine.ts';
import { hintLevels } from './session-machine.ts';
import type { SessionRecord } from './session-store.ts';

export interface TaskView {
  id: string;
  title: string;
  goal: string;
  why: string;
  /** From the last check; `not-checked` before the first. */
  status: FindingStatus | 'not-checked';
  hintsRevealed: number;
  questions: { id: string; prompt: string; answer?: string }[];
}

export interface SessionView {
  id: string;
  labId: string;
  labTitle: string;
  state: string;
  /** One sentence on what the state means for the learner. */
  stateText: string;
  runId: string;
  target: string;
  region: string;
  accountId?: string;
  createdAt: string;
  readyAt?: string;
  expiresAt?: string;
  timeLeftMs?: number;
  resources: { key: string; title: string; type: string; name: string }[];
  facts: Record<string, string>;
  tasks: TaskView[];
  hintsRevealed: number;
  assisted: boolean;
  checksRun: number;
  passed: boolean;
  failure?: SessionFailure;
  lastError?: string;
}

const stateTexts: Record<string, string> = {
  idle: 'Created, not started.',
  preflight: 'Checking the target: reachable, allowed, and able to run this lab.',
  provisioning: 'Building the lab environment.',
  ready: 'Ready: the environment is yours to fix.',
  checking: 'Checking your work.',
  solving: 'Applying the reference solution.',
  passed: 'Passed: every task is done.',
  resetting: 'Resetting: tearing the environment down to build it again.',
  tearingDown: 'Tearing down the lab environment.',
  failed: 'Something failed; see below.',
  done: 'Ended; the environment is gone.',
};

export function sessionView(record: SessionRecord, lab: LoadedLab, now = Date.now()): SessionView {
  const def = lab.definition;
  const c = record.context;
  const names = resourceNames(def, c.runId);
  const grades = new Map((c.lastGrade?.tasks ?? []).map((t) => [t.id, t.status]));
  return {
    id: record.id,
    labId: def.id,
    labTitle: def.title,
    state: record.state,
    stateText: stateTexts[record.state] ?? record.state,
    runId: c.runId,
    target: record.target.label,
    region: record.target.region,
    accountId: c.identity?.accountId,
    createdAt: c.createdAt,
    readyAt: c.readyAt,
    expiresAt: c.expiresAt,
    timeLeftMs: c.expiresAt && record.state !== 'done' ? Math.max(0, Date.parse(c.expiresAt) - now) : undefined,
    resources: Object.entries(def.resources).map(([key, r]) => ({ key, title: r.title, type: r.type, name: names[key]! })),
    facts: c.facts,
    tasks: def.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      goal: t.goal,
      why: t.why,
      status: grades.get(t.id) ?? 'not-checked',
      hintsRevealed: c.hints[t.id] ?? 0,
      questions: t.questions.map((q) => ({ id: q.id, prompt: q.prompt, answer: c.answers[q.id] })),
    })),
    hintsRevealed: c.hintsRevealed,
    assisted: c.assisted,
    checksRun: c.checksRun,
    passed: record.state === 'passed',
    failure: c.failure,
    lastError: c.lastError,
  };
}

export interface RevealedHint {
  level: number;
  name: (typeof hintLevels)[number];
  text: string;
}

/** The hint levels revealed so far for a task, with run-specific names filled in. */
export function revealedHints(record: SessionRecord, lab: LoadedLab, taskId: string): RevealedHint[] {
  const task = lab.definition.tasks.find((t) => t.id === taskId);
  if (!task) return [];
  const c = record.context;
  const vars = { names: resourceNames(lab.definition, c.runId), facts: c.facts, accountId: c.identity?.accountId, region: c.identity?.region ?? record.target.region, partition: c.identity?.partition, runId: c.runId };
  return hintLevels.slice(0, c.hints[taskId] ?? 0).map((name, i) => ({ level: i + 1, name, text: renderTemplate(task.hints[name], vars) }));
}

/** The task a hint should be about when the learner names none: the first one not passing yet. */
export function nextTaskForHint(record: SessionRecord, lab: LoadedLab): string {
  const grades = new Map((record.context.lastGrade?.tasks ?? []).map((t) => [t.id, t.status]));
  const open = lab.definition.tasks.filter((t) => grades.get(t.id) !== 'pass');
  const withHintsLeft = open.find((t) => (record.context.hints[t.id] ?? 0) < hintLevels.length);
  return (withHintsLeft ?? open[0] ?? lab.definition.tasks[0]!).id;
}
