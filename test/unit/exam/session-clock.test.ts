import { describe, expect, it } from 'vitest';
import { applyAction, SessionActionError, type SessionAction, type SessionEvent } from '../../../src/exam/session-actions.ts';
import { startExam, startPractice } from '../../../src/exam/session-setup.ts';
import { formatClock, describeDuration, timeLeftMs } from '../../../src/exam/session-clock.ts';
import type { ExamSession } from '../../../src/exam/session-types.ts';
import { fixtureBank } from './helpers.ts';

const bank = fixtureBank();
const MIN = 60_000;
const t0 = Date.UTC(2026, 2, 1, 10);

/** A clock the test moves by hand: no real waiting. */
function run(session: ExamSession) {
  let state = session;
  const events: SessionEvent[] = [];
  return {
    at(ms: number, action: SessionAction) {
      const out = applyAction(state, bank, action, t0 + ms);
      state = out.session;
      events.push(...out.events);
      return out.events;
    },
    get state() {
      return state;
    },
    events,
  };
}

const exam = () => startExam(bank, { id: 'timed', seed: 'clock', now: t0, format: 'domain-set', questions: 7, minutes: 14 });

describe('exam clock', () => {
  it('warns at 10, 5 and 1 minutes left, once each', () => {
    const s = run(exam());
    expect(s.at(3 * MIN, { type: 'tick' })).toEqual([]);
    expect(s.at(4 * MIN, { type: 'tick' })).toEqual([{ type: 'time-warning', minutesLeft: 10 }]);
    expect(s.at(4 * MIN + 500, { type: 'tick' })).toEqual([]);
    expect(s.at(9 * MIN, { type: 'tick' })).toEqual([{ type: 'time-warning', minutesLeft: 5 }]);
    expect(s.at(13 * MIN + 1, { type: 'tick' })).toEqual([{ type: 'time-warning', minutesLeft: 1 }]);
  });

  it('announces only the tightest warning when several passed while away', () => {
    const s = run(exam());
    expect(s.at(10 * MIN, { type: 'tick' })).toEqual([{ type: 'time-warning', minutesLeft: 5 }]);
    expect(s.state.timing!.warned.sort()).toEqual([10, 5].sort());
  });

  it('skips warnings longer than the exam itself', () => {
    const short = run(startExam(bank, { id: 's', seed: 'x', now: t0, format: 'domain-set', questions: 2, minutes: 4 }));
    expect(short.at(1, { type: 'tick' })).toEqual([]);
    expect(short.at(3 * MIN, { type: 'tick' })).toEqual([{ type: 'time-warning', minutesLeft: 1 }]);
  });

  it('submits automatically at the deadline; unanswered questions count as wrong', () => {
    const s = run(exam());
    s.at(MIN, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'a' } });
    // The page was asleep; the next tick comes long after the deadline.
    expect(s.at(20 * MIN, { type: 'tick' })).toEqual([{ type: 'submitted', reason: 'time-up' }]);
    expect(s.state.status).toBe('submitted');
    expect(s.state.submitReason).toBe('time-up');
    expect(s.state.submittedAt).toBe(t0 + 14 * MIN);
    expect(s.state.timing).toMatchObject({ usedMs: 14 * MIN, runningSince: null });
    expect(s.state.result!.scored).toEqual({ correct: 1, total: 7 });
    expect(s.state.result!.unanswered).toBe(6);
  });

  it('refuses an answer that arrives after time is up, and records nothing', () => {
    const s = run(exam());
    const events = s.at(14 * MIN, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'a' } });
    expect(events).toEqual([
      { type: 'submitted', reason: 'time-up' },
      { type: 'rejected', reason: 'Time is up: the exam was submitted automatically and this last action was not recorded.' },
    ]);
    expect(s.state.answers).toEqual({});
    expect(s.state.result!.scored.correct).toBe(0);
    expect(s.at(15 * MIN, { type: 'flag', itemId: 'fx-kms-access-denied' })).toEqual([{ type: 'rejected', reason: 'This session has already been submitted.' }]);
  });

  it('stops the clock while paused, hides nothing from the timer, and refuses answers until resumed', () => {
    const s = run(exam());
    s.at(2 * MIN, { type: 'pause' });
    expect(s.state.status).toBe('paused');
    expect(timeLeftMs(s.state, t0 + 60 * MIN)).toBe(12 * MIN);
    expect(s.at(30 * MIN, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'a' } })).toEqual([
      { type: 'rejected', reason: 'The exam is paused. Resume it to continue.' },
    ]);
    expect(s.at(60 * MIN, { type: 'tick' })).toEqual([]);
    s.at(60 * MIN, { type: 'resume' });
    expect(timeLeftMs(s.state, t0 + 61 * MIN)).toBe(11 * MIN);
    // Survives a round trip through JSON, as the stores keep it.
    const restored = run(JSON.parse(JSON.stringify(s.state)) as ExamSession);
    expect(restored.at(72 * MIN, { type: 'tick' })).toEqual([{ type: 'submitted', reason: 'time-up' }]);
    expect(restored.state.submittedAt).toBe(t0 + 72 * MIN);
  });

  it('flags, navigates and submits on request', () => {
    const s = run(exam());
    const id = s.state.slots[2]!.itemId;
    s.at(1, { type: 'flag', itemId: id });
    expect(s.state.flagged).toEqual([id]);
    s.at(2, { type: 'flag', itemId: id });
    expect(s.state.flagged).toEqual([]);
    s.at(3, { type: 'go', index: 6 });
    expect(s.state.current).toBe(6);
    expect(s.at(4, { type: 'go', index: 7 })).toEqual([{ type: 'rejected', reason: 'There is no question 8; this session has 7.' }]);
    expect(s.at(5 * MIN, { type: 'submit' })).toEqual([{ type: 'submitted', reason: 'learner' }]);
    expect(s.state.timing!.usedMs).toBe(5 * MIN);
  });

  it('throws on answers that do not fit the question (a bug, not a learner mistake)', () => {
    expect(() => applyAction(exam(), bank, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'z' } }, t0)).toThrow(SessionActionError);
    expect(() =>
      applyAction(exam(), bank, { type: 'answer', itemId: 'fx-trail-with-the-cli', answer: { type: 'ordering', order: ['a', 'a', 'b', 'c'] } }, t0),
    ).toThrow('an order must list each of its 4 steps exactly once');
  });
});

