/**
 * `npm run lab -- <command>`: hands-on labs from the command line.
 *
 *   list | start <lab> | status | check | hint [task] | answer <question> <text> | solve [task]
 *   | reset | retry | teardown | env | selftest [lab…] | validate
 *
 * Sessions live in SQLite under MLSEC_DATA_DIR (default .mlsec/), so they survive restarts. Output
 * is coloured on a terminal (NO_COLOR and pipes turn it off); `--json` prints data for scripts.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { learnerEnvironmentFor, openTarget, SandboxRefusedError, TargetConfigError, targetSettingsFromEnv, type Target } from '../aws/index.ts';
import { openDatabase, type SqlClient } from '../db/index.ts';
import {
  findLab,
  LabDefinitionError,
  LabSessionService,
  loadLabs,
  nextTaskForHint,
  revealedHints,
  selftestLab,
  SessionError,
  sessionView,
  sqlSessionStore,
  type Progress,
  type SelftestReport,
  type SessionRecord,
} from '../labs/index.ts';
import { availability } from '../labs/runner.ts';
import { renderFinding, renderView, statusMark } from './lab-render.ts';
import { colourEnabled, indent, painter, progressLine, shellQuote } from './output.ts';

const usage = `Usage: npm run lab -- <command> [options]

Commands
  list                     the labs, with syllabus items and services (--check-target: can they run here?)
  start <lab-id>           build a lab environment and start a session
  status                   the current session: state, time left, resources, tasks (--all: every session)
  check                    grade your work; exit code 0 only when every check passes
  hint [task-id]           reveal the next hint level for a task (default: the first unfinished one)
  answer <question> <text> record an answer to an investigation question
  solve [task-id]          apply the reference solution ("show me"); the run is marked assisted
  reset                    tear the environment down and build it again
  retry                    retry the step that failed
  teardown                 delete everything the lab created and end the session
  env                      shell exports that point the AWS CLI at your lab environment
  selftest [lab-id…]       setup → checks fail → near-misses fail → solution passes → teardown
                           (--allow-unavailable: labs the target cannot run are reported, not failed)
  validate                 validate every lab definition

Options
  --json          machine-readable output      --session <id>  act on this session
  --verbose       risks and CLI examples        --yes           do not ask before "solve"
  --no-color      plain output                  --all           every session (status)

Configuration: MLSEC_TARGET (embedded|localstack|endpoint|aws), MLSEC_ENDPOINT, MLSEC_REGION,
MLSEC_ALLOWED_ACCOUNTS, MLSEC_ALLOWED_REGIONS, MLSEC_DATA_DIR — see the README.`;

let parsed = undefined as unknown as ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      session: { type: 'string' },
      all: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'check-target': { type: 'boolean', default: false },
      'allow-unavailable': { type: 'boolean', default: false },
    },
  });
}

class UsageError extends Error {}

const out = painter(colourEnabled(process.stdout));
const err = painter(colourEnabled(process.stderr));
const print = (text = ''): void => void process.stdout.write(`${text}\n`);
const json = (value: unknown): void => print(JSON.stringify(value, null, 2));

let db: SqlClient | undefined;
let service: LabSessionService | undefined;

async function sessions(): Promise<LabSessionService> {
  db ??= await openDatabase();
  service ??= new LabSessionService({ store: sqlSessionStore(db), loadLab: findLab, openTarget: () => openTarget(targetSettingsFromEnv()) });
  return service;
}

async function currentSession(): Promise<SessionRecord> {
  const s = await sessions();
  if (parsed.values.session) return s.get(parsed.values.session);
  const current = await s.current();
  if (!current) throw new SessionError('No active lab session. Start one with `npm run lab -- start <lab-id>` (see `npm run lab -- list`).');
  return current;
}

function progressPrinter() {
  const line = progressLine(process.stderr);
  return {
    listener: (p: Progress) => line.update(`${p.phase === 'teardown' ? 'Teardown' : 'Setup'} ${p.step}/${p.total}: ${p.title}`),
    done: () => line.done(),
  };
}

async function sweepQuietly(): Promise<void> {
  const s = await sessions();
  for (const r of await s.sweep()) {
    process.stderr.write(`${err.paint('note:', 'yellow')} session ${r.id} reached its ${r.reason === 'time-limit' ? 'time limit' : 'inactivity limit'} and was torn down (${r.outcome}).\n`);
  }
}

// ------------------------------------------------------------------------------------- commands

async function list(): Promise<void> {
  const labs = await loadLabs();
  // With --check-target, ask the target whether each lab can run there (read-only probes).
  const availabilityOf = new Map<string, { available: boolean; reasons: string[] }>();
  if (parsed.values['check-target']) {
    const s = await sessions();
    const rt = { aws: await s.clients(), target: await s.target() };
    for (const { definition } of labs) {
      const report = await availability({ ...rt, lab: definition });
      availabilityOf.set(definition.id, { available: report.available, reasons: report.missing.map((m) => `${m.need}: ${m.reason}`) });
    }
  }
  if (parsed.values.json) {
    json(
      labs.map(({ definition: d }) => ({
        id: d.id,
        title: d.title,
        syllabus: d.syllabus,
        services: d.services,
        difficulty: d.difficulty,
        estimatedMinutes: d.estimatedMinutes,
        summary: d.summary,
        ...(availabilityOf.has(d.id) ? { available: availabilityOf.get(d.id)!.available, unavailableBecause: availabilityOf.get(d.id)!.reasons } : {}),
      })),
    );
    return;
  }
  if (labs.length === 0) return print('No labs found under labs/.');
  for (const { definition: d } of labs) {
    const a = availabilityOf.get(d.id);
    const mark = a ? (a.available ? out.paint('  available here', 'green') : out.paint('  not available here', 'red')) : '';
    print(`${out.paint(d.id, 'bold', 'cyan')}  ${d.title}${mark}`);
    print(`  ${d.difficulty}, about ${d.estimatedMinutes} min · syllabus ${d.syllabus.join(', ')} · ${d.services.join(', ')}`);
    print(indent(out.paint(d.summary, 'dim'), 2));
    for (const reason of a?.reasons ?? []) print(indent(out.paint(reason, 'red'), 2));
  }
  print(out.paint(`\nStart one with: npm run lab -- start <lab-id>`, 'grey'));
}

async function start(labId: string | undefined): Promise<void> {
  if (!labId) throw new UsageError('start needs a lab id (see `npm run lab -- list`).');
  const lab = await findLab(labId);
  const s = await sessions();
  await sweepQuietly();
  const progress = progressPrinter();
  const began = performance.now();
  let record: SessionRecord;
  try {
    record = await s.start(labId, progress.listener);
  } finally {
    progress.done();
  }
  const view = sessionView(record, lab);
  if (parsed.values.json) return json(view);
  if (record.state === 'ready') print(`${out.paint('✓', 'green')} Lab environment ready in ${((performance.now() - began) / 1000).toFixed(1)} s.\n`);
  print(renderView(out, view));
  if (record.state === 'ready') {
    print(`\n${out.paint('Next', 'bold')}: read ${out.paint(`labs/${labId}/brief.mdx`, 'cyan')}, point the AWS CLI at the lab with`);
    print(`      ${out.paint('eval "$(npm run -s lab -- env)"', 'cyan')}, fix what the brief describes, then ${out.paint('npm run lab -- check', 'cyan')}.`);
  } else {
    process.exitCode = 1;
  }
}

async function status(): Promise<void> {
  const s = await sessions();
  await sweepQuietly();
  if (parsed.values.all) {
    const all = await s.list();
    if (parsed.values.json) return json(all.map((r) => ({ id: r.id, labId: r.labId, state: r.state, runId: r.runId, target: r.target.label, createdAt: r.createdAt, updatedAt: r.updatedAt })));
    if (all.length === 0) return print('No sessions yet.');
    for (const r of all) print(`${r.active ? out.paint('●', 'green') : out.paint('○', 'grey')} ${r.id}  ${r.labId}  ${r.state}  ${out.paint(r.updatedAt, 'grey')}`);
    return;
  }
  const record = await currentSession();
  const lab = await findLab(record.labId);
  const view = sessionView(record, lab);
  if (parsed.values.json) return json(view);
  print(renderView(out, view));
}

async function check(): Promise<void> {
  const s = await sessions();
  await sweepQuietly();
  const before = await currentSession();
  const lab = await findLab(before.labId);
  const line = progressLine(process.stderr);
  line.update('Checking your work…');
  let record: SessionRecord;
  try {
    record = await s.send(before.id, { type: 'learner.check' });
  } finally {
    line.done();
  }
  const grade = record.context.lastGrade;
  process.exitCode = record.state === 'passed' ? 0 : 1;
  if (parsed.values.json) return json({ passed: record.state === 'passed', state: record.state, error: record.context.lastError, grade, session: sessionView(record, lab) });
  if (!grade || record.context.lastError) {
    print(`${out.paint('Could not check:', 'red')} ${record.context.lastError ?? 'no result'}`);
    return;
  }
  for (const task of grade.tasks) {
    print(`${statusMark(out, task.status)} ${out.paint(task.title, 'bold')} ${out.paint(`[${task.id}]`, 'grey')}`);
    for (const f of task.findings) print(indent(renderFinding(out, f, parsed.values.verbose), 4));
    print();
  }
  const { pass, fail, unknown } = grade.counts;
  const summary = `${pass} passed, ${fail} failed${unknown ? `, ${unknown} could not be checked` : ''} (${grade.durationMs} ms)`;
  if (record.state === 'passed') {
    print(`${out.paint('✓ Every task passes.', 'green', 'bold')} ${summary}${record.context.assisted ? out.paint(' — assisted run', 'yellow') : ''}`);
    print(out.paint('End the session and delete the environment with: npm run lab -- teardown', 'grey'));
  } else {
    print(`${out.paint('Not yet.', 'yellow', 'bold')} ${summary}. Stuck? ${out.paint('npm run lab -- hint', 'cyan')}`);
  }
}

async function hint(taskArg: string | undefined): Promise<void> {
  const s = await sessions();
  const record = await currentSession();
  const lab = await findLab(record.labId);
  const taskId = taskArg ?? nextTaskForHint(record, lab);
  const task = lab.definition.tasks.find((t) => t.id === taskId);
  if (!task) throw new UsageError(`There is no task "${taskId}" in ${lab.definition.id}. Tasks: ${lab.definition.tasks.map((t) => t.id).join(', ')}.`);
  let after = record;
  const already = record.context.hints[taskId] ?? 0;
  if (already < 3) after = await s.send(record.id, { type: 'learner.hint', taskId });
  const hints = revealedHints(after, lab, taskId);
  if (parsed.values.json) return json({ taskId, title: task.title, hints, hintsRevealed: after.context.hintsRevealed });
  print(`${out.paint('Hints for', 'bold')} ${task.title} ${out.paint(`[${taskId}]`, 'grey')}`);
  const names = { nudge: 'Nudge', where: 'Where to look', command: 'The command' } as const;
  for (const h of hints) {
    const fresh = h.level === hints.length && already < 3;
    print(`  ${out.paint(`${h.level}. ${names[h.name]}`, fresh ? 'yellow' : 'grey')}`);
    print(indent(h.name === 'command' ? out.paint(h.text, 'cyan') : h.text, 5));
  }
  if (already >= 3) print(out.paint('  All three levels are revealed for this task.', 'grey'));
  else if (hints.length < 3) print(out.paint(`  Run the same command again for level ${hints.length + 1}.`, 'grey'));
}

async function answer(questionId: string | undefined, words: string[]): Promise<void> {
  if (!questionId || words.length === 0) throw new UsageError('answer needs a question id and your answer, e.g. `npm run lab -- answer who-made-it-public AKIA…`.');
  const s = await sessions();
  const record = await currentSession();
  const lab = await findLab(record.labId);
  const question = lab.definition.tasks.flatMap((t) => t.questions).find((q) => q.id === questionId);
  if (!question) {
    const ids = lab.definition.tasks.flatMap((t) => t.questions.map((q) => q.id));
    throw new UsageError(`There is no question "${questionId}" in ${lab.definition.id}.${ids.length ? ` Questions: ${ids.join(', ')}.` : ' This lab asks no questions.'}`);
  }
  const after = await s.send(record.id, { type: 'learner.answer', questionId, answer: words.join(' ') });
  if (parsed.values.json) return json({ questionId, answer: after.context.answers[questionId] });
  print(`Recorded your answer to "${question.prompt}". ${out.paint('npm run lab -- check', 'cyan')} grades it.`);
}

async function solve(taskId: string | undefined): Promise<void> {
  const s = await sessions();
  const record = await currentSession();
  const lab = await findLab(record.labId);
  if (taskId && !lab.definition.tasks.some((t) => t.id === taskId)) throw new UsageError(`There is no task "${taskId}". Tasks: ${lab.definition.tasks.map((t) => t.id).join(', ')}.`);
  if (!parsed.values.yes && process.stdin.isTTY && process.stdout.isTTY && !parsed.values.json) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const reply = await rl.question(`Apply the reference solution${taskId ? ` for ${taskId}` : ''}? The run will be marked assisted. [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(reply.trim())) return print('Nothing changed.');
  }
  const after = await s.send(record.id, { type: 'learner.solve', taskId });
  if (parsed.values.json) return json(sessionView(after, lab));
  if (after.context.lastError) {
    process.exitCode = 1;
    return print(`${out.paint('The reference solution failed:', 'red')} ${after.context.lastError}`);
  }
  print(`Applied: ${lab.definition.solution.filter((st) => !taskId || st.task === taskId).map((st) => st.title).join('; ')}.`);
  print(renderView(out, sessionView(after, lab)));
}

async function lifecycle(kind: 'reset' | 'retry' | 'teardown'): Promise<void> {
  const s = await sessions();
  const record = await currentSession();
  const lab = await findLab(record.labId);
  const progress = progressPrinter();
  let after: SessionRecord;
  try {
    after = await s.send(record.id, { type: kind === 'reset' ? 'learner.reset' : kind === 'retry' ? 'learner.retry' : 'learner.teardown' }, progress.listener);
  } finally {
    progress.done();
  }
  if (parsed.values.json) return json({ ...sessionView(after, lab), teardown: after.context.lastTeardown });
  if (after.state === 'failed') process.exitCode = 1;
  if (kind === 'teardown' && after.state === 'done') {
    const report = after.context.lastTeardown;
    print(`${out.paint('✓', 'green')} Session ended; the lab environment is gone.`);
    if (report?.deleted.length) print(`  Deleted: ${report.deleted.map((r) => `${r.type} ${r.id}`).join(', ')}`);
    if (report?.restored.length) print(`  Restored: ${report.restored.join('; ')}`);
    return;
  }
  print(renderView(out, sessionView(after, lab)));
}

async function env(): Promise<void> {
  const settings = targetSettingsFromEnv();
  const vars = learnerEnvironmentFor(settings);
  if (parsed.values.json) return json(vars);
  print(`# mlsec-sim lab environment (${settings.kind}${settings.endpoint ? ` at ${settings.endpoint}` : ''}, ${settings.region})`);
  if (settings.kind === 'embedded') print('# The emulator must be running: `npm run emulator` (or `npm start`) in another terminal.');
  if (settings.kind === 'aws') print('# Credentials: the AWS CLI uses your default credential chain, as mlsec-sim does.');
  for (const [k, v] of Object.entries(vars)) print(`export ${k}=${shellQuote(v)}`);
}

async function selftest(ids: string[]): Promise<void> {
  const labs = ids.length ? await Promise.all(ids.map((id) => findLab(id))) : await loadLabs();
  const settings = targetSettingsFromEnv();
  // A private emulator per selftest run, never the learner's: selftests create and delete resources.
  if (settings.kind === 'embedded' && !process.env.MLSEC_EMBEDDED) settings.embeddedMode = 'in-process';
  let target: Target;
  try {
    target = await openTarget(settings);
  } catch (error) {
    // A target that cannot run labs at all (an emulator missing from this build) makes every lab
    // unavailable there; --allow-unavailable reports that instead of failing.
    if (!(error instanceof TargetConfigError) || !parsed.values['allow-unavailable']) throw error;
    const reports = labs.map((lab) => ({ labId: lab.definition.id, target: settings.kind, ok: false, unavailable: error.message, steps: [], durationMs: 0 }));
    if (parsed.values.json) json(reports);
    else for (const r of reports) print(`${out.paint('selftest', 'bold')} ${r.labId}: ${out.paint('NOT AVAILABLE', 'yellow')} — ${r.unavailable}`);
    return;
  }
  const reports: SelftestReport[] = [];
  try {
    for (const lab of labs) {
      // A lab that needs SCPs to decide gets a private emulator of its own with enforcement on: the
      // shared one runs without, as learners' emulators do by default.
      const own = settings.kind === 'embedded' && settings.embeddedMode === 'in-process' && lab.definition.requires.includes('scp-enforcement') ? await openTarget(settings, { enforceIam: true }) : undefined;
      const labTarget = own ?? target;
      if (!parsed.values.json) print(`${out.paint('selftest', 'bold')} ${lab.definition.id} on ${labTarget.description.label}${own ? ' (IAM and SCP enforcement on)' : ''}`);
      const report = await selftestLab(lab, {
        openTarget: async () => ({ ...labTarget, close: async () => {} }),
        onStep: (st) => {
          if (!parsed.values.json) print(`  ${st.ok ? out.paint('✓', 'green') : out.paint('✗', 'red')} ${st.name} ${out.paint(`${Math.round(st.ms)} ms`, 'grey')}${st.ok ? '' : `\n${indent(out.paint(st.detail, 'red'), 4)}`}`);
        },
      });
      await own?.close();
      reports.push(report);
      if (!parsed.values.json) {
        const verdict = report.ok ? out.paint('passed', 'green') : report.unavailable ? out.paint('NOT AVAILABLE on this target', 'yellow') : out.paint('FAILED', 'red');
        print(`  ${verdict} in ${(report.durationMs / 1000).toFixed(1)} s\n`);
      }
    }
  } finally {
    await target.close();
  }
  if (parsed.values.json) json(reports);
  // --allow-unavailable: a lab the target cannot run (reported above, nothing created) does not fail the run.
  const acceptable = (r: SelftestReport) => r.ok || (parsed.values['allow-unavailable'] && r.unavailable !== undefined);
  process.exitCode = reports.every(acceptable) ? 0 : 1;
}

async function validate(): Promise<void> {
  const labs = await loadLabs();
  if (parsed.values.json) return json({ valid: true, labs: labs.map((l) => l.definition.id) });
  print(`${out.paint('✓', 'green')} ${labs.length} lab definition${labs.length === 1 ? '' : 's'} valid: ${labs.map((l) => l.definition.id).join(', ')}`);
}

// ----------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help || !command) {
    print(usage);
    if (!command && !parsed.values.help) process.exitCode = 2;
    return;
  }
  switch (command) {
    case 'list':
      return list();
    case 'start':
      return start(args[0]);
    case 'status':
      return status();
    case 'check':
      return check();
    case 'hint':
      return hint(args[0]);
    case 'answer':
      return answer(args[0], args.slice(1));
    case 'solve':
      return solve(args[0]);
    case 'reset':
    case 'retry':
    case 'teardown':
      return lifecycle(command);
    case 'env':
      return env();
    case 'selftest':
      return selftest(args);
    case 'validate':
      return validate();
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

try {
  await main();
} catch (error) {
  const e = error as Error;
  const known = error instanceof UsageError || error instanceof SessionError || error instanceof TargetConfigError || error instanceof SandboxRefusedError || error instanceof LabDefinitionError;
  if (parsed?.values?.json && !(error instanceof UsageError)) {
    process.stdout.write(`${JSON.stringify({ error: { name: e.name, message: e.message } }, null, 2)}\n`);
  } else {
    process.stderr.write(`${err.paint('error:', 'red', 'bold')} ${e.message}\n`);
    if (error instanceof UsageError) process.stderr.write(`${err.paint('Run `npm run lab -- --help` for the commands.', 'grey')}\n`);
    else if (!known && process.env.MLSEC_DEBUG) process.stderr.write(`${e.stack}\n`);
  }
  process.exitCode = error instanceof UsageError ? 2 : 1;
} finally {
  await service?.close().catch(() => {});
  await db?.close().catch(() => {});
}
