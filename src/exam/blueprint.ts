/**
 * Which questions an exam or practice set contains. A timed Domain 4 set follows the exam's shape:
 * task statements in proportion to their syllabus item counts, every question type when the bank
 * has it, case-study sub-questions kept together. All choices come from the seeded generator.
 */
import { syllabusData as syllabus, syllabusItemIds } from './syllabus-lookup.ts';
import { seededRandom, shuffled, type Random } from './random.ts';
import type { QuestionBank, ScoredItem } from './scored-items.ts';

/** A question file's scored items that travel together (one item, or a whole case study). */
interface Unit {
  questionId: string;
  items: ScoredItem[];
  /** The task statement it counts toward: the most common among its items' syllabus ids. */
  task: string;
  kind: ScoredItem['meta']['questionType'];
}

export const EXAM_FORMATS = {
  /** A Domain 4 set: the real exam's pace (2 minutes a question), sized for one sitting. */
  'domain-set': { questions: 25, minutes: 50, unscored: 0 },
  /** The real exam's full length and pace: 65 questions in 130 minutes, 15 of them unscored and not identified. */
  'full-pace': { questions: 65, minutes: 130, unscored: 15 },
} as const;

export type ExamFormat = keyof typeof EXAM_FORMATS;

/** Real-exam pace, used to time a set whose length the learner chose. */
export const MINUTES_PER_QUESTION = 2;

export interface Availability {
  available: boolean;
  /** How many questions the exam will have (may be fewer than asked for a domain set). */
  questions: number;
  /** Why it is unavailable, or what was adjusted; for people. */
  reason?: string;
}

/** Whether the bank can supply an exam of this format and length, and if not, why. */
export function examAvailability(bank: QuestionBank, format: ExamFormat, requested?: number): Availability {
  const size = bank.items.length;
  if (format === 'full-pace') {
    const needed = EXAM_FORMATS['full-pace'].questions;
    if (size < needed) {
      return {
        available: false,
        questions: 0,
        reason: `The full-pace exam needs ${needed} different questions (50 scored, 15 unscored) and the bank has ${size}. Take a Domain 4 set instead.`,
      };
    }
    return { available: true, questions: needed };
  }
  const wanted = requested ?? EXAM_FORMATS['domain-set'].questions;
  if (size === 0) return { available: false, questions: 0, reason: 'The question bank is empty, so there is nothing to build an exam from yet.' };
  if (!Number.isInteger(wanted) || wanted < 1) return { available: false, questions: 0, reason: `Ask for at least 1 question (got ${wanted}).` };
  if (wanted > size) {
    return { available: true, questions: size, reason: `The bank has ${size} questions, so this set uses all of them instead of ${wanted}.` };
  }
  return { available: true, questions: wanted };
}

export interface ExamSelection {
  items: ScoredItem[];
  /** Ids of items that count toward the exam but not toward the score. */
  unscored: string[];
}

/** Picks a timed exam's items. Throws when `examAvailability` says no. */
export function selectExamItems(bank: QuestionBank, format: ExamFormat, seed: string, requested?: number): ExamSelection {
  const availability = examAvailability(bank, format, requested);
  if (!availability.available) throw new Error(availability.reason);
  const random = seededRandom(`${seed}:select`);
  const units = unitsOf(bank.items);
  const chosen = chooseUnits(units, availability.questions, random);
  const items = shuffled(chosen, random).flatMap((u) => u.items);
  const unscoredCount = EXAM_FORMATS[format].unscored;
  return { items, unscored: unscoredCount ? pickUnscored(items, unscoredCount, random) : [] };
}

/**
 * Practice scope: a task statement, one syllabus item, the items a lesson teaches (a lesson's
 * "practise these questions" link), or the whole domain.
 */
export type PracticeScope =
  | { kind: 'task'; id: string }
  | { kind: 'item'; id: string }
  | { kind: 'items'; ids: string[]; label: string }
  | { kind: 'all' };

export function itemsInScope(bank: QuestionBank, scope: PracticeScope): ScoredItem[] {
  switch (scope.kind) {
    case 'all':
      return bank.items;
    case 'task':
      return bank.items.filter((item) => item.taskStatements.includes(scope.id));
    case 'item':
      return bank.items.filter((item) => item.syllabus.includes(scope.id));
    case 'items':
      return bank.items.filter((item) => item.syllabus.some((id) => scope.ids.includes(id)));
  }
}

