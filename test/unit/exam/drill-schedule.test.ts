import { describe, expect, it } from 'vitest';
import { drillOverview, emptySchedule, markScheduled, pendingOutcomes, planDrill, recordOutcomes, weakItems } from '../../../src/exam/drill-schedule.ts';
import { applyAction } from '../../../src/exam/session-actions.ts';
import { startDrillSession, startExam, startPractice } from '../../../src/exam/session-setup.ts';
import { correctAnswer } from '../../../src/exam/answers.ts';
import { fixtureBank } from './helpers.ts';

const bank = fixtureBank();
const DAY = 86_400_000;
const t0 = Date.UTC(2026, 3, 1, 8);
const outcome = (itemId: string, correct: boolean) => ({ itemId, correct, syllabus: bank.itemById.get(itemId)!.syllabus });

describe('Leitner scheduling per question', () => {
  it('moves a question up a box for each right answer and back to box 1 on a miss', () => {
    let schedule = emptySchedule(t0);
    const id = 'fx-kms-access-denied';
    const boxes: [number, number][] = [];
    let now = t0;
    for (const correct of [true, true, true, true, true, false, true]) {
      schedule = recordOutcomes(schedule, [outcome(id, correct)], now);
      const card = schedule.questions[id]!;
      boxes.push([card.box, (card.due - now) / DAY]);
      now = card.due;
    }
    expect(boxes).toEqual([
      [2, 1],
      [3, 3],
      [4, 7],
      [5, 16],
      [5, 16],
      [1, 0],
      [2, 1],
    ]);
    expect(schedule.questions[id]).toMatchObject({ attempts: 7, correct: 6, lapses: 1 });
  });

  it('moves a syllabus item per session: all right → up, mostly wrong → box 1', () => {
    let schedule = recordOutcomes(emptySchedule(), [outcome('fx-isolated-notebooks-case-fix-notebooks', true)], t0);
    expect(schedule.items['4.3.K3']!.box).toBe(2);
    schedule = recordOutcomes(schedule, [outcome('fx-isolated-notebooks-case-fix-notebooks', true)], t0 + DAY);
    expect(schedule.items['4.3.K3']!.box).toBe(3);
    // Half right: down one box, not back to the start.
    schedule = recordOutcomes(schedule, [outcome('fx-least-privilege-artifacts', true), outcome('fx-least-privilege-artifacts', false)], t0 + 2 * DAY);
    expect(schedule.items['4.3.S1']!.box).toBe(1);
    schedule = recordOutcomes(schedule, [outcome('fx-isolated-notebooks-case-fix-notebooks', true), outcome('fx-isolated-notebooks-case-fix-notebooks', false)], t0 + 3 * DAY);
    expect(schedule.items['4.3.K3']!.box).toBe(2);
    schedule = recordOutcomes(schedule, [outcome('fx-isolated-notebooks-case-fix-notebooks', false)], t0 + 4 * DAY);
    expect(schedule.items['4.3.K3']!.box).toBe(1);
  });
});

describe('planning a drill', () => {
  it('serves due missed questions first, then unseen questions of weak items, and skips ones learned recently', () => {
    let schedule = emptySchedule();
    schedule = recordOutcomes(
      schedule,
      [outcome('fx-kms-access-denied', false), outcome('fx-trail-with-the-cli', true), outcome('fx-least-privilege-artifacts', false), outcome('fx-feature-drift-alerting', true)],
      t0,
    );
    const plan = planDrill(schedule, bank, t0 + 60_000, 10);
    // Both misses are due now (box 1); 4.3.S1 and 4.3.K1 are weak, so 4.3 questions not seen yet follow.
    expect(plan.slice(0, 2).sort()).toEqual(['fx-kms-access-denied', 'fx-least-privilege-artifacts']);
    expect(plan).not.toContain('fx-trail-with-the-cli');
    expect(plan).not.toContain('fx-feature-drift-alerting');
    expect(weakItems(schedule).map((w) => w.id)).toEqual(['4.3.K1', '4.3.S1', '4.3.S4']);
    // A day later the right answers are due for review too.
    expect(planDrill(schedule, bank, t0 + DAY, 10)).toEqual(expect.arrayContaining(['fx-trail-with-the-cli', 'fx-feature-drift-alerting']));
    expect(planDrill(schedule, bank, t0, 1)).toHaveLength(1);
    expect(drillOverview(schedule, bank, t0 + 60_000)).toMatchObject({ dueQuestions: 2, seenQuestions: 4, nextDue: undefined });
  });

  it('says when the next review is due when nothing is due now', () => {
    const schedule = recordOutcomes(emptySchedule(), [outcome('fx-trail-with-the-cli', true)], t0);
    expect(drillOverview(schedule, bank, t0 + 1)).toMatchObject({ dueQuestions: 0, nextDue: t0 + DAY });
  });
});

describe('feeding the schedule from sessions', () => {
  it('records a submitted exam once, every item, unanswered as missed', () => {
    let exam = startExam(bank, { id: 'e', seed: 'x', now: t0, format: 'domain-set' });
    expect(pendingOutcomes(exam, bank)).toEqual([]);
    const first = exam.slots[0]!.itemId;
    exam = applyAction(exam, bank, { type: 'answer', itemId: first, answer: correctAnswer(bank.itemById.get(first)!) }, t0 + 1).session;
    exam = applyAction(exam, bank, { type: 'submit' }, t0 + 2).session;
    const pending = pendingOutcomes(exam, bank);
    expect(pending).toHaveLength(7);
    expect(pending.filter((o) => o.correct).map((o) => o.itemId)).toEqual([first]);
    exam = markScheduled(exam, pending);
    expect(pendingOutcomes(exam, bank)).toEqual([]);
  });

  it('records practice answers as they are checked, and drills what was missed', () => {
    let practice = startPractice(bank, { id: 'p', seed: 'x', now: t0, scope: { kind: 'task', id: '4.2' } });
    practice = applyAction(practice, bank, { type: 'answer', itemId: 'fx-trail-with-the-cli', answer: { type: 'ordering', order: ['b', 'a', 'c', 'd'] } }, t0).session;
    expect(pendingOutcomes(practice, bank)).toEqual([]);
    practice = applyAction(practice, bank, { type: 'check', itemId: 'fx-trail-with-the-cli' }, t0).session;
    const pending = pendingOutcomes(practice, bank);
    expect(pending).toEqual([{ itemId: 'fx-trail-with-the-cli', correct: false, syllabus: ['4.2.S2'] }]);
    const schedule = recordOutcomes(emptySchedule(), pending, t0);
    const drill = startDrillSession(bank, { id: 'd', seed: 'y', now: t0 + 1, itemIds: planDrill(schedule, bank, t0 + 1, 10), count: 10 });
    expect(drill.mode).toBe('drill');
    expect(drill.slots.map((s) => s.itemId)).toEqual(['fx-trail-with-the-cli']);
    expect(() => startDrillSession(bank, { id: 'd', seed: 'y', now: t0, itemIds: [], count: 10 })).toThrow(/nothing to drill yet/);
  });
});
