/**
 * A lab's selftest, through the real session service, runner and a real SQLite store:
 * setup → every task's checks fail as designed → each near-miss still fails its task → the
 * reference solution → every task passes → teardown → nothing of any run left (verified by listing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '../aws/index.ts';
import { openDatabase } from '../db/index.ts';
import type { LoadedLab } from './catalog.ts';
import type { GradeResult } from './grading.ts';
import * as runner from './runner.ts';
import { LabSessionService, type ProgressListener } from './session-service.ts';
import { sqlSessionStore } from './session-store.ts';

export interface SelftestStep {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface SelftestReport {
  labId: string;
  target: string;
  ok: boolean;
  /** Set when the target cannot run the lab at all (nothing was created): the reason. */
  unavailable?: string;
  steps: SelftestStep[];
  durationMs: number;
}

export interface SelftestOptions {
  openTarget: () => Promise<Target>;
  onStep?: (step: SelftestStep) => void;
  onProgress?: ProgressListener;
}

export async function selftestLab(lab: LoadedLab, options: SelftestOptions): Promise<SelftestReport> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-selftest-'));
  const db = await openDatabase({ file: join(dir, 'selftest.db') });
  const service = new LabSessionService({ store: sqlSessionStore(db), loadLab: async () => lab, openTarget: options.openTarget, owner: `selftest-${lab.definition.id}` });
  const steps: SelftestStep[] = [];
  const def = lab.definition;
  let label = '(target not opened)';

  const step = async (name: string, fn: () => Promise<string>): Promise<boolean> => {
    const t = performance.now();
    let result: SelftestStep;
    try {
      result = { name, ok: true, detail: await fn(), ms: performance.now() - t };
    } catch (error) {
      result = { name, ok: false, detail: (error as Error).message, ms: performance.now() - t };
    }
    steps.push(result);
    options.onStep?.(result);
    return result.ok;
  };
  const gradeOf = async (id: string): Promise<GradeResult> => {
    const record = await service.get(id);
    if (!record.context.lastGrade) throw new Error(`no check result (${record.context.lastError ?? record.state})`);
    return record.context.lastGrade;
  };
  const describeGrade = (g: GradeResult) => g.tasks.map((t) => `${t.id}: ${t.status}`).join(', ');

  let sessionId: string | undefined;
  let unavailable: string | undefined;
  try {
    label = (await service.target()).description.label;
    const setupOk = await step('setup', async () => {
      const record = await service.start(def.id, options.onProgress);
      sessionId = record.id;
      if (record.context.failure?.code === 'LabUnavailableError') unavailable = record.context.failure.message;
      if (record.state !== 'ready') throw new Error(`session is ${record.state}: ${record.context.failure?.message ?? ''}`);
      return `run ${record.runId}, ${def.setup.length} steps`;
    });
    if (setupOk && sessionId) {
      const id = sessionId;
      await step('every task fails as designed', async () => {
        await service.send(id, { type: 'learner.check' });
        const g = await gradeOf(id);
        const wrong = g.tasks.flatMap((t) => t.findings.filter((f) => f.status !== 'fail').map((f) => `${t.id}/${f.checkId}: ${f.status} — ${f.summary}`));
        if (wrong.length) throw new Error(`not failing as designed: ${wrong.join('; ')}`);
        return describeGrade(g);
      });
      const rt = async (): Promise<runner.LabRuntime> => ({ lab: def, aws: await service.clients(), target: await service.target() });
      for (const nearMiss of def.nearMisses) {
        await step(`near-miss ${nearMiss.id} still fails ${nearMiss.task}`, async () => {
          const record = await service.get(id);
          await runner.applyNearMiss(await rt(), { runId: record.runId, facts: record.context.facts, answers: record.context.answers }, nearMiss.id);
          await service.send(id, { type: 'learner.check' });
          const task = (await gradeOf(id)).tasks.find((t) => t.id === nearMiss.task)!;
          if (task.status !== 'fail') throw new Error(`task ${task.id} is ${task.status} after the near-miss: ${task.findings.map((f) => f.summary).join(' ')}`);
          return task.findings.filter((f) => f.status === 'fail').map((f) => f.summary).join(' ');
        });
      }
      await step('reference solution passes every task', async () => {
        const record = await service.send(id, { type: 'learner.solve' });
        const g = await gradeOf(id);
        if (record.state !== 'passed') {
          const failing = g.tasks.flatMap((t) => t.findings.filter((f) => f.status !== 'pass').map((f) => `${t.id}/${f.checkId}: ${f.status} — ${f.summary}`));
          throw new Error(`session is ${record.state}${record.context.lastError ? ` (${record.context.lastError})` : ''}; ${failing.join('; ')}`);
        }
        return describeGrade(g);
      });
    }
  } finally {
    if (sessionId) {
      const id = sessionId;
      await step('teardown', async () => {
        let record = await service.get(id);
        if (record.state !== 'done') record = await service.send(id, { type: 'learner.teardown' }, options.onProgress);
        if (record.state !== 'done') throw new Error(`session is ${record.state}: ${record.context.failure?.message ?? ''}`);
        const report = record.context.lastTeardown;
        return `deleted ${report?.deleted.map((r) => r.id).join(', ') || 'nothing'}${report?.restored.length ? `; ${report.restored.join('; ')}` : ''}`;
      });
      await step('no lab resource left (listing by run tag and prefix)', async () => {
        const record = await service.get(id);
        const rt: runner.LabRuntime = { lab: def, aws: await service.clients(), target: await service.target() };
        const left = (await Promise.all(record.context.runs.map((run) => runner.listRunResources(rt, run)))).flat();
        if (left.length) throw new Error(`still present: ${left.map((r) => `${r.type} ${r.id}`).join(', ')}`);
        return `runs ${record.context.runs.join(', ')}: nothing left`;
      });
    }
    await service.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { labId: def.id, target: label, ok: steps.length > 0 && steps.every((s) => s.ok), ...(unavailable ? { unavailable } : {}), steps, durationMs: performance.now() - started };
}