export function describeScope(scope: PracticeScope): string {
  if (scope.kind === 'all') return 'all of Domain 4';
  if (scope.kind === 'task') {
    const task = syllabus.taskStatements.find((t) => t.id === scope.id);
    return task ? `${task.id} ${task.title}` : scope.id;
  }
  if (scope.kind === 'items') return scope.label;
  return scope.id;
}

export function isValidScope(scope: PracticeScope): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'task') return syllabus.taskStatements.some((t) => t.id === scope.id);
  if (scope.kind === 'items') return scope.ids.length > 0 && scope.ids.every((id) => syllabusItemIds.includes(id));
  return syllabusItemIds.includes(scope.id);
}

/** Practice items in scope, whole case studies kept together and in order, at most `count` (all when null). */
export function selectPracticeItems(bank: QuestionBank, scope: PracticeScope, seed: string, count: number | null): ScoredItem[] {
  const random = seededRandom(`${seed}:select`);
  const units = shuffled(unitsOf(itemsInScope(bank, scope)), random);
  const out: ScoredItem[] = [];
  for (const unit of units) {
    if (count !== null && out.length >= count) break;
    out.push(...unit.items);
  }
  return out;
}

function unitsOf(items: readonly ScoredItem[]): Unit[] {
  const byQuestion = new Map<string, ScoredItem[]>();
  for (const item of items) {
    const list = byQuestion.get(item.meta.questionId) ?? [];
    list.push(item);
    byQuestion.set(item.meta.questionId, list);
  }
  return [...byQuestion.entries()].map(([questionId, unitItems]) => ({
    questionId,
    items: unitItems,
    task: mostCommonTask(unitItems),
    kind: unitItems[0]!.meta.questionType,
  }));
}

function mostCommonTask(items: readonly ScoredItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) for (const id of item.syllabus) counts.set(id.slice(0, 3), (counts.get(id.slice(0, 3)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '4.1';
}

/** Per task statement, its share of `total` by syllabus item count (largest remainder rounding). */
export function taskQuotas(total: number): Map<string, number> {
  const itemTotal = syllabusItemIds.length;
  const exact = syllabus.taskStatements.map((t) => ({ id: t.id, share: (t.items.length / itemTotal) * total }));
  const quotas = new Map(exact.map((e) => [e.id, Math.floor(e.share)]));
  let left = total - [...quotas.values()].reduce((a, b) => a + b, 0);
  for (const e of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1))) {
    if (left-- <= 0) break;
    quotas.set(e.id, quotas.get(e.id)! + 1);
  }
  return quotas;
}

function chooseUnits(all: readonly Unit[], target: number, random: Random): Unit[] {
  const pool = shuffled(all, random);
  const quotas = taskQuotas(target);
  const chosen: Unit[] = [];
  const used = new Set<string>();
  let size = 0;
  const take = (unit: Unit) => {
    chosen.push(unit);
    used.add(unit.questionId);
    size += unit.items.length;
    quotas.set(unit.task, (quotas.get(unit.task) ?? 0) - unit.items.length);
  };
  // 1. One of each question type first, so a short set still shows every type the bank has.
  for (const kind of ['case-study', 'ordering', 'matching', 'multiple', 'single'] as const) {
    const unit = pool.find((u) => u.kind === kind && !used.has(u.questionId) && u.items.length <= (quotas.get(u.task) ?? 0) && size + u.items.length <= target);
    if (unit) take(unit);
  }
  // 2. Fill each task statement's quota.
  for (const unit of pool) {
    if (used.has(unit.questionId)) continue;
    if (unit.items.length <= (quotas.get(unit.task) ?? 0) && size + unit.items.length <= target) take(unit);
  }
  // 3. A task statement without enough questions lends its places to the others.
  for (const unit of pool) {
    if (size >= target) break;
    if (!used.has(unit.questionId) && size + unit.items.length <= target) take(unit);
  }
  return chosen;
}

/** Unscored items, preferring standalone questions so case studies stay whole in the score. */
function pickUnscored(items: readonly ScoredItem[], count: number, random: Random): string[] {
  const standalone = shuffled(items.filter((i) => !i.caseStudy), random);
  const inCases = shuffled(items.filter((i) => i.caseStudy), random);
  return [...standalone, ...inCases].slice(0, count).map((i) => i.id);
}
