/**
 * The validated question bank for server-rendered pages (lesson pages show a few of its questions).
 * Loaded once per build; invalid questions are left out here because `/exams/bank.json` already
 * fails the build on them with the full report.
 */
import { loadBankFromDisk } from '../../exam/bank-files.ts';
import type { Question } from '../../exam/question-schema.ts';

let cached: Question[] | undefined;

export function bankQuestions(): Question[] {
  cached ??= loadBankFromDisk({ root: process.cwd() }).questions.map((q) => q.question);
  return cached;
}
