/**
 * `npm run exam -- <command>`: exam utilities.
 *
 *   validate [--json] [--strict] [--lessons-as-errors] [--dir <folder>] [--lessons-dir <folder>]
 *     Validates every question file and reports the bank by type, task statement and syllabus item.
 *     Exits 1 when a question is invalid; with --strict also when the bank is below its floor.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { syllabus } from '../curriculum/syllabus.ts';
import { loadBankFromDisk, type LoadedBankFiles } from '../exam/bank-files.ts';
import { reportBank, QUESTION_TYPES, type BankReport } from '../exam/bank-report.ts';
import { formatProblem, type BankProblem } from '../exam/bank-validate.ts';

const USAGE = `Usage: npm run exam -- validate [--json] [--strict] [--lessons-as-errors] [--dir <folder>] [--lessons-dir <folder>]

  validate             check every question file under content/questions/ and report the bank
    --json             print the report as JSON: { total, byType, byItem, ... }
    --strict           also fail when the bank is below its floor (160 questions, type minimums, spread)
    --lessons-as-errors  fail on references to lessons that do not exist (warnings by default)
    --dir <folder>     question folder to check (default content/questions)
    --lessons-dir <folder>  lesson folder for reference checks (default content/lessons)`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'validate') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let values: { json?: boolean; strict?: boolean; 'lessons-as-errors'?: boolean; dir?: string; 'lessons-dir'?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        'lessons-as-errors': { type: 'boolean' },
        dir: { type: 'string' },
        'lessons-dir': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.dir !== undefined && !existsSync(values.dir)) {
    console.error(`The question folder "${values.dir}" given with --dir does not exist (from ${process.cwd()}).`);
    return 2;
  }
  const loaded = loadBankFromDisk({ questionsDir: values.dir, lessonsDir: values['lessons-dir'], lessonsAsErrors: values['lessons-as-errors'] ?? false });
  const report = reportBank(loaded.questions);
  const strict = values.strict ?? false;
  const failed = loaded.errors.length > 0 || (strict && !report.floor.met);

  if (values.json) {
    console.log(JSON.stringify(jsonReport(loaded, report, strict, failed), null, 2));
  } else {
    printReport(loaded, report, strict);
  }
  return failed ? 1 : 0;
}

function jsonReport(loaded: LoadedBankFiles, report: BankReport, strict: boolean, failed: boolean) {
  const problem = (p: BankProblem) => ({ file: p.file, line: p.line ?? null, field: p.field ?? null, rule: p.rule, message: p.message });
  return {
    total: report.total,
    byType: report.byType,
    byItem: report.byItem,
    byTaskStatement: report.byTaskStatement,
    scoredItems: report.scoredItems,
    scoredItemsByType: report.scoredItemsByType,
    uncoveredItems: report.uncoveredItems,
    floor: { ...report.floor, enforced: strict },
    questionsDir: loaded.questionsDir,
    files: loaded.filesRead,
    errors: loaded.errors.map(problem),
    warnings: loaded.warnings.map(problem),
    ok: !failed,
  };
}

function printReport(loaded: LoadedBankFiles, report: BankReport, strict: boolean): void {
  const out: string[] = [];
  out.push(`Question bank: ${loaded.questionsDir}/`);
  if (!loaded.questionsDirExists) out.push(`  The folder does not exist yet, so the bank is empty (not an error).`);
  else if (loaded.filesRead === 0) out.push(`  No question files yet, so the bank is empty (not an error).`);
  out.push(
    `  ${loaded.filesRead} files read, ${report.total} valid questions, ${report.scoredItems} scored items (case-study sub-questions count separately)`,
  );
  out.push('');

  out.push(...table(['type', 'questions', 'scored items'], QUESTION_TYPES.map((t) => [t, String(report.byType[t]), t === 'case-study' ? '' : String(report.scoredItemsByType[t])])));
  out.push('');
  out.push(
    ...table(
      ['task statement', 'questions', 'share'],
      syllabus.taskStatements.map((t) => {
        const n = report.byTaskStatement[t.id] ?? 0;
        return [`${t.id} ${t.title}`, String(n), report.total ? `${Math.round((n / report.total) * 100)}%` : '-'];
      }),
    ),
  );
  out.push('');
  out.push(
    ...table(
      ['item', 'questions', 'text'],
      syllabus.taskStatements.flatMap((t) => t.items.map((i) => [i.id, String(report.byItem[i.id] ?? 0), shorten(i.text, 70)])),
    ),
  );
  if (report.uncoveredItems.length) out.push(`  ${report.uncoveredItems.length} syllabus items have no question yet: ${report.uncoveredItems.join(', ')}`);
  out.push('');
  out.push('  Floor (counted in question files: a case study counts once, as a case study).');
  out.push(...table(['floor check', 'required', 'actual', 'met'], report.floor.checks.map((c) => [c.name, c.required, c.actual, c.met ? 'yes' : 'NO'])));
  if (!report.floor.met) {
    out.push(strict ? '  The bank is below its floor, and --strict makes that a failure.' : '  The bank is below its floor: reported only (run with --strict to fail on it).');
  }
  out.push('');

  // Lessons are written in parallel with questions, so missing ones are grouped per lesson
  // instead of one line per reference; --json still lists every reference.
  const lessonWarnings = loaded.warnings.filter((w) => w.rule === 'unknown-lesson');
  const otherWarnings = loaded.warnings.filter((w) => w.rule !== 'unknown-lesson');
  if (lessonWarnings.length) {
    const byLesson = new Map<string, string[]>();
    for (const w of lessonWarnings) {
      const lesson = /names lesson "([^"]+)"/.exec(w.message)?.[1] ?? '?';
      byLesson.set(lesson, [...(byLesson.get(lesson) ?? []), w.file]);
    }
    out.push(`Warnings: ${count(lessonWarnings.length, 'reference')} to ${count(byLesson.size, 'lesson')} not under content/lessons/ yet (--lessons-as-errors makes them errors):`);
    out.push(
      ...table(
        ['lesson', 'questions', 'for example'],
        [...byLesson.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([lesson, files]) => [lesson, String(files.length), files[0]!]),
      ),
    );
    for (const w of lessonWarnings.filter((w) => w.message.includes('did you mean'))) out.push(`  ${formatProblem(w)}`);
    out.push('');
  }
  if (otherWarnings.length) {
    out.push(`Warnings (${otherWarnings.length}):`);
    for (const w of otherWarnings) out.push(`  ${formatProblem(w)}`);
    out.push('');
  }
  if (loaded.errors.length) {
    out.push(`Errors (${loaded.errors.length}) — these questions are invalid and left out of the bank:`);
    for (const e of loaded.errors) out.push(`  ${formatProblem(e)}`);
    out.push('');
  }
  const floorNote = strict && !report.floor.met ? '; floor not met' : '';
  const verdict = loaded.errors.length || floorNote ? 'FAILED' : 'OK';
  out.push(`${verdict}: ${count(report.total, 'valid question')}, ${count(loaded.errors.length, 'error')}, ${count(loaded.warnings.length, 'warning')}${floorNote}.`);
  console.log(out.join('\n'));
}

/** A plain-text table; columns holding only numbers are right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^\d*$/.test(r[i]!)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`, ...rows.map(line)];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

process.exitCode = main(process.argv.slice(2));
