/**
 * Spaced repetition across sessions, with Leitner boxes for every question and every syllabus item.
 *
 * A question answered wrongly goes back to box 1 and is due at the next drill; each right answer
 * moves it up a box and pushes its next review further out (1, 3, 7, 16 days). A syllabus item
 * moves the same way per session: all its questions right → up a box; mostly wrong → box 1.
 * A drill serves due questions first, then unseen or least-recent questions of the weakest items.
 * The schedule is a plain serialisable object, kept by the same store as sessions.
 */
import { syllabusItemIds } from './syllabus-lookup.ts';
import { ASSUMED_PASS_FRACTION } from './scaled-score.ts';
import type { QuestionBank, ScoredItem } from './scored-items.ts';
import type { ExamSession } from './session-types.ts';
import { isCorrect } from './answers.ts';

export const BOX_COUNT = 5;
/** Days until the next review after landing in box 1…5. Box 1 is due again at once. */
export const BOX_INTERVAL_DAYS = [0, 1, 3, 7, 16] as const;
const DAY_MS = 86_400_000;
/** How many recent results an item's accuracy is computed from. */
const RECENT_RESULTS = 10;

export interface Card {
  /** 1 (shaky) … 5 (solid). */
  box: number;
  /** Epoch ms from which it is due again. */
  due: number;
  attempts: number;
  correct: number;
  /** Times it was wrong after having been right. */
  lapses: number;
  lastSeen: number;
  /** Most recent results, oldest first (true = right). */
  recent: boolean[];
}

export interface DrillSchedule {
  format: 'mlsec-drill-schedule';
  version: 1;
  /** Per scored item (question or case-study sub-question) id. */
  questions: Record<string, Card>;
  /** Per syllabus item id (`4.3.S1` …). */
  items: Record<string, Card>;
  updatedAt: number;
}

export interface Outcome {
  itemId: string;
  correct: boolean;
  /** Syllabus ids of the question. */
  syllabus: string[];
}

export function emptySchedule(now = 0): DrillSchedule {
  return { format: 'mlsec-drill-schedule', version: 1, questions: {}, items: {}, updatedAt: now };
}

/** Records a batch of outcomes (one session, or one checked answer) at `now`. */
export function recordOutcomes(schedule: DrillSchedule, outcomes: readonly Outcome[], now: number): DrillSchedule {
  if (outcomes.length === 0) return schedule;
  const questions = { ...schedule.questions };
  for (const outcome of outcomes) questions[outcome.itemId] = reviewCard(questions[outcome.itemId], outcome.correct, now);

  const items = { ...schedule.items };
  const bySyllabus = new Map<string, boolean[]>();
  for (const outcome of outcomes) for (const id of new Set(outcome.syllabus)) bySyllabus.set(id, [...(bySyllabus.get(id) ?? []), outcome.correct]);
  for (const [id, results] of bySyllabus) items[id] = reviewItemCard(items[id], results, now);
  return { ...schedule, questions, items, updatedAt: now };
}

/** Leitner: everything starts in box 1, so a first right answer lands in box 2. */
function newCard(now: number): Card {
  return { box: 1, due: now, attempts: 0, correct: 0, lapses: 0, lastSeen: now, recent: [] };
}

function reviewCard(card: Card | undefined, correct: boolean, now: number): Card {
  const previous = card ?? newCard(now);
  const box = correct ? Math.min(BOX_COUNT, previous.box + 1) : 1;
  return {
    box,
    due: now + BOX_INTERVAL_DAYS[box - 1]! * DAY_MS,
    attempts: previous.attempts + 1,
    correct: previous.correct + (correct ? 1 : 0),
    lapses: previous.lapses + (!correct && previous.attempts > 0 && previous.box >= 2 ? 1 : 0),
    lastSeen: now,
    recent: [...previous.recent, correct].slice(-RECENT_RESULTS),
  };
}

function reviewItemCard(card: Card | undefined, results: readonly boolean[], now: number): Card {
  const previous = card ?? newCard(now);
  const right = results.filter(Boolean).length;
  const share = right / results.length;
  const box = share === 1 ? Math.min(BOX_COUNT, previous.box + 1) : share >= 0.5 ? Math.max(1, previous.box - 1) : 1;
  return {
    box,
    due: now + BOX_INTERVAL_DAYS[box - 1]! * DAY_MS,
    attempts: previous.attempts + results.length,
    correct: previous.correct + right,
    lapses: previous.lapses + (share < 1 && previous.box >= 2 ? 1 : 0),
    lastSeen: now,
    recent: [...previous.recent, ...results].slice(-RECENT_RESULTS),
  };
}

/** Share of recent results that were right (0 when never seen). */
export function recentAccuracy(card: Card): number {
  return card.recent.length ? card.recent.filter(Boolean).length / card.recent.length : 0;
}

/** Weak: back in box 1, or recent accuracy below the share the pass mark is assumed to need. */
export function isWeak(card: Card): boolean {
  return card.box === 1 || recentAccuracy(card) < ASSUMED_PASS_FRACTION;
}

