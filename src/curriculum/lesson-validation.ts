/**
 * The lesson validator: everything that must hold for `content/lessons/**` before the site may be
 * built. One module, called by the Astro integration (so `npm run build` fails) and by a unit test
 * (so `npm test` fails), so the rules live in one place. Every problem names the file, the line when
 * known, and the field or link at fault, and says what to do.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { lessonFrontmatterSchema, type LessonFrontmatter } from './lesson-schema.ts';
import { findLessonFiles, LESSONS_DIR, readLessonSource, type LessonFile } from './lesson-files.ts';
import { extractComponentNames, extractExplicitIds, extractHeadings, extractInlineSvgs, extractLinks, type Heading } from './mdx-scan.ts';
import { extractTryItBlocks } from './try-it.ts';
import { isSyllabusItemId, syllabus, taskStatementOf } from './syllabus.ts';

/** One thing wrong with the content. */
export interface ContentProblem {
  /** File relative to the project root, e.g. `content/lessons/4.2/x.mdx`. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** What is at fault: a frontmatter field (`syllabus[0]`), `link "/lessons/x"`, `file name` … */
  field: string;
  /** What is wrong and what to do about it. */
  message: string;
}

/** A lesson that passed validation, with what later steps (coverage, pages) need. */
export interface ValidatedLesson {
  id: string;
  file: string;
  taskStatement: string;
  frontmatter: LessonFrontmatter;
  headings: Heading[];
}

export interface LessonValidationResult {
  lessons: ValidatedLesson[];
  problems: ContentProblem[];
}

/** Components every lesson must use: the parts that make a lesson a lesson here (see docs/lessons.md). */
export const REQUIRED_LESSON_COMPONENTS = ['Objectives', 'TryIt', 'KnowledgeCheck'] as const;

/** Where the lesson components' barrel lives (the only components MDX lessons may use). */
export const LESSON_COMPONENTS_BARREL = 'src/components/lesson/index.ts';

