/**
 * Checks on state read back from storage. Storage can hold anything (an older version, a hand
 * edit, a half-written value), so a record is checked before use and a bad one is reported, not
 * deleted. Structural checks only: enough to trust the fields the engine reads.
 */
import type { DrillSchedule } from './drill-schedule.ts';
import type { ExamSession } from './session-types.ts';

export class StoredStateError extends Error {
  override name = 'StoredStateError';
  readonly key: string;
  constructor(key: string, problem: string) {
    super(`The saved record "${key}" could not be read: ${problem}. It was left untouched in storage.`);
    this.key = key;
  }
}

/** Parses and checks a stored session; returns the problem in words when it is not one. */
export function parseStoredSession(json: string): { session: ExamSession } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { problem: `it is not valid JSON (${(error as Error).message})` };
  }
  const v = value as Partial<ExamSession> | null;
  if (!v || typeof v !== 'object') return { problem: 'it is not an object' };
  if (v.format !== 'mlsec-exam-session') return { problem: 'it is not an exam session' };
  if (v.version !== 1) return { problem: `it was saved by a version of mlsec-sim this one does not know (session format ${String(v.version)})` };
  const missing = (['id', 'mode', 'title', 'seed', 'status', 'slots', 'answers', 'flagged', 'checked', 'scheduled'] as const).filter(
    (key) => v[key] === undefined || v[key] === null,
  );
  if (missing.length) return { problem: `fields are missing: ${missing.join(', ')}` };
  if (!['practice', 'exam', 'drill'].includes(v.mode!)) return { problem: `unknown mode "${v.mode}"` };
  if (!['active', 'paused', 'submitted'].includes(v.status!)) return { problem: `unknown status "${v.status}"` };
  if (!Array.isArray(v.slots) || v.slots.some((s) => !s || typeof s.itemId !== 'string' || !Array.isArray(s.order))) {
    return { problem: 'its list of questions is damaged' };
  }
  if (typeof v.current !== 'number' || v.current < 0 || (v.slots.length > 0 && v.current >= v.slots.length)) return { problem: 'its current question is out of range' };
  if (v.mode === 'exam' && (!v.timing || typeof v.timing.limitMs !== 'number' || typeof v.timing.usedMs !== 'number')) {
    return { problem: 'its exam clock is damaged' };
  }
  return { session: v as ExamSession };
}

export function parseStoredSchedule(json: string): { schedule: DrillSchedule } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { problem: `it is not valid JSON (${(error as Error).message})` };
  }
  const v = value as Partial<DrillSchedule> | null;
  if (!v || typeof v !== 'object' || v.format !== 'mlsec-drill-schedule') return { problem: 'it is not a drill schedule' };
  if (v.version !== 1) return { problem: `it was saved by a version of mlsec-sim this one does not know (schedule format ${String(v.version)})` };
  if (!v.questions || typeof v.questions !== 'object' || !v.items || typeof v.items !== 'object') return { problem: 'its cards are missing' };
  return { schedule: v as DrillSchedule };
}
