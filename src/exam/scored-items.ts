/**
 * The unit the exam scores: a standalone question, or one sub-question of a case study (MLA-C01
 * scores case-study questions separately). Everything after loading works on scored items.
 */
import { taskStatementOf } from './syllabus-lookup.ts';
import type { Question, QuestionType, SubQuestion } from './question-schema.ts';
import { hashString } from './random.ts';

export type ScoredItemType = SubQuestion['type'];

/** What a scored item keeps of its question file. */
export interface QuestionMeta {
  /** Id of the question file (the case study's id for a sub-question). */
  questionId: string;
  questionType: QuestionType;
  services: string[];
  difficulty: 'easy' | 'medium' | 'hard';
  tags: string[];
  references: { lessons: string[]; docs: string[] };
}

/** The shared scenario of a case-study sub-question. */
export interface CaseStudyContext {
  id: string;
  scenario: string;
  /** 1-based position of this sub-question within the case. */
  position: number;
  count: number;
  explanation: string;
}

export type ScoredItem = SubQuestion & {
  meta: QuestionMeta;
  caseStudy?: CaseStudyContext;
  /** Task statements (`4.1` …) of the item's syllabus ids, without repeats. */
  taskStatements: string[];
};

/** A validated bank, indexed for the engine. */
export interface QuestionBank {
  /** Changes whenever any question changes; stored in sessions to notice a changed bank. */
  version: string;
  questions: Question[];
  items: ScoredItem[];
  itemById: ReadonlyMap<string, ScoredItem>;
}

/** The scored items of one question file, in file order. */
export function scoredItemsOf(question: Question): ScoredItem[] {
  const meta: QuestionMeta = {
    questionId: question.id,
    questionType: question.type,
    services: question.services,
    difficulty: question.difficulty,
    tags: question.tags,
    references: question.references,
  };
  if (question.type !== 'case-study') {
    const { services: _s, difficulty: _d, tags: _t, references: _r, ...item } = question;
    return [{ ...item, meta, taskStatements: taskStatementsOf(item.syllabus) } as ScoredItem];
  }
  return question.questions.map((sub, index) => ({
    ...sub,
    meta,
    caseStudy: { id: question.id, scenario: question.scenario, position: index + 1, count: question.questions.length, explanation: question.explanation },
    taskStatements: taskStatementsOf(sub.syllabus),
  }));
}

export function taskStatementsOf(syllabusIds: readonly string[]): string[] {
  return [...new Set(syllabusIds.map(taskStatementOf))].sort();
}

export function indexBank(questions: Question[], version = bankVersion(questions)): QuestionBank {
  const items = questions.flatMap(scoredItemsOf);
  return { version, questions, items, itemById: new Map(items.map((item) => [item.id, item])) };
}

/** A short fingerprint of the bank's content (FNV-1a over its JSON). */
export function bankVersion(questions: readonly Question[]): string {
  return `${questions.length}-${hashString(JSON.stringify(questions)).toString(16).padStart(8, '0')}`;
}
