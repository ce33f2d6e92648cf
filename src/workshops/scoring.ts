/**
 * The leaderboard's scoring (documented in docs/workshops.md):
 *   a lab that passed earns 100 points, minus 10 per hint level revealed in that run, minus 50 when
 *   the reference solution was applied ("assisted"); a lab never goes below 0. Labs not passed earn 0.
 * Ranking: points, then labs passed, then fewer hints, then less total time on passed labs, then name.
 */
import type { DashboardCell, DashboardRow, LeaderboardEntry } from './types.ts';

export const scoring = { labPassed: 100, perHint: 10, assistedPenalty: 50 } as const;

export function cellPoints(cell: Pick<DashboardCell, 'status' | 'hintsUsed' | 'assisted'>): number {
  if (cell.status !== 'passed') return 0;
  return Math.max(0, scoring.labPassed - scoring.perHint * cell.hintsUsed - (cell.assisted ? scoring.assistedPenalty : 0));
}

export function leaderboard(rows: readonly DashboardRow[]): LeaderboardEntry[] {
  const entries = rows.map((row) => {
    const passed = row.labs.filter((c) => c.status === 'passed');
    return {
      entry: {
        learnerId: row.learnerId,
        displayName: row.displayName,
        points: row.labs.reduce((sum, c) => sum + cellPoints(c), 0),
        labsPassed: passed.length,
        hintsUsed: row.labs.reduce((sum, c) => sum + c.hintsUsed, 0),
      },
      time: passed.reduce((sum, c) => sum + c.timeSeconds, 0),
    };
  });
  entries.sort(
    (a, b) =>
      b.entry.points - a.entry.points ||
      b.entry.labsPassed - a.entry.labsPassed ||
      a.entry.hintsUsed - b.entry.hintsUsed ||
      a.time - b.time ||
      a.entry.displayName.localeCompare(b.entry.displayName),
  );
  return entries.map((e) => e.entry);
}
