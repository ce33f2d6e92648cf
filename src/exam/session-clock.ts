/**
 * The exam clock. Time is computed from timestamps the caller passes in (never read here), so
 * tests inject a clock and nothing waits for real time.
 */
import type { ExamSession } from './session-types.ts';

/** Minutes-left marks at which the learner is warned (each once, and only if the exam is longer). */
export const TIME_WARNINGS_MINUTES = [10, 5, 1] as const;

/** Milliseconds left at `now`; Infinity for untimed sessions; never below 0. */
export function timeLeftMs(session: ExamSession, now: number): number {
  const timing = session.timing;
  if (!timing) return Number.POSITIVE_INFINITY;
  const running = timing.runningSince === null ? 0 : Math.max(0, now - timing.runningSince);
  return Math.max(0, timing.limitMs - timing.usedMs - running);
}

/** Milliseconds used at `now` (0 for untimed sessions). */
export function timeUsedMs(session: ExamSession, now: number): number {
  const timing = session.timing;
  if (!timing) return 0;
  return timing.limitMs - timeLeftMs(session, now);
}

/** Warnings due at `now` that were not given yet (only the tightest one is announced if several passed at once). */
export function dueWarnings(session: ExamSession, now: number): { announce: number | undefined; passed: number[] } {
  const timing = session.timing;
  if (!timing || session.status === 'submitted') return { announce: undefined, passed: [] };
  const left = timeLeftMs(session, now);
  const passed = TIME_WARNINGS_MINUTES.filter((m) => timing.limitMs > m * 60_000 && left <= m * 60_000 && !timing.warned.includes(m));
  return { announce: passed.length ? Math.min(...passed) : undefined, passed };
}

/** The moment the clock runs out, if it is running. */
export function deadline(session: ExamSession): number | undefined {
  const timing = session.timing;
  if (!timing || timing.runningSince === null) return undefined;
  return timing.runningSince + timing.limitMs - timing.usedMs;
}

/** "12:05" or "1:02:09". */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** "12 minutes 5 seconds", for screen readers. */
export function describeDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`);
  if (m) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  if (s || parts.length === 0) parts.push(`${s} ${s === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}
