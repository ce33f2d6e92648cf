/**
 * What the bank holds (by type, task statement and syllabus item) and whether it meets the floor
 * the product promises: at least 160 questions spread over 4.1–4.3 in proportion to their item
 * counts, with at least 15 multiple-response, 10 ordering, 10 matching and 4 case studies.
 */
import { syllabus, syllabusItemIds } from '../curriculum/syllabus.ts';
import type { Question, QuestionType } from './question-schema.ts';
import { scoredItemsOf } from './scored-items.ts';
import type { LoadedQuestion } from './bank-validate.ts';

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'ordering', 'matching', 'case-study'];

/** The floor from the product's issue. Counts are question files (a case study counts once). */
export const BANK_FLOOR = {
  total: 160,
  byType: { multiple: 15, ordering: 10, matching: 10, 'case-study': 4 } as Partial<Record<QuestionType, number>>,
  /** How far (in percentage points) a task statement's share may stray from its share of syllabus items. */
  shareTolerancePoints: 5,
};

export interface FloorCheck {
  name: string;
  required: string;
  actual: string;
  met: boolean;
}

export interface BankReport {
  /** Question files (a case study counts once). */
  total: number;
  /** Question files by type. */
  byType: Record<QuestionType, number>;
  /** Questions that test each syllabus item (all 32 listed, zeros included). A question counts once per item it names. */
  byItem: Record<string, number>;
  /** Question files per task statement folder. */
  byTaskStatement: Record<string, number>;
  /** Scored items: case-study sub-questions count separately, as the exam scores them. */
  scoredItems: number;
  /** Scored items by their own type (sub-questions by theirs). */
  scoredItemsByType: Record<'single' | 'multiple' | 'ordering' | 'matching', number>;
  /** Syllabus items no question tests yet. */
  uncoveredItems: string[];
  floor: { met: boolean; checks: FloorCheck[] };
}

export function reportBank(loaded: readonly LoadedQuestion[]): BankReport {
  const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  const byItem = Object.fromEntries(syllabusItemIds.map((id) => [id, 0])) as Record<string, number>;
  const byTaskStatement = Object.fromEntries(syllabus.taskStatements.map((t) => [t.id, 0])) as Record<string, number>;
  const scoredItemsByType = { single: 0, multiple: 0, ordering: 0, matching: 0 };
  let scoredItems = 0;
  for (const { question, folder } of loaded) {
    byType[question.type]++;
    if (folder in byTaskStatement) byTaskStatement[folder]!++;
    for (const id of itemIdsOf(question)) byItem[id] = (byItem[id] ?? 0) + 1;
    for (const item of scoredItemsOf(question)) {
      scoredItems++;
      scoredItemsByType[item.type]++;
    }
  }
  const total = loaded.length;
  const checks = floorChecks(total, byType, byTaskStatement);
  return {
    total,
    byType,
    byItem,
    byTaskStatement,
    scoredItems,
    scoredItemsByType,
    uncoveredItems: syllabusItemIds.filter((id) => byItem[id] === 0),
    floor: { met: checks.every((c) => c.met), checks },
  };
}

function itemIdsOf(question: Question): Set<string> {
  const ids = question.type === 'case-study' ? [...question.syllabus, ...question.questions.flatMap((q) => q.syllabus)] : question.syllabus;
  return new Set(ids);
}

function floorChecks(total: number, byType: Record<QuestionType, number>, byTask: Record<string, number>): FloorCheck[] {
  const checks: FloorCheck[] = [{ name: 'questions', required: `>= ${BANK_FLOOR.total}`, actual: String(total), met: total >= BANK_FLOOR.total }];
  for (const [type, min] of Object.entries(BANK_FLOOR.byType) as [QuestionType, number][]) {
    checks.push({ name: `${type} questions`, required: `>= ${min}`, actual: String(byType[type]), met: byType[type] >= min });
  }
  const itemTotal = syllabusItemIds.length;
  for (const task of syllabus.taskStatements) {
    const expected = (task.items.length / itemTotal) * 100;
    const actual = total ? ((byTask[task.id] ?? 0) / total) * 100 : 0;
    const tolerance = BANK_FLOOR.shareTolerancePoints;
    checks.push({
      name: `share of ${task.id}`,
      required: `${expected.toFixed(0)}% ± ${tolerance} (its ${task.items.length} of ${itemTotal} items)`,
      actual: `${actual.toFixed(0)}% (${byTask[task.id] ?? 0})`,
      met: total > 0 && Math.abs(actual - expected) <= tolerance,
    });
  }
  return checks;
}
