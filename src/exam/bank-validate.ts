/**
 * Validation of the question bank from file contents: YAML syntax, the schema, file naming, and the
 * checks that need the whole bank (duplicate ids and stems, references to lessons). Pure — the
 * caller reads the files — so the CLI, the site build and the tests share it.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { questionSchema, type Question } from './question-schema.ts';
import { describeIssue, formatFieldPath } from './issue-messages.ts';
import { similarStems, type StemEntry } from './stem-similarity.ts';
import { taskStatementsOf } from './scored-items.ts';

/** A question file's text and the path people know it by (relative to the project root). */
export interface QuestionSource {
  path: string;
  text: string;
}

export type ProblemRule =
  | 'yaml'
  | 'schema'
  | 'file-name'
  | 'folder'
  | 'task-statement'
  | 'duplicate-id'
  | 'duplicate-stem'
  | 'near-duplicate-stem'
  | 'similar-stem'
  | 'unknown-lesson'
  | 'same-explanation'
  | 'choose-in-stem';

export interface BankProblem {
  severity: 'error' | 'warning';
  rule: ProblemRule;
  file: string;
  /** Field path inside the file, e.g. `questions[1].options[0].text`. */
  field?: string;
  /** 1-based line of the field (or of the nearest enclosing field that exists). */
  line?: number;
  message: string;
}

export interface LoadedQuestion {
  path: string;
  /** The task statement folder the file sits in (`4.1` …). */
  folder: string;
  question: Question;
}

export interface BankValidation {
  /** Valid questions, sorted by file path. Files with any error are left out. */
  questions: LoadedQuestion[];
  errors: BankProblem[];
  warnings: BankProblem[];
  filesRead: number;
}

export interface ValidateOptions {
  /** Lesson ids that exist; when given, `references.lessons` are checked against it. */
  knownLessons?: ReadonlySet<string>;
  /** Unknown lessons are warnings while lessons are being written; true makes them errors. */
  lessonsAsErrors?: boolean;
}

/** Stems at least this similar (word-trigram Jaccard) are near-duplicates and fail validation. */
export const NEAR_DUPLICATE_THRESHOLD = 0.85;
/** Stems at least this similar are reported as a warning to look at. */
export const SIMILAR_STEM_THRESHOLD = 0.6;

const TASK_FOLDERS = ['4.1', '4.2', '4.3'];

export function validateQuestionSources(sources: readonly QuestionSource[], options: ValidateOptions = {}): BankValidation {
  const problems: BankProblem[] = [];
  const questions: LoadedQuestion[] = [];
  for (const source of [...sources].sort((a, b) => a.path.localeCompare(b.path))) {
    const loaded = validateOneFile(source, problems);
    if (loaded) questions.push(loaded);
  }
  checkDuplicateIds(questions, problems);
  checkStems(questions, problems);
  if (options.knownLessons) checkLessonReferences(questions, options.knownLessons, options.lessonsAsErrors ?? false, problems);
  const filesWithErrors = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
  return {
    questions: questions.filter((q) => !filesWithErrors.has(q.path)),
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    filesRead: sources.length,
  };
}

/** `content/questions/4.3/q43-x.yaml:12  options[2].explanation: is too short …` */
export function formatProblem(problem: BankProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return problem.field ? `${where}  ${problem.field}: ${problem.message}` : `${where}  ${problem.message}`;
}

