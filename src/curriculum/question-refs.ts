/**
 * What the curriculum needs to know about exam questions: which syllabus items each scored item
 * tests. Reads `content/questions/**\/*.yaml` without the full question schema (the exam engine owns
 * and enforces it), so coverage keeps working while a question file is being written.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import type { ContentProblem } from './lesson-validation.ts';
import { isSyllabusItemId } from './syllabus.ts';

export const QUESTIONS_DIR = 'content/questions';

/** One scored item: a standalone question, or a case-study sub-question (`<case-id>/<sub-id>`). */
export interface QuestionRef {
  id: string;
  syllabus: string[];
  file: string;
}

export function loadQuestionRefs(root: string): { questions: QuestionRef[]; problems: ContentProblem[] } {
  const base = join(root, QUESTIONS_DIR);
  const questions: QuestionRef[] = [];
  const problems: ContentProblem[] = [];
  for (const absolute of yamlFiles(base)) {
    const file = [QUESTIONS_DIR, ...relative(base, absolute).split(sep)].join('/');
    let data: unknown;
    try {
      data = parse(readFileSync(absolute, 'utf8'));
    } catch (error) {
      problems.push({ file, field: 'yaml', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const question = (data ?? {}) as { id?: unknown; type?: unknown; syllabus?: unknown; questions?: unknown };
    const id = typeof question.id === 'string' ? question.id : file;
    const ids = (value: unknown, field: string): string[] => {
      if (!Array.isArray(value)) {
        problems.push({ file, field, message: 'has no syllabus list, so coverage cannot count it' });
        return [];
      }
      return value.filter((v): v is string => typeof v === 'string' && isSyllabusItemId(v));
    };
    if (question.type === 'case-study' && Array.isArray(question.questions)) {
      const caseItems = ids(question.syllabus, 'syllabus');
      const covered = new Set<string>();
      question.questions.forEach((sub: { id?: unknown; syllabus?: unknown }, i: number) => {
        const subItems = ids(sub?.syllabus, `questions[${i}].syllabus`);
        subItems.forEach((s) => covered.add(s));
        questions.push({ id: `${id}/${typeof sub?.id === 'string' ? sub.id : i + 1}`, syllabus: subItems, file });
      });
      // Items the case lists that no sub-question claims still count for the case as a whole.
      const rest = caseItems.filter((s) => !covered.has(s));
      if (rest.length) questions.push({ id, syllabus: rest, file });
    } else {
      questions.push({ id, syllabus: ids(question.syllabus, 'syllabus'), file });
    }
  }
  return { questions, problems };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (name.startsWith('.')) return [];
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}