/** Validates every lesson under `<root>/content/lessons`. Never throws for bad content: it returns problems. */
export function validateLessons(root: string): LessonValidationResult {
  const problems: ContentProblem[] = [];
  const files = findLessonFiles(root);
  const componentNames = readBarrelExports(root);
  const taskIds = syllabus.taskStatements.map((t) => t.id);

  interface Parsed {
    file: LessonFile;
    frontmatter?: LessonFrontmatter;
    headings: Heading[];
    anchors: Set<string>;
    body: string;
    bodyLine: number;
    lineOf: (path: readonly PropertyKey[]) => number | undefined;
  }
  const parsed: Parsed[] = [];

  for (const file of files) {
    const report = (field: string, message: string, line?: number) => problems.push({ file: file.path, line, field, message });
    if (file.extension !== 'mdx') {
      report('file name', `only .mdx files belong in ${LESSONS_DIR}/; rename it to ${file.id}.mdx or move it elsewhere`);
      continue;
    }
    if (file.depth !== 1 || !taskIds.includes(file.folder)) {
      report('folder', `a lesson lives at ${LESSONS_DIR}/<task statement>/<lesson-id>.mdx where the task statement is one of ${taskIds.join(', ')}`);
      continue;
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(file.id)) {
      report('file name', `the file name is the lesson id and URL, so it must be kebab-case (e.g. least-privilege-for-ml-artifacts.mdx), not "${file.id}"`);
    }

    const source = readLessonSource(file);
    const headings = extractHeadings(source.body).map((h) => ({ ...h, line: h.line + source.bodyLine - 1 }));
    const anchors = new Set([...headings.map((h) => h.slug), ...extractExplicitIds(source.body).map((i) => i.id)]);
    const entry: Parsed = { file, headings, anchors, body: source.body, bodyLine: source.bodyLine, lineOf: source.lineOf };
    parsed.push(entry);

    if (!source.hasFrontmatter) {
      report('frontmatter', 'the file has no frontmatter: start it with a --- block holding title, summary, syllabus, minutes, lastReviewed and order (see src/curriculum/lesson-schema.ts)', 1);
      continue;
    }
    if (source.yamlErrors.length) {
      for (const e of source.yamlErrors) report('frontmatter', `is not valid YAML: ${e.message}`, e.line);
      continue;
    }
    const result = lessonFrontmatterSchema.safeParse(source.data ?? {});
    if (!result.success) {
      for (const issue of result.error.issues) {
        const described = describeIssue(issue, source.data);
        report(described.field, described.message, source.lineOf(issue.path) ?? 2);
      }
      continue;
    }
    entry.frontmatter = result.data;
    const fm = result.data;
    if (!fm.syllabus.some((id) => taskStatementOf(id) === file.folder)) {
      report('syllabus', `the lesson sits in folder ${file.folder} but teaches no ${file.folder} item (it lists ${fm.syllabus.join(', ')}); move the file or fix the list`, source.lineOf(['syllabus']));
    }
  }

  // Rules that need every lesson: ids, prerequisites, sidebar order, links between lessons.
  const byId = new Map<string, Parsed>();
  for (const entry of parsed) {
    const other = byId.get(entry.file.id);
    if (other) {
      problems.push({ file: entry.file.path, field: 'file name', message: `lesson id "${entry.file.id}" is already used by ${other.file.path}; ids are URLs (/lessons/<id>) and must be unique` });
    } else byId.set(entry.file.id, entry);
  }

  const orders = new Map<string, Parsed>();
  for (const entry of parsed) {
    const report = (field: string, message: string, line?: number) => problems.push({ file: entry.file.path, line, field, message });
    checkBody(entry, report);
    const fm = entry.frontmatter;
    if (!fm) continue;

    const orderKey = `${entry.file.folder}#${fm.order}`;
    const sameOrder = orders.get(orderKey);
    if (sameOrder) report('order', `order ${fm.order} is already used by ${sameOrder.file.path} in task statement ${entry.file.folder}; give each lesson its own position`, entry.lineOf(['order']));
    else orders.set(orderKey, entry);

    fm.prerequisites.forEach((id, i) => {
      const path = ['prerequisites', i];
      if (id === entry.file.id) report(`prerequisites[${i}]`, 'a lesson cannot be its own prerequisite', entry.lineOf(path));
      else if (!byId.has(id)) report(`prerequisites[${i}]`, `unknown lesson id "${id}": no file ${LESSONS_DIR}/*/${id}.mdx exists${suggest(id, [...byId.keys()])}`, entry.lineOf(path));
    });

    fm.labs.forEach((id, i) => {
      const dir = join(root, 'labs', id);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        report(`labs[${i}]`, `unknown lab id "${id}": there is no folder labs/${id}/. List a lab only once it exists`, entry.lineOf(['labs', i]));
      }
    });
  }

  for (const cycle of findPrerequisiteCycles(parsed.flatMap((p) => (p.frontmatter ? [[p.file.id, p.frontmatter.prerequisites] as const] : [])))) {
    const entry = byId.get(cycle[0]!)!;
    problems.push({ file: entry.file.path, line: entry.lineOf(['prerequisites']), field: 'prerequisites', message: `prerequisites form a cycle: ${cycle.join(' → ')}` });
  }

  function checkBody(entry: Parsed, report: (field: string, message: string, line?: number) => void) {
    const toFileLine = (bodyLine: number) => bodyLine + entry.bodyLine - 1;

    let previousDepth = 1;
    for (const h of entry.headings) {
      if (h.depth === 1) report('heading', `"# ${h.text}": the page title is the only top-level heading; start sections at ##`, h.line);
      else if (h.depth > previousDepth + 1) report('heading', `"${'#'.repeat(h.depth)} ${h.text}" skips a level (after a level-${previousDepth} heading); screen-reader users navigate by heading levels`, h.line);
      previousDepth = h.depth;
    }

    for (const link of extractLinks(entry.body)) {
      const line = toFileLine(link.line);
      const problem = checkInternalLink(link.href, entry);
      if (problem) report(`link "${link.href}"`, problem, line);
    }

    const used = extractComponentNames(entry.body);
    for (const { name, line } of used) {
      if (componentNames && !componentNames.includes(name)) {
        report(`<${name}>`, `unknown component; lessons may use the components exported by ${LESSON_COMPONENTS_BARREL}: ${componentNames.join(', ')}`, toFileLine(line));
      }
    }
    for (const required of REQUIRED_LESSON_COMPONENTS) {
      if (!used.some((u) => u.name === required)) report(`<${required}>`, `every lesson needs a <${required}> (see docs/lessons.md for the lesson structure)`);
    }

    for (const block of extractTryItBlocks(entry.body)) {
      for (const p of block.problems) report('<TryIt>', p.message, toFileLine(p.line));
    }

    for (const svg of extractInlineSvgs(entry.body)) {
      const line = toFileLine(svg.line);
      if (!/\brole=["']img["']/.test(svg.openingTag)) report('<svg>', 'an inline diagram needs role="img" so screen readers announce it as one image', line);
      if (!/<title[\s>]/.test(svg.markup) || !/<desc[\s>]/.test(svg.markup)) report('<svg>', 'an inline diagram needs a <title> and a <desc> describing what it shows', line);
      if (!/\baria-labelledby=/.test(svg.openingTag)) report('<svg>', 'point aria-labelledby at the ids of the diagram\'s <title> and <desc>', line);
    }
  }

  function checkInternalLink(href: string, entry: Parsed): string | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined; // external: not ours to check
    const [pathPart, anchor] = splitAnchor(href);
    if (pathPart === '') {
      if (anchor && !entry.anchors.has(anchor)) return `no heading or element with id "${anchor}" on this page${suggest(anchor, [...entry.anchors])}`;
      return undefined;
    }
    const lesson = /^\/lessons\/([^/]+)\/?$/.exec(pathPart);
    if (lesson) {
      const target = byId.get(lesson[1]!);
      if (!target) return `no lesson with id "${lesson[1]}"${suggest(lesson[1]!, [...byId.keys()])}`;
      if (anchor && !target.anchors.has(anchor)) return `lesson "${lesson[1]}" has no heading with id "${anchor}"${suggest(anchor, [...target.anchors])}`;
      return undefined;
    }
    const lab = /^\/labs\/([^/]+)\/?$/.exec(pathPart);
    if (lab && !existsSync(join(root, 'labs', lab[1]!))) return `no lab "${lab[1]}" (no folder labs/${lab[1]}/); link to a lab only once it exists`;
    if (/^\/syllabus\/?$/.test(pathPart) && anchor && !isSyllabusItemId(anchor) && !syllabus.topics.some((t) => `topic-${t.id}` === anchor)) {
      return `the syllabus page has no item "${anchor}" (use an item id such as 4.3.S1, or topic-<topic-id>)`;
    }
    if (!pathPart.startsWith('/')) return 'use a root-relative link such as /lessons/<lesson-id>; relative links break when the URL changes';
    return undefined;
  }

  return {
    lessons: parsed.flatMap((p) =>
      p.frontmatter ? [{ id: p.file.id, file: p.file.path, taskStatement: p.file.folder, frontmatter: p.frontmatter, headings: p.headings }] : [],
    ),
    problems: problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)),
  };
}

