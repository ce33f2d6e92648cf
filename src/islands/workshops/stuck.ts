/**
 * "Stuck" on the workshop dashboard: a learner's lab is stuck when it is running (ready, checking or
 * failing its checks — not passed, not provisioning, not torn down) and no further check has passed
 * for `minutes` minutes. Progress is measured from the lab's start until its first check passes (time
 * on lab comes from the server), and after that from the last time this dashboard saw the number of
 * passed checks go up (a dashboard opened later starts counting when it first sees the lab).
 * Pure functions, so the rule is tested on its own (test/unit/workshops/stuck.test.ts).
 */
import type { DashboardCell, DashboardRow } from './workshop-types.ts';

export interface Observation {
  checksPassed: number;
  /** Epoch ms of the last progress this dashboard knows of. */
  since: number;
}

export type Observations = Map<string, Observation>;

const running = new Set(['ready', 'checking', 'failed']);

export function cellKey(learnerId: string, labId: string): string {
  return `${learnerId}\u0000${labId}`;
}

/** Records what a new dashboard snapshot shows; `generatedAt` is the snapshot's epoch ms. */
export function observe(observations: Observations, rows: readonly DashboardRow[], generatedAt: number): void {
  for (const row of rows) {
    for (const cell of row.labs) {
      const key = cellKey(row.learnerId, cell.labId);
      const previous = observations.get(key);
      if (!running.has(cell.status)) {
        observations.delete(key);
        continue;
      }
      if (!previous) {
        // First sight: with no check passed yet, the lab has made no progress since it started.
        const since = cell.checksPassed === 0 ? generatedAt - cell.timeSeconds * 1000 : generatedAt;
        observations.set(key, { checksPassed: cell.checksPassed, since });
      } else if (cell.checksPassed > previous.checksPassed) {
        observations.set(key, { checksPassed: cell.checksPassed, since: generatedAt });
      } else if (cell.checksPassed < previous.checksPassed) {
        // A reset: the count starts again from the lab's (new) start.
        observations.set(key, { checksPassed: cell.checksPassed, since: generatedAt - cell.timeSeconds * 1000 });
      }
    }
  }
}

export function isStuck(observations: Observations, learnerId: string, cell: DashboardCell, now: number, minutes: number): boolean {
  if (!running.has(cell.status) || cell.status === 'passed') return false;
  const seen = observations.get(cellKey(learnerId, cell.labId));
  if (!seen) return false;
  return now - seen.since >= minutes * 60_000;
}
