/**
 * /workshops/<id>: the instructor's live dashboard. A learner × lab grid (status, checks passed x/y,
 * assisted, hints, time on lab) that follows the server-sent `dashboard` events and reconnects when
 * the stream drops; a filter by name and "stuck" highlighting (see stuck.ts) keep 100 learners
 * readable. Actions: reset a learner's lab, extend, broadcast, end (then the teardown report), the
 * results export, and the leaderboard when the workshop has one.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { instructorApi, WorkshopApiError, formatDuration, formatWhen } from './workshop-client.ts';
import type { Dashboard, DashboardCell, DashboardRow, LabInfo, LabStatus, LeaderboardEntry, TeardownReport, Workshop } from './workshop-types.ts';
import { isStuck, observe, type Observations } from './stuck.ts';
import CopyButton from './CopyButton.tsx';
import './workshops.css';

interface Props {
  workshopId: string;
  labs: LabInfo[];
  /** Whether the browser sent an instructor session cookie (HttpOnly: only the page can tell). */
  hasSession: boolean;
}

type Connection = 'connecting' | 'live' | 'reconnecting' | 'closed';

export const statusWords: Record<LabStatus, string> = {
  'not-started': 'Not started',
  provisioning: 'Provisioning',
  ready: 'Ready',
  checking: 'Checking',
  passed: 'Passed',
  failed: 'Checks failing',
  'torn-down': 'Torn down',
};

const activeStatuses = new Set<LabStatus>(['provisioning', 'ready', 'checking', 'failed']);