/** Problems as text for a terminal: one per line, `file:line  field: message`. */
export function formatContentProblems(problems: readonly ContentProblem[]): string {
  return problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}  ${p.field}: ${p.message}`).join('\n');
}

/** Throws one error listing every problem (for the build), or returns the validated lessons. */
export function assertValidLessons(root: string): ValidatedLesson[] {
  const { lessons, problems } = validateLessons(root);
  if (problems.length) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new Error(`Lesson content has ${count}:\n${formatContentProblems(problems)}\nFix the files named above (the schema is src/curriculum/lesson-schema.ts; the guide is docs/lessons.md).`);
  }
  return lessons;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): { field: string; message: string } {
  const field = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(lessonFrontmatterSchema.shape).join(', ');
    return { field: issue.keys.map((k) => formatPath([...issue.path, k])).join(', '), message: `unknown frontmatter field (allowed: ${allowed}); add a field to the schema only if lessons need it` };
  }
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
    return { field, message: `is missing: every lesson needs it (see src/curriculum/lesson-schema.ts)` };
  }
  return { field: field || 'frontmatter', message: issue.message };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function splitAnchor(href: string): [string, string | undefined] {
  const hash = href.indexOf('#');
  const path = (hash < 0 ? href : href.slice(0, hash)).split('?')[0]!;
  return [path, hash < 0 ? undefined : decodeURIComponent(href.slice(hash + 1))];
}

/** " (did you mean …?)" for the closest known value, when one is close. */
function suggest(value: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(value, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 4)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function findPrerequisiteCycles(edges: readonly (readonly [string, readonly string[]])[]): string[][] {
  const graph = new Map(edges);
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      cycles.push([...stack.slice(stack.indexOf(id)), id]);
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of graph.get(id) ?? []) if (graph.has(next)) visit(next);
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of graph.keys()) visit(id);
  return cycles;
}

/** Component names exported by the lesson barrel (`export { default as TryIt } from …`), or undefined if it is missing. */
function readBarrelExports(root: string): string[] | undefined {
  const barrel = join(root, LESSON_COMPONENTS_BARREL);
  if (!existsSync(barrel)) return undefined;
  const text = readFileSync(barrel, 'utf8');
  return [...text.matchAll(/default\s+as\s+([A-Z]\w*)/g)].map((m) => m[1]!);
}
