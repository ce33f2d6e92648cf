import { describe, expect, it } from 'vitest';
import { isCorrect, answerProgress, correctAnswer, type Answer } from '../../../src/exam/answers.ts';
import { applyAction } from '../../../src/exam/session-actions.ts';
import { startExam, startPractice } from '../../../src/exam/session-setup.ts';
import { scoreSession, readinessRows } from '../../../src/exam/scoring.ts';
import { estimateScaledScore, scaleFraction, SCALED_PASS } from '../../../src/exam/scaled-score.ts';
import type { ExamSession } from '../../../src/exam/session-types.ts';
import { fixtureBank, syntheticBank } from './helpers.ts';

const bank = fixtureBank();
const item = (id: string) => bank.itemById.get(id)!;

describe('all-or-nothing marking per question type', () => {
  it('single: the one correct option, nothing else', () => {
    const q = item('fx-kms-access-denied');
    expect(isCorrect(q, { type: 'single', choice: 'a' })).toBe(true);
    expect(isCorrect(q, { type: 'single', choice: 'b' })).toBe(false);
    expect(isCorrect(q, undefined)).toBe(false);
  });

  it('multiple: exactly the correct set; a partial or padded answer scores 0', () => {
    const q = item('fx-least-privilege-artifacts');
    expect(isCorrect(q, { type: 'multiple', choices: ['b', 'a'] })).toBe(true);
    expect(isCorrect(q, { type: 'multiple', choices: ['a'] })).toBe(false);
    expect(answerProgress(q, { type: 'multiple', choices: ['a'] })).toBe('partial');
    expect(isCorrect(q, { type: 'multiple', choices: ['a', 'b', 'c'] })).toBe(false);
    expect(isCorrect(q, { type: 'multiple', choices: ['a', 'c'] })).toBe(false);
  });

  it('ordering: every step in place; one swap scores 0', () => {
    const q = item('fx-trail-with-the-cli');
    expect(isCorrect(q, { type: 'ordering', order: ['a', 'b', 'c', 'd'] })).toBe(true);
    expect(isCorrect(q, { type: 'ordering', order: ['a', 'b', 'd', 'c'] })).toBe(false);
    expect(isCorrect(q, { type: 'ordering', order: ['b', 'a', 'c', 'd'] })).toBe(false);
  });

  it('matching: every pair right; three of four pairs score 0', () => {
    const q = item('fx-instance-families');
    expect(isCorrect(q, { type: 'matching', pairs: { a: '1', b: '2', c: '3', d: '4' } })).toBe(true);
    expect(isCorrect(q, { type: 'matching', pairs: { a: '1', b: '2', c: '3' } })).toBe(false);
    expect(answerProgress(q, { type: 'matching', pairs: { a: '1', b: '2', c: '3' } })).toBe('partial');
    expect(isCorrect(q, { type: 'matching', pairs: { a: '1', b: '2', c: '3', d: '5' } })).toBe(false);
  });

  it('an answer of the wrong type never scores', () => {
    expect(isCorrect(item('fx-kms-access-denied'), { type: 'multiple', choices: ['a'] })).toBe(false);
  });

  it('correctAnswer earns the mark for every item in the bank', () => {
    for (const i of bank.items) expect(isCorrect(i, correctAnswer(i)), i.id).toBe(true);
  });
});

