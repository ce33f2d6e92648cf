/** Results export: one row per learner × lab, as JSON and CSV, with the leaderboard's points. */
import { toCsv } from './csv.ts';
import { cellPoints } from './scoring.ts';
import type { DashboardRow, ResultRow } from './types.ts';

export function resultRows(rows: readonly DashboardRow[]): ResultRow[] {
  return rows.flatMap((row) =>
    row.labs.map((cell) => ({
      learnerId: row.learnerId,
      displayName: row.displayName,
      accountId: row.accountId,
      ...cell,
      passed: cell.status === 'passed',
      points: cellPoints(cell),
    })),
  );
}

export const resultColumns = ['learnerId', 'displayName', 'accountId', 'labId', 'status', 'passed', 'assisted', 'checksPassed', 'checksTotal', 'hintsUsed', 'timeSeconds', 'points', 'sessionId'] as const;

export function resultsCsv(results: readonly ResultRow[]): string {
  return toCsv(
    resultColumns,
    results.map((r) => resultColumns.map((c) => r[c])),
  );
}