export default function WorkshopDashboard({ workshopId, labs, hasSession }: Props) {
  const [workshop, setWorkshop] = useState<Workshop | null>(null);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [loadError, setLoadError] = useState<WorkshopApiError | Error | null>(hasSession ? null : new WorkshopApiError(401, 'NotSignedIn', 'not signed in'));
  const [connection, setConnection] = useState<Connection>('connecting');
  const [now, setNow] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [onlyStuck, setOnlyStuck] = useState(false);
  const [stuckMinutes, setStuckMinutes] = useState(10);
  const [report, setReport] = useState<TeardownReport | null>(null);
  const observations = useRef<Observations>(new Map());
  const [, setObservedVersion] = useState(0);

  const accept = useCallback((next: Dashboard) => {
    setDashboard((current) => {
      if (current && Date.parse(next.generatedAt) < Date.parse(current.generatedAt)) return current;
      observe(observations.current, next.rows, Date.parse(next.generatedAt) || Date.now());
      return next;
    });
    setObservedVersion((v) => v + 1);
    setWorkshop((w) => (w ? { ...w, state: next.state, endsAt: next.endsAt, learnerCount: next.rows.length } : w));
  }, []);

  const load = useCallback(async () => {
    try {
      const answer = await instructorApi.get(workshopId);
      setWorkshop(answer.workshop);
      accept(answer.dashboard);
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [workshopId, accept]);

  // The CSRF token comes with `me`; the snapshot follows.
  useEffect(() => {
    if (!hasSession) return;
    void instructorApi.me().then(
      () => load(),
      (e: unknown) => setLoadError(e instanceof Error ? e : new Error(String(e))),
    );
  }, [load, hasSession]);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // The live stream. EventSource retries by itself after a network drop; when the server closes it
  // for good (an error status, a restart), we open a new one with backoff and reload the snapshot.
  const ended = workshop?.state === 'ended';
  const ready = workshop !== null;
  useEffect(() => {
    if (!ready || ended) return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let stopped = false;
    const open = () => {
      source = new EventSource(instructorApi.eventsUrl(workshopId));
      source.addEventListener('open', () => {
        if (attempts > 0) void load();
        attempts = 0;
        setConnection('live');
      });
      source.addEventListener('dashboard', (event) => {
        try {
          accept(JSON.parse((event as MessageEvent<string>).data) as Dashboard);
          setConnection('live');
        } catch {
          // A malformed event is skipped; the next one carries the whole dashboard again.
        }
      });
      source.addEventListener('error', () => {
        if (stopped) return;
        attempts += 1;
        setConnection('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          const delay = Math.min(15_000, 1000 * 2 ** Math.min(attempts - 1, 4));
          retryTimer = setTimeout(open, delay);
        }
      });
    };
    open();
    const onOnline = () => {
      if (source?.readyState === EventSource.CLOSED) {
        clearTimeout(retryTimer);
        open();
      }
    };
    window.addEventListener('online', onOnline);
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
      window.removeEventListener('online', onOnline);
      setConnection('closed');
    };
  }, [workshopId, ready, ended, load, accept]);

  if (loadError && !workshop)
    return (
      <>
        <h1>Workshop dashboard</h1>
        <LoadProblem error={loadError} />
      </>
    );
  if (!workshop || !dashboard)
    return (
      <>
        <h1>Workshop dashboard</h1>
        <p role="status" className="ws-loading">
          Loading the workshop…
        </p>
      </>
    );

  const labTitles = new Map(labs.map((l) => [l.id, l.title]));
  const labIds = workshop.labIds;
  const generatedAt = Date.parse(dashboard.generatedAt) || 0;
  const clock = now ?? generatedAt;
  const stuck = (row: DashboardRow, cell: DashboardCell) => now !== null && isStuck(observations.current, row.learnerId, cell, clock, stuckMinutes);
  const needle = filter.trim().toLowerCase();
  const rows = dashboard.rows
    .filter((r) => !needle || r.displayName.toLowerCase().includes(needle))
    .filter((r) => !onlyStuck || r.labs.some((c) => stuck(r, c)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const stuckLearners = dashboard.rows.filter((r) => r.labs.some((c) => stuck(r, c))).length;
  const passedCells = dashboard.rows.reduce((n, r) => n + r.labs.filter((c) => c.status === 'passed').length, 0);
  const activeLearners = dashboard.rows.filter((r) => r.labs.some((c) => activeStatuses.has(c.status))).length;
  const timeLeft = Date.parse(dashboard.endsAt) - clock;
  const joinLink = typeof location === 'undefined' ? workshop.joinUrl : new URL(workshop.joinUrl, location.origin).href;

  return (
    <div className="ws-dashboard" data-state={dashboard.state}>
      <header className="ws-dash-head">
        <h1>{workshop.title}</h1>
        <p className="ws-dash-facts">
          <span className={`ws-state ws-state-${dashboard.state}`} data-testid="workshop-state">
            {dashboard.state === 'ended' ? 'Ended' : dashboard.state === 'scheduled' ? 'Scheduled' : 'Running'}
          </span>{' '}
          <span data-testid="time-left">
            {dashboard.state === 'ended' ? `ended ${formatWhen(workshop.endedAt ?? dashboard.endsAt)}` : now === null ? '' : timeLeft > 0 ? `${formatDuration(timeLeft)} left (ends ${formatWhen(dashboard.endsAt)})` : 'time is up'}
          </span>{' '}
          · <ConnectionBadge connection={dashboard.state === 'ended' ? 'closed' : connection} />
        </p>
        {dashboard.state !== 'ended' && (
          <p className="ws-dash-join">
            Join code <code>{workshop.joinCode}</code> · <span className="visually-hidden">Join link: </span>
            <a href={workshop.joinUrl}>{joinLink}</a> <CopyButton text={joinLink} label="Copy join link" />
          </p>
        )}
        <p className="ws-summary" data-testid="summary">
          {dashboard.rows.length} of {workshop.maxLearners} learners joined · {activeLearners} working now · {passedCells} lab{passedCells === 1 ? '' : 's'} passed ·{' '}
          <strong className={stuckLearners ? 'ws-stuck-count' : undefined}>{stuckLearners} stuck</strong>
        </p>
      </header>

      {(report ?? workshop.endReport) && <TeardownReportView report={(report ?? workshop.endReport)!} focus={report !== null} />}

      <section className="ws-card" aria-labelledby="grid-heading">
        <h2 id="grid-heading">Learners</h2>
        <div className="ws-grid-tools" role="group" aria-label="Show learners">
          <div className="ws-field">
            <label htmlFor="ws-filter">Filter by name</label>
            <input id="ws-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name contains…" />
          </div>
          <div className="ws-check">
            <input id="ws-only-stuck" type="checkbox" checked={onlyStuck} onChange={(e) => setOnlyStuck(e.target.checked)} /> <label htmlFor="ws-only-stuck">Only stuck learners</label>
          </div>
          <div className="ws-field">
            <label htmlFor="ws-stuck-minutes">Stuck after (minutes without progress)</label>
            <select id="ws-stuck-minutes" value={stuckMinutes} onChange={(e) => setStuckMinutes(Number(e.target.value))}>
              {[5, 10, 15, 20, 30].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted ws-small" id="stuck-help">
          Stuck: the lab is running and no further check has passed for {stuckMinutes} minutes (counted from the lab’s start until its first check passes).
        </p>
        {dashboard.rows.length === 0 ? (
          <p data-testid="no-learners">No learner has joined yet. Share the join link or the code; learners appear here as they join.</p>
        ) : rows.length === 0 ? (
          <p role="status">No learner matches{needle ? ` “${filter.trim()}”` : ''}{onlyStuck ? ' among the stuck ones' : ''}.</p>
        ) : (
          <LearnerGrid
            workshop={workshop}
            rows={rows}
            labIds={labIds}
            labTitles={labTitles}
            stuck={stuck}
            clock={clock}
            generatedAt={generatedAt}
            live={now !== null}
            onReset={(row) => setWorkshopRow(row, setDashboard)}
          />
        )}
        <p aria-live="polite" className="visually-hidden">
          {filter ? `${rows.length} learners shown` : ''}
        </p>
      </section>

      {workshop.leaderboard && <Leaderboard workshopId={workshopId} version={dashboard.generatedAt} />}

      <section className="ws-card" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Workshop actions</h2>
        {dashboard.state === 'ended' ? (
          <p>The workshop has ended: learners can no longer start labs. The results stay available below.</p>
        ) : (
          <div className="ws-action-grid">
            <Extend workshopId={workshopId} onExtended={(w) => setWorkshop((current) => ({ ...(current ?? w), ...w }))} setDashboard={setDashboard} />
            <Broadcast workshopId={workshopId} setDashboard={setDashboard} />
            <EndWorkshop
              workshop={workshop}
              onEnded={(w, r) => {
                setWorkshop((current) => ({ ...(current ?? w), ...w }));
                setDashboard((d) => (d ? { ...d, state: 'ended' } : d));
                setReport(r);
                // The stream is closed now: one last snapshot shows every lab torn down.
                void load();
              }}
            />
          </div>
        )}
        <h3>Results</h3>
        <p>
          <a href={instructorApi.resultsUrl(workshopId, 'csv')} download>
            Download results (CSV)
          </a>{' '}
          ·{' '}
          <a href={instructorApi.resultsUrl(workshopId, 'json')} download>
            Download results (JSON)
          </a>{' '}
          <span className="muted">— one row per learner and lab.</span>
        </p>
      </section>

      <section className="ws-card" aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages sent</h2>
        {dashboard.messages.length === 0 ? (
          <p className="muted">No message yet. A broadcast appears on every learner’s workshop page.</p>
        ) : (
          <ol className="ws-messages" reversed>
            {[...dashboard.messages].reverse().map((m) => (
              <li key={m.id}>
                <time dateTime={m.at}>{formatWhen(m.at)}</time> — {m.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** A reset answers with the learner's row: shown at once, before the next event. */
function setWorkshopRow(row: DashboardRow | undefined, setDashboard: (f: (d: Dashboard | null) => Dashboard | null) => void): void {
  if (!row || !Array.isArray(row.labs)) return;
  setDashboard((d) => (d ? { ...d, rows: d.rows.map((r) => (r.learnerId === row.learnerId ? row : r)) } : d));
}

function ConnectionBadge({ connection }: { connection: Connection }) {
  const words: Record<Connection, string> = {
    connecting: 'connecting to live updates…',
    live: 'live',
    reconnecting: 'connection lost, reconnecting…',
    closed: 'live updates off',
  };
  return (
    <span className={`ws-connection ws-connection-${connection}`} role="status" data-testid="connection" data-connection={connection}>
      <span aria-hidden="true">{connection === 'live' ? '● ' : connection === 'reconnecting' ? '◌ ' : '○ '}</span>
      {words[connection]}
    </span>
  );
}

function LoadProblem({ error }: { error: Error }) {
  const status = error instanceof WorkshopApiError ? error.status : 0;
  if (status === 401)
    return (
      <p className="ws-error" role="alert">
        Sign in first: <a href="/instructor">instructor sign-in</a>. The dashboard of a workshop is for the instructor who created it.
      </p>
    );
  if (status === 403 || status === 404)
    return (
      <p className="ws-error" role="alert">
        There is no workshop with this id among yours. See <a href="/instructor">your workshops</a>.
      </p>
    );
  return (
    <p className="ws-error" role="alert">
      The workshop could not be loaded: {error.message} Reload the page to try again.
    </p>
  );
}

interface GridProps {
  workshop: Workshop;
  rows: DashboardRow[];
  labIds: string[];
  labTitles: Map<string, string>;
  stuck(row: DashboardRow, cell: DashboardCell): boolean;
  clock: number;
  generatedAt: number;
  live: boolean;
  onReset(row: DashboardRow | undefined): void;
}

function LearnerGrid({ workshop, rows, labIds, labTitles, stuck, clock, generatedAt, live, onReset }: GridProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<{ row: DashboardRow; labId: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const ask = (row: DashboardRow, labId: string) => {
    setTarget({ row, labId });
    setOutcome(null);
    dialog.current?.showModal();
  };
  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    const label = `${labTitles.get(target.labId) ?? target.labId} of ${target.row.displayName}`;
    try {
      const answer = await instructorApi.reset(workshop.id, target.row.learnerId, target.labId);
      onReset(answer && 'row' in answer ? answer.row : (answer as DashboardRow));
      setOutcome({ ok: true, text: `Reset ${label}: its environment is being rebuilt.` });
    } catch (e) {
      setOutcome({ ok: false, text: `Could not reset ${label}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  };
  const canReset = workshop.state !== 'ended';
  return (
    <>
      {outcome && (
        <p className={outcome.ok ? 'ws-ok' : 'ws-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      <div className="ws-grid-scroll" tabIndex={0} role="region" aria-label="Learners and their labs (scrolls)">
        <table className="ws-grid" data-testid="learner-grid" aria-describedby="stuck-help">
          <caption className="visually-hidden">Each learner’s status per lab</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              {labIds.map((id) => (
                <th scope="col" key={id}>
                  {labTitles.get(id) ?? id}
                </th>
              ))}
              <th scope="col">Hints</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const byLab = new Map(row.labs.map((c) => [c.labId, c]));
              const rowStuck = row.labs.some((c) => stuck(row, c));
              return (
                <tr key={row.learnerId} data-learner={row.displayName} data-learner-id={row.learnerId} className={rowStuck ? 'ws-row-stuck' : undefined}>
                  <th scope="row">
                    {row.displayName}
                    {rowStuck && <span className="ws-stuck-badge"> stuck</span>}
                    <span className="ws-account muted">{row.accountId ? `account ${row.accountId}` : 'no lab account yet'}</span>
                  </th>
                  {labIds.map((labId) => {
                    const cell = byLab.get(labId) ?? emptyCell(labId);
                    const cellStuck = stuck(row, cell);
                    const seconds = cell.timeSeconds + (live && activeStatuses.has(cell.status) ? Math.max(0, (clock - generatedAt) / 1000) : 0);
                    return (
                      <td key={labId} data-lab={labId} data-status={cell.status} data-checks={`${cell.checksPassed}/${cell.checksTotal}`} className={`ws-cell ws-cell-${cell.status}${cellStuck ? ' ws-cell-stuck' : ''}`}>
                        <span className="ws-cell-status">
                          <span aria-hidden="true">{symbolOf(cell.status)} </span>
                          {statusWords[cell.status] ?? cell.status}
                        </span>
                        {cell.checksTotal > 0 && cell.status !== 'not-started' && (
                          <span className="ws-cell-checks" data-testid="checks">
                            checks {cell.checksPassed}/{cell.checksTotal}
                          </span>
                        )}
                        {cell.assisted && <span className="ws-tag">assisted</span>}
                        {cellStuck && <span className="ws-tag ws-tag-stuck">stuck</span>}
                        {cell.status !== 'not-started' && (
                          <span className="ws-cell-meta muted">
                            {cell.hintsUsed} hint{cell.hintsUsed === 1 ? '' : 's'} · {formatDuration(seconds * 1000)}
                          </span>
                        )}
                        {canReset && cell.status !== 'not-started' && cell.status !== 'torn-down' && (
                          <button type="button" className="link-button ws-reset" onClick={() => ask(row, labId)} aria-label={`Reset ${labTitles.get(labId) ?? labId} for ${row.displayName}`}>
                            Reset…
                          </button>
                        )}
                      </td>
                    );
                  })}
                  <td className="ws-hints-total">{row.labs.reduce((n, c) => n + c.hintsUsed, 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dialog ref={dialog} className="ws-dialog" aria-labelledby="reset-title">
        <h2 id="reset-title">Reset this lab?</h2>
        {target && (
          <p>
            <strong>{target.row.displayName}</strong>’s environment for <strong>{labTitles.get(target.labId) ?? target.labId}</strong> will be torn down and built again from
            the start. Their fixes so far are lost; hints and time are kept in the results.
          </p>
        )}
        <div className="ws-actions">
          <button type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Resetting…' : 'Reset the lab'}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}

function emptyCell(labId: string): DashboardCell {
  return { labId, status: 'not-started', checksPassed: 0, checksTotal: 0, assisted: false, hintsUsed: 0, timeSeconds: 0 };
}

function symbolOf(status: LabStatus): string {
  return { 'not-started': '○', provisioning: '…', ready: '▶', checking: '…', passed: '✓', failed: '✗', 'torn-down': '■' }[status] ?? '?';
}

type SetDashboard = (f: (d: Dashboard | null) => Dashboard | null) => void;

function Extend({ workshopId, onExtended, setDashboard }: { workshopId: string; onExtended(w: Workshop): void; setDashboard: SetDashboard }) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const minutes = Number(new FormData(event.currentTarget).get('minutes'));
    setBusy(true);
    setSaid(null);
    try {
      const { workshop } = await instructorApi.extend(workshopId, minutes);
      onExtended(workshop);
      setDashboard((d) => (d ? { ...d, endsAt: workshop.endsAt } : d));
      setSaid({ ok: true, text: `Extended by ${minutes} minutes: now ends ${formatWhen(workshop.endsAt)}.` });
    } catch (e) {
      setSaid({ ok: false, text: `Not extended: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ws-form ws-action" onSubmit={submit} aria-labelledby="extend-heading">
      <h3 id="extend-heading">Extend time</h3>
      <div className="ws-field">
        <label htmlFor="ws-extend">Minutes to add</label>
        <input id="ws-extend" name="minutes" type="number" min={1} max={600} step={1} defaultValue={15} required />
      </div>
      <div className="ws-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Extending…' : 'Extend'}
        </button>
      </div>
      {said && (
        <p className={said.ok ? 'ws-ok' : 'ws-error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
    </form>
  );
}

function Broadcast({ workshopId, setDashboard }: { workshopId: string; setDashboard: SetDashboard }) {
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const message = text.trim();
    if (!message) {
      setSaid({ ok: false, text: 'Write a message first.' });
      return;
    }
    setBusy(true);
    setSaid(null);
    try {
      const answer = await instructorApi.broadcast(workshopId, message);
      setDashboard((d) => (d && !d.messages.some((m) => m.id === answer.message.id) ? { ...d, messages: [...d.messages, answer.message] } : d));
      setText('');
      setSaid({ ok: true, text: 'Sent to every learner of the workshop.' });
    } catch (e) {
      setSaid({ ok: false, text: `Not sent: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ws-form ws-action" onSubmit={submit} aria-labelledby="broadcast-heading">
      <h3 id="broadcast-heading">Broadcast a message</h3>
      <div className="ws-field">
        <label htmlFor="ws-broadcast">Message to every learner</label>
        <textarea id="ws-broadcast" name="message" rows={3} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="ws-broadcast-count" />
        <span id="ws-broadcast-count" className="muted ws-small">
          {text.length} of 500 characters
        </span>
      </div>
      <div className="ws-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      {said && (
        <p className={said.ok ? 'ws-ok' : 'ws-error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
    </form>
  );
}

function EndWorkshop({ workshop, onEnded }: { workshop: Workshop; onEnded(w: Workshop, report: TeardownReport): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await instructorApi.end(workshop.id);
      dialog.current?.close();
      onEnded(answer.workshop, answer.report);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ws-action">
      <h3>End the workshop</h3>
      <p className="ws-small">Tears down every learner’s lab resources and closes the workshop; results stay available.</p>
      <div className="ws-actions">
        <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
          End workshop…
        </button>
      </div>
      <dialog ref={dialog} className="ws-dialog" aria-labelledby="end-title">
        <h2 id="end-title">End “{workshop.title}” now?</h2>
        <p>
          Every learner’s environment is torn down and nobody can start a lab or join any more. This cannot be undone. With many learners it takes a little while;
          the report lists what was removed.
        </p>
        {error && (
          <p className="ws-error" role="alert">
            The workshop was not ended: {error}
          </p>
        )}
        <div className="ws-actions">
          <button type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Ending and tearing down…' : 'End and tear down'}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
        </div>
        <p aria-live="polite" className="visually-hidden">
          {busy ? 'Ending the workshop and tearing down every environment…' : ''}
        </p>
      </dialog>
    </div>
  );
}

function TeardownReportView({ report, focus }: { report: TeardownReport; focus: boolean }) {
  const ref = useRef<HTMLElement>(null);
  // Just ended: move focus to the report, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const withErrors = report.learners.filter((l) => l.errors.length > 0);
  return (
    <section className="ws-card ws-report" aria-labelledby="report-heading" tabIndex={-1} ref={ref} data-testid="teardown-report">
      <h2 id="report-heading">Teardown report</h2>
      <p>
        The workshop has ended. {report.removedCount} resource{report.removedCount === 1 ? ' was' : 's were'} removed across {report.learners.length} learner
        {report.learners.length === 1 ? '' : 's'}
        {withErrors.length ? `; ${withErrors.length} learner${withErrors.length === 1 ? ' has' : 's have'} errors to look at (below)` : ''}.
      </p>
      {report.learners.length > 0 && (
        <ul className="ws-report-list">
          {report.learners.map((l) => (
            <li key={l.learnerId} data-learner={l.displayName}>
              <details open={l.errors.length > 0 || report.learners.length <= 5}>
                <summary>
                  {l.displayName}: {l.removed.length} removed{l.errors.length ? `, ${l.errors.length} error${l.errors.length === 1 ? '' : 's'}` : ''}
                </summary>
                {l.removed.length > 0 && (
                  <ul className="ws-removed">
                    {l.removed.map((r, i) => (
                      <li key={i}>
                        <code>{r}</code>
                      </li>
                    ))}
                  </ul>
                )}
                {l.errors.length > 0 && (
                  <ul className="ws-error">
                    {l.errors.map((e, i) => (
                      <li key={i}>{e}</li>
                    ))}
                  </ul>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Leaderboard({ workshopId, version }: { workshopId: string; version: string }) {
  const [entries, setEntries] = useState<LeaderboardEntry[] | null>(null);
  const [error, setError] = useState<string>();
  const lastFetch = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // At most one request every 5 s, however often the dashboard changes.
  useEffect(() => {
    const fetchNow = () => {
      lastFetch.current = Date.now();
      instructorApi.leaderboard(workshopId).then(
        (a) => {
          setEntries(a.entries);
          setError(undefined);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    };
    const wait = Math.max(0, lastFetch.current + 5000 - Date.now());
    clearTimeout(timer.current);
    timer.current = setTimeout(fetchNow, wait);
    return () => clearTimeout(timer.current);
  }, [workshopId, version]);
  const ranked = useMemo(() => [...(entries ?? [])].sort((a, b) => b.points - a.points || a.displayName.localeCompare(b.displayName)), [entries]);
  return (
    <section className="ws-card" aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">Leaderboard</h2>
      {error && (
        <p className="ws-error" role="alert">
          The leaderboard could not be loaded: {error}
        </p>
      )}
      {!entries && !error && <p role="status">Loading the leaderboard…</p>}
      {entries && entries.length === 0 && <p>No points yet.</p>}
      {ranked.length > 0 && (
        <div className="table-scroll">
          <table className="ws-leaderboard">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Learner</th>
                <th scope="col">Points</th>
                <th scope="col">Labs passed</th>
                <th scope="col">Hints used</th>
              </tr>
            </thead>
            <tbody>
              {ranked.slice(0, 20).map((e, i) => (
                <tr key={e.learnerId}>
                  <td>{i + 1}</td>
                  <th scope="row">{e.displayName}</th>
                  <td>{e.points}</td>
                  <td>{e.labsPassed}</td>
                  <td>{e.hintsUsed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