function validateOneFile(source: QuestionSource, problems: BankProblem[]): LoadedQuestion | undefined {
  const file = source.path;
  const segments = file.split(/[\\/]/);
  const fileName = segments.at(-1) ?? file;
  const folder = segments.at(-2) ?? '';
  const error = (rule: ProblemRule, message: string, extra: Partial<BankProblem> = {}) =>
    problems.push({ severity: 'error', rule, file, message, ...extra });

  if (!fileName.endsWith('.yaml')) {
    error('file-name', `question files end in .yaml${fileName.endsWith('.yml') ? '; rename it to .yaml' : ''}`);
    return undefined;
  }
  if (!TASK_FOLDERS.includes(folder)) {
    error('folder', `question files live in a task statement folder: content/questions/4.1/, 4.2/ or 4.3/ (this one is in "${folder}/")`);
  }

  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(source.text, { lineCounter });
  if (!Array.isArray(documents) || documents.length === 0) {
    error('yaml', 'the file is empty; write one question (see docs/exams.md for the format)');
    return undefined;
  }
  if (documents.length > 1) {
    error('yaml', `holds ${documents.length} YAML documents (separated by ---); put one question in each file`);
    return undefined;
  }
  const document = documents[0]!;
  if (document.errors.length) {
    for (const e of document.errors) {
      const line = e.linePos?.[0]?.line;
      error('yaml', `is not valid YAML: ${e.message.split('\n')[0]}`, line ? { line } : {});
    }
    return undefined;
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) {
    error('yaml', 'the file is empty; write one question (see docs/exams.md for the format)');
    return undefined;
  }

  const result = questionSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = formatFieldPath(issue.path) || undefined;
      const line = lineOf(document, lineCounter, issue.path);
      error('schema', describeIssue(issue, data, questionSchema), { ...(field ? { field } : {}), ...(line ? { line } : {}) });
    }
    return undefined;
  }
  const question = result.data;

  const stemName = fileName.replace(/\.yaml$/, '');
  if (question.id !== stemName) {
    error('file-name', `the file name must be the question id: id is "${question.id}", so name the file ${question.id}.yaml`, {
      field: 'id',
      line: lineOf(document, lineCounter, ['id']),
    });
  }
  const tasks = taskStatementsOf(allSyllabusIds(question));
  if (TASK_FOLDERS.includes(folder) && !tasks.includes(folder)) {
    error('task-statement', `sits in folder ${folder}/ but tests only ${tasks.join(', ')} items; move it to ${tasks[0]}/ or fix "syllabus"`, {
      field: 'syllabus',
      line: lineOf(document, lineCounter, ['syllabus']),
    });
  }
  checkExplanationsDiffer(question, file, document, lineCounter, problems);
  checkChooseNotInStem(question, file, document, lineCounter, problems);
  return { path: file, folder, question };
}

function allSyllabusIds(question: Question): string[] {
  return question.type === 'case-study' ? [...question.syllabus, ...question.questions.flatMap((q) => q.syllabus)] : question.syllabus;
}

/** Copy-pasted explanations do not teach why each option is wrong. */
function checkExplanationsDiffer(question: Question, file: string, doc: Document, lines: LineCounter, problems: BankProblem[]): void {
  for (const [item, base] of itemsWithPaths(question)) {
    const explained = item.type === 'single' || item.type === 'multiple' ? item.options : item.type === 'ordering' ? item.items : item.prompts;
    const key = item.type === 'single' || item.type === 'multiple' ? 'options' : item.type === 'ordering' ? 'items' : 'prompts';
    const seen = new Map<string, number>();
    explained.forEach((entry, index) => {
      const normal = entry.explanation.trim().toLowerCase();
      const first = seen.get(normal);
      if (first !== undefined) {
        const path = [...base, key, index, 'explanation'];
        problems.push({
          severity: 'warning',
          rule: 'same-explanation',
          file,
          field: formatFieldPath(path),
          line: lineOf(doc, lines, path),
          message: `repeats the explanation of ${key}[${first}]; explain why this one in particular is right or wrong`,
        });
      } else {
        seen.set(normal, index);
      }
    });
  }
}

