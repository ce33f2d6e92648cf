/**
 * Everything a learner does to a session, as one pure reducer: `applyAction(session, bank, action, now)`
 * returns the next state and the events the page should announce. The clock runs first on every
 * action, so an answer arriving after time is up is refused and the exam is already submitted.
 */
import { answerProblem, answerProgress, type Answer } from './answers.ts';
import { scoreSession } from './scoring.ts';
import type { QuestionBank } from './scored-items.ts';
import { deadline, dueWarnings, timeLeftMs } from './session-clock.ts';
import type { ExamSession } from './session-types.ts';

export type SessionAction =
  | { type: 'answer'; itemId: string; answer: Answer }
  | { type: 'clear'; itemId: string }
  /** Sets the flag, or toggles it when `flagged` is omitted. */
  | { type: 'flag'; itemId: string; flagged?: boolean }
  | { type: 'go'; index: number }
  /** Practice and drill: reveal whether the answer is right, and lock it. */
  | { type: 'check'; itemId: string }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Let the clock run: gives time warnings and submits when time is up. */
  | { type: 'tick' }
  | { type: 'submit' };

export type SessionEvent =
  | { type: 'time-warning'; minutesLeft: number }
  | { type: 'submitted'; reason: 'learner' | 'time-up' }
  | { type: 'rejected'; reason: string };

export interface ActionOutcome {
  session: ExamSession;
  events: SessionEvent[];
}

/** Raised for calls that can only come from a bug (an answer that does not fit its question). */
export class SessionActionError extends Error {
  override name = 'SessionActionError';
}

export function applyAction(session: ExamSession, bank: QuestionBank, action: SessionAction, now: number): ActionOutcome {
  const events: SessionEvent[] = [];
  const reject = (reason: string): ActionOutcome => ({ session: current, events: [...events, { type: 'rejected', reason }] });

  if (session.status === 'submitted') {
    if (action.type === 'tick' || action.type === 'go') return { session, events };
    return { session, events: [{ type: 'rejected', reason: 'This session has already been submitted.' }] };
  }

  // The clock first: warnings, and the automatic submission when time is up.
  let current = runClock(session, bank, now, events);
  if (current.status === 'submitted') {
    if (action.type === 'tick' || action.type === 'go') return { session: current, events };
    return reject('Time is up: the exam was submitted automatically and this last action was not recorded.');
  }

  const slotIndex = (itemId: string) => current.slots.findIndex((s) => s.itemId === itemId);
  const touch = (next: Partial<ExamSession>): ExamSession => ({ ...current, ...next, updatedAt: now });
  const interactive = ['answer', 'clear', 'flag', 'go', 'check'].includes(action.type);
  if (current.status === 'paused' && interactive) return reject('The exam is paused. Resume it to continue.');

  switch (action.type) {
    case 'tick':
      return { session: current, events };
    case 'go': {
      if (!Number.isInteger(action.index) || action.index < 0 || action.index >= current.slots.length) {
        return reject(`There is no question ${action.index + 1}; this session has ${current.slots.length}.`);
      }
      return { session: touch({ current: action.index }), events };
    }
    case 'answer': {
      const item = itemOf(current, bank, action.itemId);
      const problem = answerProblem(item, action.answer);
      if (problem) throw new SessionActionError(problem);
      if (current.checked.includes(action.itemId)) return reject('This answer has been checked and can no longer change.');
      return { session: touch({ answers: { ...current.answers, [action.itemId]: action.answer } }), events };
    }
    case 'clear': {
      itemOf(current, bank, action.itemId);
      if (current.checked.includes(action.itemId)) return reject('This answer has been checked and can no longer change.');
      const { [action.itemId]: _removed, ...answers } = current.answers;
      return { session: touch({ answers }), events };
    }
    case 'flag': {
      if (slotIndex(action.itemId) < 0) throw new SessionActionError(`question ${action.itemId} is not part of this session`);
      const isFlagged = current.flagged.includes(action.itemId);
      const want = action.flagged ?? !isFlagged;
      const flagged = want ? (isFlagged ? current.flagged : [...current.flagged, action.itemId]) : current.flagged.filter((id) => id !== action.itemId);
      return { session: touch({ flagged }), events };
    }
    case 'check': {
      if (current.mode === 'exam') return reject('Answers are checked when the exam is submitted.');
      const item = itemOf(current, bank, action.itemId);
      if (current.checked.includes(item.id)) return { session: current, events };
      if (answerProgress(item, current.answers[item.id]) === 'none') return reject('Choose an answer first, then check it.');
      return { session: touch({ checked: [...current.checked, item.id] }), events };
    }
    case 'pause': {
      if (!current.timing) return reject('Only timed exams can be paused; practice is saved as you go.');
      if (current.status === 'paused') return { session: current, events };
      const timing = current.timing;
      const used = timing.limitMs - timeLeftMs(current, now);
      return { session: touch({ status: 'paused', timing: { ...timing, usedMs: used, runningSince: null } }), events };
    }
    case 'resume': {
      if (current.status !== 'paused' || !current.timing) return { session: current, events };
      return { session: touch({ status: 'active', timing: { ...current.timing, runningSince: now } }), events };
    }
    case 'submit': {
      const submitted = finalize(current, bank, now, 'learner');
      // A warning that fell due in the same instant is moot once the learner submits.
      return { session: submitted, events: [...events.filter((e) => e.type !== 'time-warning'), { type: 'submitted', reason: 'learner' }] };
    }
  }
}

/** Applies the clock at `now`: adds warning events and submits the session when time is up. */
function runClock(session: ExamSession, bank: QuestionBank, now: number, events: SessionEvent[]): ExamSession {
  if (!session.timing || session.status !== 'active') return session;
  const end = deadline(session);
  if (end !== undefined && now >= end) {
    events.push({ type: 'submitted', reason: 'time-up' });
    // The exam ends at the deadline, not whenever the page next noticed.
    return finalize(session, bank, end, 'time-up');
  }
  const { announce, passed } = dueWarnings(session, now);
  if (!passed.length) return session;
  if (announce !== undefined) events.push({ type: 'time-warning', minutesLeft: announce });
  return { ...session, timing: { ...session.timing, warned: [...session.timing.warned, ...passed] }, updatedAt: now };
}

function finalize(session: ExamSession, bank: QuestionBank, at: number, reason: 'learner' | 'time-up'): ExamSession {
  const timing = session.timing ? { ...session.timing, usedMs: session.timing.limitMs - timeLeftMs(session, at), runningSince: null } : null;
  const closed: ExamSession = { ...session, status: 'submitted', timing, submittedAt: at, submitReason: reason, updatedAt: at };
  return { ...closed, result: scoreSession(closed, bank) };
}

function itemOf(session: ExamSession, bank: QuestionBank, itemId: string) {
  if (!session.slots.some((s) => s.itemId === itemId)) throw new SessionActionError(`question ${itemId} is not part of this session`);
  const item = bank.itemById.get(itemId);
  if (!item) throw new SessionActionError(`question ${itemId} is no longer in the question bank`);
  return item;
}
