/**
 * The I/O of a lab run: preflight, provisioning, grading, the reference solution, near-misses and
 * teardown. Plain async functions over a `LabRuntime`; the session machine invokes them as actors.
 */
import { formatAwsError, probeCapabilities, toAwsErrorInfo, type AwsClients, type CallerIdentity, type CapabilityReport, type ServiceName, type Target } from '../aws/index.ts';
import { createLabContext } from './context.ts';
import type { LabDefinition } from './definition.ts';
import { gradeLab, type GradeResult } from './grading.ts';
import { runPrefix } from './naming.ts';
import { applyUndo, describeUndo, resourceKinds, type FoundResource, type SweepContext, type UndoRecord } from './resources/index.ts';

export interface LabRuntime {
  lab: LabDefinition;
  aws: AwsClients;
  target: Target;
}

/** Progress of a long step, reported as it happens (and persisted, so a crash keeps what was recorded). */
export interface Progress {
  phase: 'provisioning' | 'teardown';
  step: number;
  total: number;
  title: string;
  /** Facts recorded by this step. */
  facts?: Record<string, string>;
  /** Account-wide changes recorded by this step (restored by teardown). */
  undo?: UndoRecord[];
}

export type ProgressReporter = (progress: Progress) => void;

export class LabUnavailableError extends Error {
  readonly report: CapabilityReport;
  constructor(labId: string, targetLabel: string, report: CapabilityReport) {
    super(`Lab ${labId} cannot run on ${targetLabel}: ${report.missing.map((m) => `${m.need} — ${m.reason}`).join('; ')}. Nothing was created.`);
    this.name = 'LabUnavailableError';
    this.report = report;
  }
}

export interface PreflightResult {
  identity: CallerIdentity;
  capabilities: CapabilityReport;
}

/** Target reachable, sandbox guard satisfied, every service and operation the lab needs present. */
export async function preflight(rt: LabRuntime): Promise<PreflightResult> {
  const identity = await rt.aws.identity();
  const capabilities = await probeCapabilities(rt.aws, { services: rt.lab.services, operations: rt.lab.operations, requires: rt.lab.requires });
  if (!capabilities.available) throw new LabUnavailableError(rt.lab.id, rt.target.description.label, capabilities);
  return { identity, capabilities };
}

/** Whether a lab can run on the target, without throwing: for catalog pages and `list --check-target`. */
export async function availability(rt: LabRuntime): Promise<CapabilityReport> {
  await rt.aws.identity();
  return probeCapabilities(rt.aws, { services: rt.lab.services, operations: rt.lab.operations, requires: rt.lab.requires });
}

export interface ProvisionResult {
  facts: Record<string, string>;
  undo: UndoRecord[];
}

/** Runs the lab's setup steps in order, reporting each one. */
export async function provision(rt: LabRuntime, runId: string, report: ProgressReporter = () => {}): Promise<ProvisionResult> {
  const identity = await rt.aws.identity();
  const steps = rt.lab.setup;
  const total = steps.length;
  let current = 0;
  const facts: Record<string, string> = {};
  const undo: UndoRecord[] = [];
  let pendingFacts: Record<string, string> = {};
  const ctx = createLabContext({
    lab: rt.lab,
    runId,
    aws: rt.aws,
    identity,
    onFact: (k, v) => {
      facts[k] = v;
      pendingFacts[k] = v;
    },
    onUndo: (record) => {
      undo.push(record);
      // Report at once: a crash right after an account-wide change must still leave the undo record behind.
      report({ phase: 'provisioning', step: current, total, title: steps[current - 1]?.title ?? '', undo: [record] });
    },
  });
  for (const step of steps) {
    current++;
    report({ phase: 'provisioning', step: current, total, title: step.title });
    try {
      await step.run(ctx);
    } catch (error) {
      throw stepError(`Setup step ${current}/${total} (${step.title})`, error);
    }
    if (Object.keys(pendingFacts).length) {
      report({ phase: 'provisioning', step: current, total, title: step.title, facts: pendingFacts });
      pendingFacts = {};
    }
  }
  return { facts, undo };
}

export interface RunState {
  runId: string;
  facts: Record<string, string>;
  answers: Record<string, string>;
}

export function grade(rt: LabRuntime, run: RunState, taskIds?: readonly string[]): Promise<GradeResult> {
  return gradeLab({ lab: rt.lab, aws: rt.aws, runId: run.runId, facts: run.facts, answers: run.answers, taskIds });
}

export interface SolveResult {
  /** Answers the reference solution gives to questions, to record in the session. */
  answers: Record<string, string>;
  applied: string[];
}

/** Applies the reference solution (all tasks, or one), through the SDK like a learner would. */
export async function solve(rt: LabRuntime, run: RunState, taskId?: string): Promise<SolveResult> {
  const identity = await rt.aws.identity();
  const ctx = createLabContext({ lab: rt.lab, runId: run.runId, aws: rt.aws, identity, facts: run.facts });
  const steps = rt.lab.solution.filter((s) => taskId === undefined || s.task === taskId);
  if (steps.length === 0) throw new Error(`Lab ${rt.lab.id} has no task "${taskId}". Tasks: ${rt.lab.tasks.map((t) => t.id).join(', ')}.`);
  const answers: Record<string, string> = {};
  for (const step of steps) {
    try {
      await step.run(ctx);
    } catch (error) {
      throw stepError(`Solution step "${step.title}"`, error);
    }
    for (const [q, a] of Object.entries(step.answers ?? {})) answers[q] = ctx.render(a);
  }
  return { answers, applied: steps.map((s) => s.title) };
}