/** The page prints "Choose two." from `choose`; a stem that says it too reads twice. */
function checkChooseNotInStem(question: Question, file: string, doc: Document, lines: LineCounter, problems: BankProblem[]): void {
  for (const [item, base] of itemsWithPaths(question)) {
    if (item.type === 'multiple' && /\(\s*choose\s+\w+\s*\.?\s*\)/i.test(item.stem)) {
      const path = [...base, 'stem'];
      problems.push({
        severity: 'warning',
        rule: 'choose-in-stem',
        file,
        field: formatFieldPath(path),
        line: lineOf(doc, lines, path),
        message: `contains "(Choose …)"; the page adds "Choose ${item.choose}." from the "choose" field, so remove it from the stem`,
      });
    }
  }
}

function itemsWithPaths(question: Question) {
  return question.type === 'case-study'
    ? question.questions.map((q, i) => [q, ['questions', i]] as const)
    : [[question, [] as (string | number)[]] as const];
}

function checkDuplicateIds(questions: readonly LoadedQuestion[], problems: BankProblem[]): void {
  const firstSeen = new Map<string, { file: string; field: string }>();
  for (const { path, question } of questions) {
    const ids: [string, string][] = [[question.id, 'id']];
    if (question.type === 'case-study') question.questions.forEach((q, i) => ids.push([q.id, `questions[${i}].id`]));
    for (const [id, field] of ids) {
      const first = firstSeen.get(id);
      if (first) {
        const where = first.file === path ? `at ${first.field} in this file` : `in ${first.file} (${first.field})`;
        problems.push({ severity: 'error', rule: 'duplicate-id', file: path, field, message: `id "${id}" is already used ${where}; ids must be unique across the bank, sub-questions included` });
      } else {
        firstSeen.set(id, { file: path, field });
      }
    }
  }
}

function checkStems(questions: readonly LoadedQuestion[], problems: BankProblem[]): void {
  const entries: StemEntry[] = [];
  for (const { path, question } of questions) {
    if (question.type === 'case-study') {
      entries.push({ id: question.id, file: path, field: 'scenario', text: question.scenario });
      question.questions.forEach((q, i) => entries.push({ id: q.id, file: path, field: `questions[${i}].stem`, text: q.stem }));
    } else {
      entries.push({ id: question.id, file: path, field: 'stem', text: question.stem });
    }
  }
  for (const match of similarStems(entries, SIMILAR_STEM_THRESHOLD)) {
    const other = `${match.first.file} (${match.first.field})`;
    const percent = Math.round(match.similarity * 100);
    if (match.similarity === 1) {
      problems.push({ severity: 'error', rule: 'duplicate-stem', file: match.second.file, field: match.second.field, message: `is the same text as ${other}; every question needs its own scenario` });
    } else if (match.similarity >= NEAR_DUPLICATE_THRESHOLD) {
      problems.push({
        severity: 'error',
        rule: 'near-duplicate-stem',
        file: match.second.file,
        field: match.second.field,
        message: `is a near-duplicate of ${other} (${percent}% of word sequences shared); rewrite one scenario or merge them into a case study`,
      });
    } else {
      problems.push({ severity: 'warning', rule: 'similar-stem', file: match.second.file, field: match.second.field, message: `is similar to ${other} (${percent}% of word sequences shared); check they test different things` });
    }
  }
}

function checkLessonReferences(questions: readonly LoadedQuestion[], known: ReadonlySet<string>, asErrors: boolean, problems: BankProblem[]): void {
  for (const { path, question } of questions) {
    question.references.lessons.forEach((lesson, index) => {
      if (known.has(lesson)) return;
      const suggestion = closest(lesson, known);
      problems.push({
        severity: asErrors ? 'error' : 'warning',
        rule: 'unknown-lesson',
        file: path,
        field: `references.lessons[${index}]`,
        message: `names lesson "${lesson}", which does not exist under content/lessons/${suggestion ? ` (did you mean "${suggestion}"?)` : ' (yet)'}`,
      });
    });
  }
}

/** The known id within a small edit distance, for "did you mean …?". */
function closest(id: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(id.length / 6)) + 1;
  for (const candidate of known) {
    const d = editDistance(id, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Line of the deepest node along `path` that exists (a missing field points at its parent). */
function lineOf(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length) as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
