/**
 * The live lab console: start the lab, watch it being built step by step, work in the terminal,
 * check, take hints, show the solution (after confirming; the run is then marked assisted), reset
 * and tear down. The session lives on the server; this island shows it, following the server-sent
 * events of the session, so a reload (or another tab, or the CLI) never loses anything.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleView, FindingView } from '../../console/console-view.ts';
import { api, ApiCallError, formatDuration } from './lab-client.ts';
import EnvironmentDiagram from './EnvironmentDiagram.tsx';
import LabTerminal from './LabTerminal.tsx';
import './lab.css';

export interface LabTaskInfo {
  id: string;
  title: string;
  goal: string;
  controls: string[];
}

interface Props {
  labId: string;
  labTitle: string;
  tasks: LabTaskInfo[];
  initialView: ConsoleView | null;
}

const statusWords: Record<string, { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'Passed' },
  fail: { symbol: '✗', word: 'Not yet' },
  unknown: { symbol: '?', word: 'Could not check' },
  'not-checked': { symbol: '○', word: 'Not checked yet' },
};

const setupSymbols = { done: '✓', running: '…', pending: '○', failed: '✗' } as const;

const workingStates = new Set(['preflight', 'provisioning', 'checking', 'solving', 'resetting', 'tearingDown']);

export default function LabConsole({ labId, labTitle, tasks, initialView }: Props) {
  const [view, setView] = useState<ConsoleView | null>(initialView);
  const [pending, setPending] = useState<string>();
  const [error, setError] = useState<string>();
  const [roundTripMs, setRoundTripMs] = useState<number>();
  // Null until mounted: clock-driven text must not differ between the server's render and hydration.
  const [now, setNow] = useState<number | null>(null);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const [solveTask, setSolveTask] = useState<string | undefined>();
  const sessionId = view?.session.id;
  const active = view !== null && view.session.state !== 'done';

  // Live updates for the session being shown.
  useEffect(() => {
    if (!sessionId || !active) return;
    const source = new EventSource(api.eventsUrl(sessionId));
    source.addEventListener('session', (event) => {
      const next = JSON.parse((event as MessageEvent).data) as ConsoleView;
      setView((current) => (!current || current.session.id !== next.session.id || next.version >= current.version ? next : current));
    });
    return () => source.close();
  }, [sessionId, active]);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const run = useCallback(async (label: string, fn: () => Promise<{ view: ConsoleView }>, timed = false) => {
    setPending(label);
    setError(undefined);
    const started = performance.now();
    try {
      const { view: next } = await fn();
      if (timed) setRoundTripMs(Math.round(performance.now() - started));
      setView(next);
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : String(e));
    } finally {
      setPending(undefined);
    }
  }, []);

  const start = () => void run('Starting', () => api.start(labId));
  const act = (label: string, body: Record<string, unknown>, timed = false) => sessionId && void run(label, () => api.act(sessionId, body), timed);
  const askSolve = (taskId?: string) => {
    setSolveTask(taskId);
    confirmRef.current?.showModal();
  };
  const confirmSolve = () => {
    confirmRef.current?.close();
    act('Applying the solution', { action: 'solve', confirm: true, ...(solveTask ? { taskId: solveTask } : {}) });
  };

  const can = (action: string) => !pending && !!view && view.actions.includes(action as never);
  const state = view?.session.state;
  const working = !!state && (workingStates.has(state) || !!view?.busy);
  const gradeByTask = new Map((view?.grade?.tasks ?? []).map((t) => [t.id, t]));
  const taskStatus = new Map((view?.session.tasks ?? []).map((t) => [t.id, t.status]));
  const elapsed = view && now !== null ? Math.max(0, (view.endedAt ? Date.parse(view.endedAt) : now) - Date.parse(view.startedAt)) : undefined;
  const timeLeft = view?.session.expiresAt && active && now !== null ? Date.parse(view.session.expiresAt) - now : undefined;
  const passedCount = tasks.filter((t) => taskStatus.get(t.id) === 'pass').length;

  return (
    <div className="lab-console">
      <section className="lab-status" aria-labelledby="session-heading">
        <h2 id="session-heading">Your lab environment</h2>
        {!active && (
          <div className="lab-start">
            {view?.session.state === 'done' && (
              <p>
                Your last session of this lab ended{view.session.passed || view.grade?.passed ? ', with every task passed' : ''}. Start again for a fresh environment.
              </p>
            )}
            {!view && <p>Start the lab to build its environment on {labTitle ? 'the lab target' : 'your target'}: it takes a few seconds on the embedded emulator.</p>}
            <button type="button" onClick={start} disabled={!!pending}>
              {pending === 'Starting' ? 'Starting…' : 'Start the lab'}
            </button>
          </div>
        )}
        {view && active && (
          <>
            <p className="state-line" data-testid="session-state" data-state={state}>
              <strong>{view.session.stateText}</strong>
              {view.busy && <span> ({view.busy}…)</span>}
              {view.session.assisted && <span className="badge">assisted: the solution was shown</span>}
            </p>
            <dl className="session-facts">
              <div>
                <dt>Time on lab</dt>
                <dd data-testid="time-on-lab">{elapsed === undefined ? '…' : formatDuration(elapsed)}</dd>
              </div>
              {view.session.expiresAt && (
                <div>
                  <dt>Time left</dt>
                  <dd>{timeLeft === undefined ? '…' : formatDuration(timeLeft)}</dd>
                </div>
              )}
              <div>
                <dt>Tasks passed</dt>
                <dd>
                  {passedCount} of {tasks.length}
                </dd>
              </div>
              <div>
                <dt>Target</dt>
                <dd>
                  {view.session.target}, {view.session.region}
                  {view.session.accountId ? `, account ${view.session.accountId}` : ''}
                </dd>
              </div>
            </dl>
            {view.session.resources.length > 0 && (
              <div className="resources">
                <h3>Resources of this run</h3>
                <ul>
                  {view.session.resources.map((r) => (
                    <li key={r.key}>
                      {r.title}: <code data-resource={r.key}>{r.name}</code> <span className="muted">({r.type})</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {view.progress && working && (
              <div className="progress" role="status" aria-live="polite">
                <label htmlFor="lab-progress">
                  {view.progress.phase === 'teardown' ? 'Tearing down' : 'Building'}: step {view.progress.step} of {view.progress.total} — {view.progress.title}
                </label>
                <progress id="lab-progress" max={view.progress.total} value={view.progress.step} />
              </div>
            )}
            <details className="setup" open={working || view.setup.some((step) => step.status === 'failed')}>
              <summary>
                Environment: {view.setup.filter((step) => step.status === 'done').length} of {view.setup.length} setup steps done
              </summary>
              <ol className="steps" aria-label="Setup steps">
                {view.setup.map((step, i) => (
                  <li key={i} data-status={step.status}>
                    <span aria-hidden="true">{setupSymbols[step.status]} </span>
                    {step.title} <span className="visually-hidden">({step.status})</span>
                  </li>
                ))}
              </ol>
            </details>
            {view.session.failure && (
              <div className="failure" role="alert">
                <p>
                  <strong>{view.session.failure.phase} failed:</strong> {view.session.failure.message}
                </p>
                <p>{view.session.failure.teardownPending ? 'Some resources may exist: retry, or tear the environment down.' : 'Nothing was created: retry, or end the session.'}</p>
              </div>
            )}
            {view.session.lastError && !view.session.failure && <p className="failure">The last action failed: {view.session.lastError}</p>}
            <div className="actions" role="group" aria-label="Lab actions">
              <button type="button" onClick={() => act('Checking', { action: 'check' }, true)} disabled={!can('check')}>
                {pending === 'Checking' ? 'Checking…' : 'Check my work'}
              </button>
              <button type="button" className="secondary" onClick={() => act('Revealing a hint', { action: 'hint' })} disabled={!can('hint')}>
                Hint
              </button>
              <button type="button" className="secondary" onClick={() => askSolve()} disabled={!can('solve')}>
                Show solution…
              </button>
              <button type="button" className="secondary" onClick={() => act('Resetting', { action: 'reset' })} disabled={!can('reset')}>
                Reset
              </button>
              {view.actions.includes('retry') && (
                <button type="button" onClick={() => act('Retrying', { action: 'retry' })} disabled={!can('retry')}>
                  Retry
                </button>
              )}
              <button type="button" className="secondary danger" onClick={() => act('Tearing down', { action: 'teardown' })} disabled={!can('teardown')}>
                Tear down
              </button>
            </div>
            {view.grade && (
              <p className="grade-line" data-testid="grade-line">
                Last check{now === null ? '' : ` at ${new Date(view.grade.at).toLocaleTimeString()}`}: {view.grade.counts.pass} passed, {view.grade.counts.fail} failing
                {view.grade.counts.unknown ? `, ${view.grade.counts.unknown} could not be checked` : ''}
                {roundTripMs !== undefined && <span data-testid="check-round-trip"> · round trip {roundTripMs} ms (grading {view.grade.durationMs} ms)</span>}
              </p>
            )}
          </>
        )}
        <div aria-live="polite" className="pending">
          {pending && `${pending}…`}
        </div>
        {error && (
          <p className="failure" role="alert">
            {error}
          </p>
        )}
      </section>

      {/* Beside the status, before the checklist: the learner works here between checks. */}
      {sessionId && active && (
        <LabTerminal sessionId={sessionId} enabled={state === 'ready' || state === 'passed' || state === 'checking'} />
      )}

      <section className="lab-checklist" aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">Checklist</h2>
        <ol className="tasks">
          {tasks.map((task) => {
            const status = taskStatus.get(task.id) ?? 'not-checked';
            const words = statusWords[status]!;
            const result = gradeByTask.get(task.id);
            const hints = view?.hints[task.id] ?? [];
            return (
              <li key={task.id} className={`task status-${status}`} data-task={task.id} data-status={status}>
                <h3>
                  <span className="status" aria-hidden="true">
                    {words.symbol}
                  </span>{' '}
                  {task.title} <span className="status-word">({words.word})</span>
                </h3>
                <p>
                  {task.goal}
                  {task.controls.length > 0 && <span className="muted"> Controls: {task.controls.join(', ')}.</span>}
                </p>
                {result && status !== 'pass' && (
                  <ul className="findings">
                    {result.findings.filter((f) => f.status !== 'pass').map((f, i) => (
                      <Finding key={`${f.checkId}-${i}`} finding={f} />
                    ))}
                  </ul>
                )}
                {result && status === 'pass' && (
                  <details>
                    <summary>Evidence ({result.findings.length} check{result.findings.length === 1 ? '' : 's'} passed)</summary>
                    <ul className="findings">
                      {result.findings.map((f, i) => (
                        <Finding key={`${f.checkId}-${i}`} finding={f} />
                      ))}
                    </ul>
                  </details>
                )}
                {hints.length > 0 && (
                  <div className="hints">
                    <h4>Hints</h4>
                    <ol>
                      {hints.map((h) => (
                        <li key={h.level}>
                          <strong>{h.name}:</strong> {h.name === 'command' ? (
                            <pre tabIndex={0}>
                              <code>{h.text}</code>
                            </pre>
                          ) : (
                            h.text
                          )}
                        </li>
                      ))}
                    </ol>
                  </div>
                )}
                {active && status !== 'pass' && (
                  <p className="task-actions">
                    <button type="button" className="link-button" onClick={() => act('Revealing a hint', { action: 'hint', taskId: task.id })} disabled={!can('hint') || hints.length >= 3}>
                      {hints.length >= 3 ? 'All hints shown' : `Hint for “${task.title}”`}
                    </button>
                    <button type="button" className="link-button" onClick={() => askSolve(task.id)} disabled={!can('solve')}>
                      Show the solution of this task…
                    </button>
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      </section>


      {view && active && <EnvironmentDiagram environment={view.environment} />}

      <dialog ref={confirmRef} className="confirm-dialog" aria-labelledby="solve-title">
        <h2 id="solve-title">Show the solution?</h2>
        <p>
          The reference solution will be applied to your environment{solveTask ? ' for this task' : ' for every task'}, and this run will be marked
          <strong> assisted</strong>. Hints are a gentler way forward.
        </p>
        <div className="actions">
          <button type="button" onClick={confirmSolve}>
            Apply the solution
          </button>
          <button type="button" className="secondary" onClick={() => confirmRef.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </div>
  );
}

function Finding({ finding }: { finding: FindingView }) {
  const words = statusWords[finding.status]!;
  const [copied, setCopied] = useState(false);
  const cli = finding.remediation?.cli;
  return (
    <li className={`finding status-${finding.status}`}>
      <p>
        <strong>
          {words.symbol} {words.word}:
        </strong>{' '}
        {finding.summary}{' '}
        <span className="muted">
          ({finding.checkTitle}
          {finding.securityHub.length ? `; Security Hub ${finding.securityHub.join(', ')}` : ''}
          {finding.prowler ? `; Prowler ${finding.prowler}` : ''})
        </span>
      </p>
      {finding.evidence.length > 0 && (
        <table className="evidence">
          <caption className="visually-hidden">Evidence for {finding.resource.id}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Seen</th>
              <th scope="col">Expected</th>
            </tr>
          </thead>
          <tbody>
            {finding.evidence.map((e, i) => (
              <tr key={i}>
                <td>
                  <code>{e.field}</code>
                </td>
                <td>
                  <code>{typeof e.value === 'string' ? e.value : JSON.stringify(e.value)}</code>
                </td>
                <td>{e.expected ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {finding.status !== 'pass' && finding.risk && (
        <p>
          <strong>Risk:</strong> {finding.risk}
        </p>
      )}
      {finding.status !== 'pass' && finding.remediation && (
        <div className="remediation">
          <p>
            <strong>Remediation:</strong> {finding.remediation.text}
          </p>
          {cli && (
            <div className="snippet">
              {/* Focusable: a long command scrolls sideways, and keyboard users must be able to scroll it. */}
              <pre tabIndex={0}>
                <code>{cli}</code>
              </pre>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  void navigator.clipboard?.writeText(cli).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  );
                }}
              >
                {copied ? 'Copied' : 'Copy command'}
              </button>
            </div>
          )}
        </div>
      )}
    </li>
  );
}