describe('practice feedback', () => {
  it('checks an answer, then locks it; asks for an answer first', () => {
    const s = run(startPractice(bank, { id: 'p', seed: 'x', now: t0, scope: { kind: 'task', id: '4.3' } }));
    expect(s.at(1, { type: 'check', itemId: 'fx-kms-access-denied' })).toEqual([{ type: 'rejected', reason: 'Choose an answer first, then check it.' }]);
    s.at(2, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'b' } });
    s.at(3, { type: 'check', itemId: 'fx-kms-access-denied' });
    expect(s.state.checked).toEqual(['fx-kms-access-denied']);
    expect(s.at(4, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'a' } })).toEqual([
      { type: 'rejected', reason: 'This answer has been checked and can no longer change.' },
    ]);
    expect(s.at(5, { type: 'pause' })).toEqual([{ type: 'rejected', reason: 'Only timed exams can be paused; practice is saved as you go.' }]);
  });

  it('does not reveal answers in an exam before it is submitted', () => {
    const s = run(exam());
    s.at(1, { type: 'answer', itemId: 'fx-kms-access-denied', answer: { type: 'single', choice: 'a' } });
    expect(s.at(2, { type: 'check', itemId: 'fx-kms-access-denied' })).toEqual([{ type: 'rejected', reason: 'Answers are checked when the exam is submitted.' }]);
  });
});

describe('clock formatting', () => {
  it('reads well on screen and aloud', () => {
    expect(formatClock(50 * MIN)).toBe('50:00');
    expect(formatClock(130 * MIN)).toBe('2:10:00');
    expect(formatClock(61_500)).toBe('1:02');
    expect(describeDuration(10 * MIN)).toBe('10 minutes');
    expect(describeDuration(61_000)).toBe('1 minute 1 second');
  });
});
