/**
 * Shared pieces of `npm run bench`. A benchmark is a `*.bench.ts` file under `test/bench/` whose
 * default export is a `Benchmark`; the runner prints every row in one table with the machine it ran on.
 */
import { cpus, totalmem } from 'node:os';

export interface BenchRow {
  /** What was measured, e.g. "GetCallerIdentity via SDK over HTTP". */
  measure: string;
  /** The number, already in `unit`. */
  value: number;
  /** ms, calls/s, MB, ratio … */
  unit: string;
  /** The goal as text (e.g. "< 2"), when there is one. */
  goal?: string;
  /** Whether the goal was met; undefined when there is no goal. */
  met?: boolean;
  /** Context that helps read the number (sample size, what was skipped and why). */
  note?: string;
}

export interface Benchmark {
  /** Short suite name, e.g. "emulator". */
  suite: string;
  run(): Promise<BenchRow[]>;
}

/** Percentile of an array of numbers (nearest-rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Times `fn` `n` times sequentially and returns each duration in milliseconds. */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return durations;
}

export function goalRow(measure: string, value: number, unit: string, goal: { below?: number; atLeast?: number }, note?: string): BenchRow {
  const met = goal.below !== undefined ? value < goal.below : goal.atLeast !== undefined ? value >= goal.atLeast : undefined;
  const text = goal.below !== undefined ? `< ${goal.below}` : goal.atLeast !== undefined ? `>= ${goal.atLeast}` : undefined;
  return { measure, value, unit, goal: text, met, note };
}

export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${process.platform}`;
}
