/**
 * Lab engine timings for a typical lab (exposed-training-data-bucket): setup (the lab's setup steps),
 * a full check (inventory + every task's checks) and teardown (find by tag/prefix, delete, verify),
 * on the embedded emulator — and on moto_server when it is installed, reported as a ratio.
 */
import { createAwsClients, openTarget, targetSettingsFromEnv, type Target } from '../../src/aws/index.ts';
import { findLab } from '../../src/labs/index.ts';
import { newRunId } from '../../src/labs/naming.ts';
import * as runner from '../../src/labs/runner.ts';
import { MOTO_AVAILABLE, motoEnv, startMoto } from '../support/moto.ts';
import { goalRow, percentile, type Benchmark, type BenchRow } from './harness.ts';

const runs = Number(process.env.MLSEC_BENCH_LAB_RUNS ?? 15);

interface Timings {
  setup: number[];
  check: number[];
  teardown: number[];
}

async function measure(target: Target): Promise<Timings> {
  const lab = (await findLab('exposed-training-data-bucket')).definition;
  const aws = createAwsClients(target);
  const rt: runner.LabRuntime = { lab, aws, target };
  await runner.preflight(rt);
  const timings: Timings = { setup: [], check: [], teardown: [] };
  try {
    // One unmeasured cycle loads every SDK module and warms both ends.
    for (let i = -1; i < runs; i++) {
      const runId = newRunId();
      let t = performance.now();
      const { facts, undo } = await runner.provision(rt, runId);
      const setup = performance.now() - t;
      t = performance.now();
      const grade = await runner.grade(rt, { runId, facts, answers: {} });
      const check = performance.now() - t;
      if (grade.counts.fail === 0) throw new Error('the lab should fail every check right after setup');
      t = performance.now();
      await runner.teardown(rt, { runId, facts, undo });
      const teardown = performance.now() - t;
      if (i < 0) continue;
      timings.setup.push(setup);
      timings.check.push(check);
      timings.teardown.push(teardown);
    }
  } finally {
    aws.destroy();
  }
  return timings;
}

async function embeddedTimings(): Promise<Timings | string> {
  let target: Target;
  try {
    target = await openTarget({ ...targetSettingsFromEnv({}), embeddedMode: 'in-process' });
  } catch (error) {
    return (error as Error).message.split('.')[0]!;
  }
  try {
    return await measure(target);
  } finally {
    await target.close();
  }
}

const benchmark: Benchmark = {
  suite: 'labs',
  async run() {
    const rows: BenchRow[] = [];
    const embedded = await embeddedTimings();
    const note = `p50 of ${runs} runs`;
    if (typeof embedded === 'string') {
      rows.push({ measure: 'embedded: lab setup / check / teardown', value: Number.NaN, unit: 'ms', note: `skipped: ${embedded}` });
    } else {
      rows.push(goalRow('embedded: setup of a typical lab (p50)', percentile(embedded.setup, 50), 'ms', { below: 300 }, note));
      rows.push(goalRow('embedded: full check (p50)', percentile(embedded.check, 50), 'ms', { below: 150 }, note));
      rows.push(goalRow('embedded: teardown (p50)', percentile(embedded.teardown, 50), 'ms', { below: 200 }, note));
    }
    if (!MOTO_AVAILABLE) {
      rows.push({ measure: 'moto_server: lab setup / check / teardown', value: Number.NaN, unit: 'ms', note: 'skipped: moto_server is not installed' });
      return rows;
    }
    const moto = await startMoto();
    try {
      const target = await openTarget(targetSettingsFromEnv(motoEnv(moto.endpoint)));
      const m = await measure(target);
      for (const [key, label] of [
        ['setup', 'setup'],
        ['check', 'full check'],
        ['teardown', 'teardown'],
      ] as const) {
        const value = percentile(m[key], 50);
        rows.push({ measure: `moto_server: ${label} (p50)`, value, unit: 'ms', note });
        if (typeof embedded !== 'string') rows.push({ measure: `moto_server / embedded: ${label}`, value: value / percentile(embedded[key], 50), unit: 'ratio', note: '> 1 means the embedded emulator is faster' });
      }
    } finally {
      await moto.stop();
    }
    return rows;
  },
};

export default benchmark;
