/**
 * Scoring a session as MLA-C01 does: one mark per scored item (case-study sub-questions each
 * count), all-or-nothing, unanswered = wrong, no penalty for guessing, unscored items left out.
 * Results are broken down per task statement and per syllabus item to show readiness.
 */
import { syllabusData as syllabus, syllabusItemIds } from './syllabus-lookup.ts';
import { answerProgress, isCorrect, type AnswerProgress } from './answers.ts';
import { estimateScaledScore, ASSUMED_PASS_FRACTION, type ScaledEstimate } from './scaled-score.ts';
import type { QuestionBank, ScoredItemType } from './scored-items.ts';
import type { ExamSession } from './session-types.ts';

export interface Tally {
  correct: number;
  total: number;
}

export interface ItemOutcome {
  itemId: string;
  type: ScoredItemType;
  correct: boolean;
  progress: AnswerProgress;
  unscored: boolean;
  flagged: boolean;
  syllabus: string[];
  taskStatements: string[];
}

export interface ExamResult {
  /** Scored items only. */
  scored: Tally;
  /** Scored items left unanswered (they count as wrong). */
  unanswered: number;
  /** Items that were part of the exam but not of the score. */
  unscored: number;
  byTaskStatement: Record<string, Tally>;
  byItem: Record<string, Tally>;
  byType: Record<ScoredItemType, Tally>;
  /** The scaled-score estimate (see scaled-score.ts); undefined when nothing was scored. */
  scaled?: ScaledEstimate;
  outcomes: ItemOutcome[];
  /** Items of the session that the bank no longer has (left out of the score). */
  missingItems: string[];
}

export function scoreSession(session: ExamSession, bank: QuestionBank): ExamResult {
  const flagged = new Set(session.flagged);
  const outcomes: ItemOutcome[] = [];
  const missingItems: string[] = [];
  for (const slot of session.slots) {
    const item = bank.itemById.get(slot.itemId);
    if (!item) {
      missingItems.push(slot.itemId);
      continue;
    }
    const answer = session.answers[slot.itemId];
    outcomes.push({
      itemId: item.id,
      type: item.type,
      correct: isCorrect(item, answer),
      progress: answerProgress(item, answer),
      unscored: slot.unscored,
      flagged: flagged.has(item.id),
      syllabus: item.syllabus,
      taskStatements: item.taskStatements,
    });
  }
  return tallyOutcomes(outcomes, missingItems);
}

export function tallyOutcomes(outcomes: readonly ItemOutcome[], missingItems: string[] = []): ExamResult {
  const byTaskStatement: Record<string, Tally> = {};
  const byItem: Record<string, Tally> = {};
  const byType: Record<ScoredItemType, Tally> = { single: tally(), multiple: tally(), ordering: tally(), matching: tally() };
  const scored = tally();
  let unanswered = 0;
  let unscored = 0;
  for (const outcome of outcomes) {
    if (outcome.unscored) {
      unscored++;
      continue;
    }
    add(scored, outcome.correct);
    add(byType[outcome.type], outcome.correct);
    if (outcome.progress === 'none') unanswered++;
    for (const task of outcome.taskStatements) add((byTaskStatement[task] ??= tally()), outcome.correct);
    for (const id of new Set(outcome.syllabus)) add((byItem[id] ??= tally()), outcome.correct);
  }
  return {
    scored,
    unanswered,
    unscored,
    byTaskStatement: ordered(byTaskStatement, syllabus.taskStatements.map((t) => t.id)),
    byItem: ordered(byItem, syllabusItemIds),
    byType,
    scaled: estimateScaledScore(scored.correct, scored.total),
    outcomes: [...outcomes],
    missingItems,
  };
}

/** A readiness row: share correct against the share we assume the pass mark needs. */
export interface ReadinessRow {
  id: string;
  label: string;
  correct: number;
  total: number;
  /** 0–1. */
  fraction: number;
  /** At or above ASSUMED_PASS_FRACTION. */
  ready: boolean;
}

/** Rows for the readiness chart: per task statement, then per syllabus item that was tested. */
export function readinessRows(result: Pick<ExamResult, 'byTaskStatement' | 'byItem'>, level: 'task' | 'item'): ReadinessRow[] {
  const source = level === 'task' ? result.byTaskStatement : result.byItem;
  return Object.entries(source).map(([id, t]) => {
    const fraction = t.total ? t.correct / t.total : 0;
    return { id, label: labelOf(id, level), correct: t.correct, total: t.total, fraction, ready: fraction >= ASSUMED_PASS_FRACTION };
  });
}

function labelOf(id: string, level: 'task' | 'item'): string {
  if (level === 'task') return syllabus.taskStatements.find((t) => t.id === id)?.title ?? id;
  for (const task of syllabus.taskStatements) {
    const item = task.items.find((i) => i.id === id);
    if (item) return item.text;
  }
  return id;
}

function tally(): Tally {
  return { correct: 0, total: 0 };
}

function add(t: Tally, correct: boolean): void {
  t.total++;
  if (correct) t.correct++;
}

function ordered<T>(record: Record<string, T>, order: readonly string[]): Record<string, T> {
  const keys = Object.keys(record).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return Object.fromEntries(keys.map((k) => [k, record[k]!]));
}
