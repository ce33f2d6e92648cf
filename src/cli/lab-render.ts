/** How the lab CLI shows sessions and findings on a terminal. */
import { getCheck } from '../checks/catalog.ts';
import type { Finding } from '../checks/types.ts';
import type { SessionView } from '../labs/index.ts';
import { duration, indent, type Painter } from './output.ts';

export function statusMark(out: Painter, status: string): string {
  return status === 'pass' ? out.paint('✓', 'green') : status === 'fail' ? out.paint('✗', 'red') : status === 'unknown' ? out.paint('?', 'yellow') : out.paint('·', 'grey');
}

export function renderView(out: Painter, view: SessionView): string {
  const lines: string[] = [];
  const stateColour = view.state === 'passed' ? 'green' : view.state === 'failed' ? 'red' : view.state === 'done' ? 'grey' : 'cyan';
  lines.push(`${out.paint(view.labTitle, 'bold')}  ${out.paint(view.state, stateColour)}  ${out.paint(`(session ${view.id}, run ${view.runId})`, 'grey')}`);
  lines.push(`  ${view.stateText}`);
  lines.push(`  ${out.paint('Target', 'bold')}     ${view.target} · ${view.region}${view.accountId ? ` · account ${view.accountId}` : ''}`);
  if (view.timeLeftMs !== undefined) lines.push(`  ${out.paint('Time left', 'bold')}  ${duration(view.timeLeftMs)}${view.expiresAt ? out.paint(` (until ${new Date(view.expiresAt).toLocaleTimeString()})`, 'grey') : ''}`);
  if (view.failure) {
    lines.push(`  ${out.paint('Failed', 'red')}     ${view.failure.phase}: ${view.failure.message}`);
    lines.push(`             ${view.failure.teardownPending ? 'Resources may exist: `npm run lab -- retry` or `npm run lab -- teardown`.' : 'Nothing was created: `npm run lab -- retry` or `npm run lab -- teardown`.'}`);
  }
  if (view.lastError) lines.push(`  ${out.paint('Last error', 'yellow')} ${view.lastError}`);
  if (view.state !== 'done') {
    lines.push(`  ${out.paint('Resources', 'bold')}`);
    const width = Math.max(...view.resources.map((r) => r.title.length));
    for (const r of view.resources) lines.push(`    ${r.title.padEnd(width)}  ${out.paint(r.name, 'cyan')}`);
  }
  lines.push(`  ${out.paint('Tasks', 'bold')}${view.checksRun ? '' : out.paint('  (not checked yet: npm run lab -- check)', 'grey')}`);
  view.tasks.forEach((t, i) => {
    const hints = t.hintsRevealed ? out.paint(`  ${t.hintsRevealed}/3 hints`, 'grey') : '';
    lines.push(`    ${statusMark(out, t.status)} ${i + 1}. ${t.title} ${out.paint(`[${t.id}]`, 'grey')}${hints}`);
    if (t.status !== 'pass') lines.push(indent(out.paint(t.goal, 'dim'), 9));
    for (const q of t.questions) lines.push(`         ${out.paint('?', 'blue')} ${q.prompt} ${out.paint(`[${q.id}]`, 'grey')} ${q.answer ? `answered: ${q.answer}` : out.paint('(npm run lab -- answer <id> <text>)', 'grey')}`);
  });
  if (view.assisted) lines.push(out.paint('  The reference solution was applied in this run (assisted).', 'yellow'));
  return lines.join('\n');
}

export function renderFinding(out: Painter, f: Finding, verbose: boolean): string {
  const check = getCheck(f.checkId);
  const controls = check?.securityHub.length ? out.paint(` ${check.securityHub.join(', ')}`, 'grey') : '';
  const lines = [`${statusMark(out, f.status)} ${check?.title ?? f.checkId}${controls} ${out.paint(`(${f.checkId})`, 'grey')}`, indent(f.summary, 2)];
  for (const e of f.evidence) {
    const value = typeof e.value === 'string' ? e.value : JSON.stringify(e.value);
    lines.push(out.paint(`  seen: ${e.field} = ${value.length > 300 ? `${value.slice(0, 300)}…` : value}${e.expected ? ` (expected ${e.expected})` : ''}`, 'grey'));
  }
  if (f.status !== 'pass' && check) {
    if (verbose) lines.push(indent(`${out.paint('risk:', 'bold')} ${check.risk}`, 2));
    lines.push(indent(`${out.paint('fix:', 'bold')} ${check.remediation.text}`, 2));
    if (verbose) lines.push(indent(out.paint(check.remediation.cli, 'cyan'), 4));
  }
  return lines.join('\n');
}