describe('scoring a session', () => {
  const start = Date.UTC(2026, 0, 1, 9);
  const answer = (s: ExamSession, itemId: string, a: Answer) => applyAction(s, bank, { type: 'answer', itemId, answer: a }, start + 1000).session;

  it('scores case-study sub-questions separately, unanswered as wrong, and breaks results down', () => {
    let session = startExam(bank, { id: 's1', seed: 'scoring', now: start, format: 'domain-set', questions: 7 });
    expect(session.slots).toHaveLength(7);
    session = answer(session, 'fx-isolated-notebooks-case-fix-notebooks', { type: 'single', choice: 'a' });
    session = answer(session, 'fx-isolated-notebooks-case-build-network', { type: 'ordering', order: ['b', 'a', 'c', 'd'] });
    session = answer(session, 'fx-least-privilege-artifacts', { type: 'multiple', choices: ['a'] });
    session = answer(session, 'fx-instance-families', { type: 'matching', pairs: { a: '1', b: '2', c: '3', d: '4' } });
    session = answer(session, 'fx-trail-with-the-cli', { type: 'ordering', order: ['a', 'b', 'c', 'd'] });
    session = answer(session, 'fx-kms-access-denied', { type: 'single', choice: 'a' });
    // fx-feature-drift-alerting stays unanswered.
    const submitted = applyAction(session, bank, { type: 'submit' }, start + 60_000).session;
    const result = submitted.result!;
    expect(result.scored).toEqual({ correct: 4, total: 7 });
    expect(result.unanswered).toBe(1);
    expect(result.outcomes.find((o) => o.itemId === 'fx-isolated-notebooks-case-fix-notebooks')!.correct).toBe(true);
    expect(result.outcomes.find((o) => o.itemId === 'fx-isolated-notebooks-case-build-network')!.correct).toBe(false);
    expect(result.byTaskStatement).toEqual({ '4.1': { correct: 0, total: 1 }, '4.2': { correct: 2, total: 2 }, '4.3': { correct: 2, total: 4 } });
    expect(result.byItem['4.3.S5']).toEqual({ correct: 0, total: 1 });
    expect(result.byItem['4.3.K3']).toEqual({ correct: 1, total: 1 });
    expect(result.byItem['4.3.S1']).toEqual({ correct: 0, total: 1 });
    expect(result.byType).toEqual({
      single: { correct: 2, total: 3 },
      multiple: { correct: 0, total: 1 },
      ordering: { correct: 1, total: 2 },
      matching: { correct: 1, total: 1 },
    });
    expect(result.scaled!.score).toBe(scaleFraction(4 / 7));
    expect(result.scaled!.passed).toBe(false);
    expect(readinessRows(result, 'task').map((r) => [r.id, r.ready])).toEqual([['4.1', false], ['4.2', true], ['4.3', false]]);
  });

  it('leaves unscored items out of the score but keeps them in the outcomes', () => {
    const big = syntheticBank({ '4.1': 16, '4.2': 36, '4.3': 20 });
    let session = startExam(big, { id: 'full', seed: 'pace', now: start, format: 'full-pace' });
    const unscored = session.slots.filter((s) => s.unscored).map((s) => s.itemId);
    expect(unscored).toHaveLength(15);
    for (const slot of session.slots) {
      session = applyAction(session, big, { type: 'answer', itemId: slot.itemId, answer: correctAnswer(big.itemById.get(slot.itemId)!) }, start + 1).session;
    }
    const result = applyAction(session, big, { type: 'submit' }, start + 2).session.result!;
    expect(result.scored).toEqual({ correct: 50, total: 50 });
    expect(result.unscored).toBe(15);
    expect(result.outcomes).toHaveLength(65);
    expect(result.scaled!.score).toBe(1000);
  });

  it('reports items the bank no longer has instead of failing', () => {
    const session = startPractice(bank, { id: 'p', seed: 'x', now: start, scope: { kind: 'task', id: '4.3' } });
    const smaller = { ...bank, itemById: new Map([...bank.itemById].filter(([id]) => id !== 'fx-kms-access-denied')) };
    const result = scoreSession(session, smaller);
    expect(result.missingItems).toEqual(['fx-kms-access-denied']);
    expect(result.scored.total).toBe(session.slots.length - 1);
  });
});

describe('scaled-score estimate', () => {
  it('maps 0 % to 100, the assumed pass fraction (70 %) to 720 and 100 % to 1000', () => {
    expect(scaleFraction(0)).toBe(100);
    expect(scaleFraction(0.7)).toBe(SCALED_PASS);
    expect(scaleFraction(1)).toBe(1000);
    expect(scaleFraction(0.35)).toBe(410);
    expect(scaleFraction(0.85)).toBe(860);
  });

  it('is monotonic and gives a likely range that narrows with more questions', () => {
    let previous = 0;
    for (let correct = 0; correct <= 50; correct++) {
      const estimate = estimateScaledScore(correct, 50)!;
      expect(estimate.score).toBeGreaterThanOrEqual(previous);
      expect(estimate.low).toBeLessThanOrEqual(estimate.score);
      expect(estimate.high).toBeGreaterThanOrEqual(estimate.score);
      previous = estimate.score;
    }
    const short = estimateScaledScore(18, 25)!;
    const long = estimateScaledScore(36, 50)!;
    expect(long.high - long.low).toBeLessThan(short.high - short.low);
    expect(estimateScaledScore(0, 0)).toBeUndefined();
  });
});
