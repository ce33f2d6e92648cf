import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom, shuffled, shuffledAwayFrom } from '../../../src/exam/random.ts';
import { startExam, startPractice, slotFor, SessionSetupError } from '../../../src/exam/session-setup.ts';
import { examAvailability, taskQuotas } from '../../../src/exam/blueprint.ts';
import { fixtureBank, syntheticBank } from './helpers.ts';

const bank = fixtureBank();
const now = Date.UTC(2026, 0, 1);

describe('seeded shuffles', () => {
  it('give the same permutation for the same seed and a permutation always', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer(), { maxLength: 40 }), (seed, list) => {
        const a = shuffled(list, seededRandom(seed));
        expect(shuffled(list, seededRandom(seed))).toEqual(a);
        expect([...a].sort((x, y) => x - y)).toEqual([...list].sort((x, y) => x - y));
      }),
    );
  });

  it('never start an ordering question in its correct order', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: 5 }), (seed, n) => {
        const steps = ['a', 'b', 'c', 'd', 'e'].slice(0, n);
        expect(shuffledAwayFrom(steps, seededRandom(seed))).not.toEqual(steps);
      }),
    );
  });

  it('rebuild the same exam from the same seed: questions, order and option order', () => {
    const big = syntheticBank({ '4.1': 20, '4.2': 40, '4.3': 25 });
    const a = startExam(big, { id: 'a', seed: 'seed-1', now, format: 'domain-set' });
    const b = startExam(big, { id: 'a', seed: 'seed-1', now, format: 'domain-set' });
    expect(b).toEqual(a);
    const c = startExam(big, { id: 'a', seed: 'seed-2', now, format: 'domain-set' });
    expect(c.slots.map((s) => s.itemId)).not.toEqual(a.slots.map((s) => s.itemId));
  });

  it('shuffle options per item from the seed alone, whatever else was drawn', () => {
    const item = bank.itemById.get('fx-least-privilege-artifacts')!;
    const practice = startPractice(bank, { id: 'p', seed: 's', now, scope: { kind: 'item', id: '4.3.S1' } });
    const exam = startExam(bank, { id: 'e', seed: 's', now, format: 'domain-set' });
    const fromPractice = practice.slots.find((s) => s.itemId === item.id)!;
    const fromExam = exam.slots.find((s) => s.itemId === item.id)!;
    expect(fromExam.order).toEqual(fromPractice.order);
    expect(slotFor(item, 's', false)).toEqual(fromPractice);
    expect([...fromPractice.order].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const orders = new Set(['1', '2', '3', '4', '5', '6'].map((seed) => slotFor(item, seed, false).order.join('')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keep a case study whole and in order', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const ids = startExam(bank, { id: 'e', seed, now, format: 'domain-set' }).slots.map((s) => s.itemId);
      const first = ids.indexOf('fx-isolated-notebooks-case-fix-notebooks');
      expect(ids[first + 1]).toBe('fx-isolated-notebooks-case-build-network');
    }
  });
});

describe('building exams and practice sets', () => {
  it('uses the real pace: 25 questions in 50 minutes by default, proportioned by task statement', () => {
    expect(Object.fromEntries(taskQuotas(25))).toEqual({ '4.1': 5, '4.2': 13, '4.3': 7 });
    expect(Object.fromEntries(taskQuotas(65))).toEqual({ '4.1': 14, '4.2': 33, '4.3': 18 });
    const big = syntheticBank({ '4.1': 20, '4.2': 40, '4.3': 25 });
    const session = startExam(big, { id: 'd', seed: 'x', now, format: 'domain-set' });
    expect(session.slots).toHaveLength(25);
    expect(session.timing).toMatchObject({ limitMs: 50 * 60_000, usedMs: 0, runningSince: now });
    const perTask = (t: string) => session.slots.filter((s) => big.itemById.get(s.itemId)!.taskStatements.includes(t)).length;
    expect([perTask('4.1'), perTask('4.2'), perTask('4.3')]).toEqual([5, 13, 7]);
    const types = new Set(session.slots.map((s) => big.itemById.get(s.itemId)!.meta.questionType));
    expect([...types].sort()).toEqual(['case-study', 'matching', 'multiple', 'ordering', 'single']);
  });

  it('offers the full-pace exam only when the bank has 65 questions, and says why not', () => {
    expect(examAvailability(bank, 'full-pace')).toEqual({
      available: false,
      questions: 0,
      reason: 'The full-pace exam needs 65 different questions (50 scored, 15 unscored) and the bank has 7. Take a Domain 4 set instead.',
    });
    expect(() => startExam(bank, { id: 'f', seed: 'x', now, format: 'full-pace' })).toThrow(SessionSetupError);
    const big = syntheticBank({ '4.1': 16, '4.2': 36, '4.3': 20 });
    const full = startExam(big, { id: 'f', seed: 'x', now, format: 'full-pace' });
    expect(full.slots).toHaveLength(65);
    expect(full.slots.filter((s) => s.unscored)).toHaveLength(15);
    expect(full.timing!.limitMs).toBe(130 * 60_000);
    expect(full.title).toBe('Full-pace exam: 65 questions, 130 minutes');
  });

  it('uses the whole bank when it is smaller than the set, and says so', () => {
    const session = startExam(bank, { id: 'd', seed: 'x', now, format: 'domain-set' });
    expect(session.slots).toHaveLength(7);
    expect(session.timing!.limitMs).toBe(14 * 60_000);
    expect(session.notes).toEqual(['The bank has 7 questions, so this set uses all of them instead of 25.']);
    expect(examAvailability(syntheticBank({}), 'domain-set').reason).toBe('The question bank is empty, so there is nothing to build an exam from yet.');
  });

  it('draws practice from one task statement or one syllabus item', () => {
    const task = startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'task', id: '4.2' } });
    expect(task.slots.map((s) => s.itemId).sort()).toEqual(['fx-instance-families', 'fx-trail-with-the-cli']);
    expect(task.timing).toBeNull();
    expect(task.title).toBe('Practice: 4.2 Monitor and optimize infrastructure and costs');
    const item = startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'item', id: '4.3.S5' } });
    expect(item.slots.map((s) => s.itemId)).toEqual(['fx-isolated-notebooks-case-build-network']);
    expect(() => startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'item', id: '4.1.K3' } })).toThrow('the bank has no questions on 4.1.K3 yet');
    expect(() => startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'item', id: '9.9.K9' } })).toThrow(/unknown practice scope/);
  });

  it("draws practice from a lesson's items: any question testing one of them", () => {
    const lesson = startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'items', ids: ['4.3.S5', '4.2.K4'], label: 'the lesson “Networks”' } });
    const single = (id: string) => startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'item', id } }).slots.map((s) => s.itemId);
    expect(lesson.slots.map((s) => s.itemId).sort()).toEqual([...single('4.3.S5'), ...single('4.2.K4')].sort());
    expect(lesson.title).toBe('Practice: the lesson “Networks”');
    expect(() => startPractice(bank, { id: 'p', seed: 'x', now, scope: { kind: 'items', ids: ['4.3.S5', '9.9.K9'], label: 'x' } })).toThrow(/unknown practice scope/);
  });
});
