/**
 * `npm run coverage:syllabus [-- --report | --json]`: which lessons, labs and exam questions cover
 * each Domain 4 syllabus item and curriculum topic.
 *
 *   (no flag)  print the tables; exit 1 if any item has no lesson (or content could not be read)
 *   --report   print the tables; always exit 0 (used by npm test until the curriculum is complete)
 *   --json     print the coverage as JSON for scripts; exit code as without --report
 *   --root DIR read another project folder (tests use a fixture project)
 */
import { resolve } from 'node:path';
import { loadCoverage, type LoadedCoverage } from '../curriculum/coverage.ts';
import { formatContentProblems } from '../curriculum/lesson-validation.ts';

const args = process.argv.slice(2);
const rootIndex = args.indexOf('--root');
const rootArg = rootIndex >= 0 ? args.splice(rootIndex, 2)[1] : undefined;
const known = ['--report', '--json', '--help', '-h'];
const unknown = args.filter((a) => !known.includes(a));
if (rootIndex >= 0 && !rootArg) unknown.push('--root (needs a folder)');
if (unknown.length || args.includes('--help') || args.includes('-h')) {
  const message = 'usage: npm run coverage:syllabus [-- --report] [-- --json] [-- --root DIR]\n  --report    always exit 0\n  --json      machine-readable output\n  --root DIR  read another project folder';
  if (unknown.length) {
    console.error(`coverage:syllabus: unknown option ${unknown.join(', ')}\n${message}`);
    process.exit(2);
  }
  console.log(message);
  process.exit(0);
}

const root = rootArg ? resolve(rootArg) : resolve(import.meta.dirname, '../..');
const coverage = await loadCoverage(root);
const failing = coverage.itemsWithoutLesson.length > 0 || coverage.problems.length > 0;

if (args.includes('--json')) {
  console.log(JSON.stringify(coverage, null, 2));
} else {
  console.log(renderCoverage(coverage));
}
process.exitCode = failing && !args.includes('--report') ? 1 : 0;

function renderCoverage(c: LoadedCoverage): string {
  const out: string[] = [];
  const t = c.totals;
  out.push(`Domain 4 syllabus coverage: ${t.withLesson}/${t.items} items have a lesson, ${t.withLab}/${t.items} a lab, ${t.withQuestion}/${t.items} exam questions`);
  out.push(`(from ${t.lessons} lessons, ${t.labs} labs and ${t.questions} scored questions)`);
  for (const task of new Map(c.items.map((i) => [i.taskStatement.id, i.taskStatement])).values()) {
    out.push('', `Task ${task.id}: ${task.title}`);
    const rows = c.items
      .filter((i) => i.taskStatement.id === task.id)
      .map((i) => [i.item.id, i.item.kind === 'knowledge' ? 'K' : 'S', list(i.lessons), list(i.labs), String(i.questions.length), clip(i.item.text, 60)]);
    out.push(...table(['item', 'kind', 'lessons', 'labs', 'questions', 'text'], rows));
  }
  out.push('', 'Curriculum topics');
  out.push(...table(['topic', 'lessons', 'labs'], c.topics.map((tc) => [tc.topic.id + (tc.topic.outOfExamScope ? ' (context)' : ''), list(tc.lessons), list(tc.labs)])));
  out.push('');
  if (c.itemsWithoutLesson.length) out.push(`Items without a lesson (${c.itemsWithoutLesson.length}): ${c.itemsWithoutLesson.join(', ')}`);
  else out.push('Every syllabus item has at least one lesson.');
  if (c.problems.length) out.push('', `Content that could not be counted (${c.problems.length}):`, formatContentProblems(c.problems));
  return out.join('\n');
}

function list(ids: readonly string[]): string {
  return ids.length ? ids.join(', ') : '-';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
