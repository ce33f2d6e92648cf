/**
 * The bank as the browser receives it: JSON generated at build time from the validated files
 * (see src/pages/exams/bank.json.ts). Answers are included — this is a self-study simulator —
 * and the pages only show them in feedback and review.
 */
import type { Question } from './question-schema.ts';
import { bankVersion, indexBank, type QuestionBank } from './scored-items.ts';

export interface BankPayload {
  format: 'mlsec-question-bank';
  version: string;
  questions: Question[];
  /** Lesson ids that exist, so references link only to pages that are there. */
  lessons: string[];
}

export function toPayload(questions: Question[], lessons: string[] = []): BankPayload {
  return { format: 'mlsec-question-bank', version: bankVersion(questions), questions, lessons: [...lessons].sort() };
}

export function bankFromPayload(payload: unknown): QuestionBank & { lessons: ReadonlySet<string> } {
  const p = payload as Partial<BankPayload> | null;
  if (!p || p.format !== 'mlsec-question-bank' || !Array.isArray(p.questions) || typeof p.version !== 'string') {
    throw new Error('The question bank file is not in the expected format; rebuild the site (npm run build).');
  }
  return { ...indexBank(p.questions, p.version), lessons: new Set(p.lessons ?? []) };
}