export interface WeakItem {
  id: string;
  box: number;
  accuracy: number;
  attempts: number;
  due: number;
}

export interface DrillOverview {
  /** Questions whose review is due now. */
  dueQuestions: number;
  /** Syllabus items that are weak, weakest first. */
  weakItems: WeakItem[];
  /** When the next question falls due, if none is due now. */
  nextDue: number | undefined;
  /** Questions ever answered (in any mode). */
  seenQuestions: number;
}

export function drillOverview(schedule: DrillSchedule, bank: QuestionBank, now: number): DrillOverview {
  const cards = Object.entries(schedule.questions).filter(([id]) => bank.itemById.has(id));
  const due = cards.filter(([, c]) => c.due <= now);
  const later = cards.filter(([, c]) => c.due > now).map(([, c]) => c.due);
  return {
    dueQuestions: due.length,
    weakItems: weakItems(schedule),
    nextDue: due.length === 0 && later.length ? Math.min(...later) : undefined,
    seenQuestions: cards.length,
  };
}

export function weakItems(schedule: DrillSchedule): WeakItem[] {
  return Object.entries(schedule.items)
    .filter(([, card]) => isWeak(card))
    .map(([id, card]) => ({ id, box: card.box, accuracy: recentAccuracy(card), attempts: card.attempts, due: card.due }))
    .sort((a, b) => a.box - b.box || a.accuracy - b.accuracy || a.id.localeCompare(b.id));
}

/**
 * The questions of the next drill, at most `count`: due questions (lowest box, then most overdue),
 * then questions of weak items — never seen before first, then those seen longest ago — skipping
 * questions that are scheduled for later because they were recently answered right.
 */
export function planDrill(schedule: DrillSchedule, bank: QuestionBank, now: number, count: number): string[] {
  const chosen: string[] = [];
  const add = (id: string) => {
    if (chosen.length < count && !chosen.includes(id)) chosen.push(id);
  };
  Object.entries(schedule.questions)
    .filter(([id, card]) => card.due <= now && bank.itemById.has(id))
    .sort(([, a], [, b]) => a.box - b.box || a.due - b.due)
    .forEach(([id]) => add(id));

  for (const weak of weakItems(schedule)) {
    if (chosen.length >= count) break;
    const candidates = bank.items
      .filter((item) => item.syllabus.includes(weak.id))
      .filter((item) => {
        const card = schedule.questions[item.id];
        return !card || card.due <= now;
      })
      .sort((a, b) => (schedule.questions[a.id]?.lastSeen ?? -1) - (schedule.questions[b.id]?.lastSeen ?? -1) || a.id.localeCompare(b.id));
    // Two per weak item per pass keeps a drill from being all about one item.
    candidates.slice(0, 2).forEach((item) => add(item.id));
  }
  return chosen;
}

/**
 * Outcomes of a session that the schedule has not recorded yet: checked answers in practice and
 * drills (as soon as they are checked), every item of an exam once it is submitted.
 */
export function pendingOutcomes(session: ExamSession, bank: QuestionBank): Outcome[] {
  const done = new Set(session.scheduled);
  const ids = session.mode === 'exam' ? (session.status === 'submitted' ? session.slots.map((s) => s.itemId) : []) : session.checked;
  return ids
    .filter((id) => !done.has(id))
    .map((id) => bank.itemById.get(id))
    .filter((item): item is ScoredItem => item !== undefined)
    .map((item) => ({ itemId: item.id, correct: isCorrect(item, session.answers[item.id]), syllabus: item.syllabus }));
}

/** Marks outcomes as recorded, so they are never counted twice. */
export function markScheduled(session: ExamSession, outcomes: readonly Outcome[]): ExamSession {
  if (outcomes.length === 0) return session;
  return { ...session, scheduled: [...new Set([...session.scheduled, ...outcomes.map((o) => o.itemId)])] };
}

/**
 * Everything ever answered (exams, practice, drills), tallied per task statement and per syllabus
 * item from the question cards, for the readiness chart across sessions.
 */
export function scheduleTallies(schedule: DrillSchedule, bank: QuestionBank): { byTaskStatement: Record<string, { correct: number; total: number }>; byItem: Record<string, { correct: number; total: number }> } {
  const byTaskStatement: Record<string, { correct: number; total: number }> = {};
  const byItem: Record<string, { correct: number; total: number }> = {};
  for (const [id, card] of Object.entries(schedule.questions)) {
    const item = bank.itemById.get(id);
    if (!item) continue;
    for (const task of item.taskStatements) {
      const t = (byTaskStatement[task] ??= { correct: 0, total: 0 });
      t.correct += card.correct;
      t.total += card.attempts;
    }
    for (const syllabusId of new Set(item.syllabus)) {
      const t = (byItem[syllabusId] ??= { correct: 0, total: 0 });
      t.correct += card.correct;
      t.total += card.attempts;
    }
  }
  const sorted = <T,>(record: Record<string, T>, order: readonly string[]) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
  return { byTaskStatement: sorted(byTaskStatement, ['4.1', '4.2', '4.3']), byItem: sorted(byItem, syllabusItemIds) };
}
