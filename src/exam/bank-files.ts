/**
 * Node side of the bank: reads `content/questions/**` and `content/lessons/**` from disk and
 * validates them. The browser never imports this file; it gets the bank as build-time JSON.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { validateQuestionSources, type BankValidation, type QuestionSource } from './bank-validate.ts';

export interface LoadBankOptions {
  /** Project root; paths in messages are relative to it. Defaults to the current directory. */
  root?: string;
  /** Question folder; defaults to `<root>/content/questions`. */
  questionsDir?: string;
  /** Lesson folder used to check `references.lessons`; defaults to `<root>/content/lessons`. */
  lessonsDir?: string;
  lessonsAsErrors?: boolean;
}

export interface LoadedBankFiles extends BankValidation {
  questionsDir: string;
  /** False when the question folder does not exist at all (reported, not an error). */
  questionsDirExists: boolean;
  knownLessons: string[];
}

export function loadBankFromDisk(options: LoadBankOptions = {}): LoadedBankFiles {
  const root = resolve(options.root ?? process.cwd());
  const questionsDir = resolve(root, options.questionsDir ?? 'content/questions');
  const lessonsDir = resolve(root, options.lessonsDir ?? 'content/lessons');
  const questionsDirExists = existsSync(questionsDir);
  const sources: QuestionSource[] = questionsDirExists
    ? filesUnder(questionsDir)
        .filter((file) => !basename(file).startsWith('.') && basename(file).toLowerCase() !== 'readme.md')
        .map((file) => ({ path: relative(root, file).split(sep).join('/'), text: readFileSync(file, 'utf8') }))
    : [];
  const knownLessons = existsSync(lessonsDir)
    ? filesUnder(lessonsDir)
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => basename(f, '.mdx'))
    : [];
  const validation = validateQuestionSources(sources, { knownLessons: new Set(knownLessons), lessonsAsErrors: options.lessonsAsErrors ?? false });
  return { ...validation, questionsDir: relative(root, questionsDir).split(sep).join('/') || '.', questionsDirExists, knownLessons };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}