/** Applies one near-miss fix (a plausible wrong fix the selftest proves still fails). */
export async function applyNearMiss(rt: LabRuntime, run: RunState, nearMissId: string): Promise<void> {
  const nearMiss = rt.lab.nearMisses.find((n) => n.id === nearMissId);
  if (!nearMiss) throw new Error(`Lab ${rt.lab.id} has no near-miss "${nearMissId}".`);
  const identity = await rt.aws.identity();
  await nearMiss.apply(createLabContext({ lab: rt.lab, runId: run.runId, aws: rt.aws, identity, facts: run.facts }));
}

export interface TeardownReport {
  deleted: FoundResource[];
  restored: string[];
  /** Resources still there afterwards (listing again after deleting). */
  remaining: FoundResource[];
  errors: string[];
}

export class TeardownError extends Error {
  readonly report: TeardownReport;
  constructor(report: TeardownReport) {
    const parts = [
      report.errors.length ? `errors: ${report.errors.join('; ')}` : '',
      report.remaining.length ? `still present: ${report.remaining.map((r) => `${r.type} ${r.id}`).join(', ')}` : '',
    ].filter(Boolean);
    super(`Teardown did not finish (${parts.join('; ')}). Run \`npm run lab -- teardown\` again once the target is reachable.`);
    this.name = 'TeardownError';
    this.report = report;
  }
}

function kindsFor(lab: LabDefinition) {
  const services = new Set<ServiceName>(lab.services as ServiceName[]);
  return resourceKinds.filter((k) => services.has(k.service)).sort((a, b) => a.deleteOrder - b.deleteOrder);
}

async function sweepContext(rt: LabRuntime, runId: string): Promise<SweepContext> {
  const identity = await rt.aws.identity();
  return { aws: rt.aws, labId: rt.lab.id, runId, prefix: runPrefix(runId), accountId: identity.accountId, region: identity.region, partition: identity.partition };
}

/** Lists what this run left on the target (by run tag and run prefix), ignoring resources already on their way out. */
export async function listRunResources(rt: LabRuntime, runId: string): Promise<FoundResource[]> {
  const ctx = await sweepContext(rt, runId);
  const found: FoundResource[] = [];
  for (const kind of kindsFor(rt.lab)) {
    for (const resource of await kind.find(ctx)) if (!kind.isGone?.(resource)) found.push(resource);
  }
  return found;
}

/**
 * Deletes everything of this run — found by run tag or prefix, so resources the learner recreated
 * go too, and nothing else does — in dependency order, restores account settings setup changed,
 * then lists again to prove nothing is left.
 */
export async function teardown(rt: LabRuntime, run: { runId: string; facts: Record<string, string>; undo: readonly UndoRecord[] }, report: ProgressReporter = () => {}): Promise<TeardownReport> {
  const ctx = await sweepContext(rt, run.runId);
  const result: TeardownReport = { deleted: [], restored: [], remaining: [], errors: [] };
  const kinds = kindsFor(rt.lab);
  const total = rt.lab.teardown.length + kinds.length + (run.undo.length ? 1 : 0) + 1;
  let step = 0;
  const identity = await rt.aws.identity();
  const labCtx = createLabContext({ lab: rt.lab, runId: run.runId, aws: rt.aws, identity, facts: run.facts });
  for (const extra of rt.lab.teardown) {
    report({ phase: 'teardown', step: ++step, total, title: extra.title });
    try {
      await extra.run(labCtx);
    } catch (error) {
      result.errors.push(`${extra.title}: ${formatAwsError(toAwsErrorInfo(error))}`);
    }
  }
  for (const kind of kinds) {
    report({ phase: 'teardown', step: ++step, total, title: `Deleting ${kind.type} resources of run ${run.runId}` });
    let found: FoundResource[];
    try {
      found = await kind.find(ctx);
    } catch (error) {
      throw new TeardownError({ ...result, errors: [...result.errors, `listing ${kind.type}: ${formatAwsError(toAwsErrorInfo(error))}`] });
    }
    for (const resource of found) {
      if (kind.isGone?.(resource)) continue;
      try {
        await kind.delete(ctx, resource);
        result.deleted.push(resource);
      } catch (error) {
        result.errors.push(`${kind.type} ${resource.id}: ${formatAwsError(toAwsErrorInfo(error))}`);
      }
    }
  }
  if (run.undo.length) {
    report({ phase: 'teardown', step: ++step, total, title: 'Restoring account settings the lab changed' });
    for (const record of [...run.undo].reverse()) {
      try {
        await applyUndo(ctx, record);
        result.restored.push(describeUndo(record));
      } catch (error) {
        result.errors.push(`${describeUndo(record)}: ${formatAwsError(toAwsErrorInfo(error))}`);
      }
    }
  }
  report({ phase: 'teardown', step: ++step, total, title: 'Verifying nothing of this run is left' });
  try {
    result.remaining = await listRunResources(rt, run.runId);
  } catch (error) {
    result.errors.push(`verifying: ${formatAwsError(toAwsErrorInfo(error))}`);
  }
  if (result.errors.length || result.remaining.length) throw new TeardownError(result);
  return result;
}

function stepError(where: string, error: unknown): Error {
  const info = toAwsErrorInfo(error);
  const wrapped = new Error(`${where} failed: ${formatAwsError(info)}`);
  (wrapped as Error & { info?: unknown }).info = info;
  return wrapped;
}
