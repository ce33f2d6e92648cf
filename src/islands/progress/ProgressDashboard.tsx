/**
 * The progress dashboard: what the server knows about the learner — lessons read, labs, and exam
 * history (finished practice sets, drills and exams) — as readiness per syllabus item with a chart
 * per task statement, the exam history, and export/import of the whole profile as JSON. Exam
 * sessions in progress and the drill schedule stay in this browser; the export adds them and the
 * import gives them back to it. On load, finished sessions still waiting in this browser are sent to
 * the server (examSync) and the history is refreshed if any were.
 */
import { useEffect, useState } from 'react';
import { examStore, examSync } from '../exam/exam-client.ts';
import { fetchExamHistory } from '../exam/attempt-server.ts';
import type { DrillSchedule, ExamSession } from '../../exam/index.ts';
import { parseStoredSession } from '../../exam/stored-state.ts';
import type { ExamHistory } from '../../console/exam-history.ts';
import type { ServerProgress } from '../../console/progress.ts';
import { countsByTask, readinessOf, type ItemEvidence, type Readiness } from './readiness.ts';
import './progress.css';

interface Props {
  items: { id: string; text: string; task: string; lessons: string[]; labs: string[] }[];
  tasks: { id: string; title: string }[];
  lessonTitles: Record<string, string>;
  labTitles: Record<string, string>;
  progress: ServerProgress;
  exams: ExamHistory;
}

const readinessWords: Record<Readiness, string> = { ready: '✓ Ready', progressing: '◐ In progress', 'not-started': '○ Not started' };
const labWords = { passed: '✓ passed', 'passed-assisted': '✓ passed (assisted)', attempted: '◐ attempted', 'not-started': '○ not yet', none: 'no lab yet' } as const;
const modeWords = { practice: 'Practice', drill: 'Drill', exam: 'Exam' } as const;

export default function ProgressDashboard({ items, tasks, lessonTitles, labTitles, progress: initial, exams: initialExams }: Props) {
  const [progress, setProgress] = useState(initial);
  const [history, setHistory] = useState(initialExams);
  const [syncNotes, setSyncNotes] = useState<string[]>([]);
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    void examSync().then(async (report) => {
      const notes: string[] = [];
      if (report.pending) {
        const one = report.pending === 1;
        notes.push(`${report.pending} finished session${one ? ' is' : 's are'} kept in this browser and will be sent to the server on the next page load${report.problem ? ` (${report.problem})` : ''}.`);
      }
      for (const r of report.refused) notes.push(`The finished session “${r.id}” stays in this browser only: ${r.problem}.`);
      if (report.sent) {
        try {
          const fresh = await fetchExamHistory();
          if (live) setHistory(fresh);
        } catch (e) {
          notes.push(`Your exam history could not be refreshed: ${(e as Error).message}. Reload the page.`);
        }
      }
      if (live) setSyncNotes(notes);
    });
    return () => {
      live = false;
    };
  }, []);

  const read = new Set(progress.lessonsRead.map((r) => r.lessonId));
  const labResult = new Map(progress.labs.map((l) => [l.labId, l.result]));
  const evidence: ItemEvidence[] = items.map((item) => {
    const recent = history.recentBySyllabusItem[item.id] ?? [];
    const results = item.labs.map((id) => labResult.get(id) ?? 'not-started');
    const lab = item.labs.length === 0 ? 'none' : results.includes('passed') ? 'passed' : results.includes('passed-assisted') ? 'passed-assisted' : results.includes('attempted') ? 'attempted' : 'not-started';
    return {
      id: item.id,
      text: item.text,
      task: item.task,
      lessonRead: item.lessons.some((l) => read.has(l)),
      hasLesson: item.lessons.length > 0,
      lab,
      exam: recent.length ? { accuracy: recent.filter(Boolean).length / recent.length, answers: recent.length } : undefined,
    };
  });
  const byTask = countsByTask(evidence);
  const attempts = history.attempts;

  /** Sessions only this browser has (in progress, or finished and not on the server yet), and its drill schedule. */
  const browserExamData = async (onServer: ReadonlySet<string>): Promise<{ sessions: ExamSession[]; schedule?: DrillSchedule }> => {
    const store = examStore();
    const { sessions: list } = await store.listSessions();
    const sessions = (await Promise.all(list.filter((s) => !onServer.has(s.id)).map((s) => store.loadSession(s.id).catch(() => undefined)))).filter((s): s is ExamSession => s !== undefined);
    const schedule = await store.loadSchedule().catch(() => undefined);
    return { sessions, ...(schedule ? { schedule } : {}) };
  };

  const exportProfile = async () => {
    setProblem(undefined);
    try {
      const response = await fetch('/api/progress/export', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const server = (await response.json()) as { exams?: { sessions?: ExamSession[] } } & Record<string, unknown>;
      const finished = server.exams?.sessions ?? [];
      const browser = await browserExamData(new Set(finished.map((s) => s.id)));
      const profile = { ...server, exams: { sessions: [...finished, ...browser.sessions], ...(browser.schedule ? { schedule: browser.schedule } : {}) } };
      const url = URL.createObjectURL(new Blob([JSON.stringify(profile, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `mlsec-progress-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(url);
      setMessage(`Exported ${progress.lessonsRead.length} lessons read, ${progress.labs.length} labs and ${finished.length + browser.sessions.length} exam sessions.`);
    } catch (e) {
      setProblem(`The export failed: ${(e as Error).message}. Nothing was changed.`);
    }
  };

  const importProfile = async (file: File) => {
    setProblem(undefined);
    setMessage(undefined);
    try {
      let profile: { exams?: { sessions?: unknown[]; schedule?: DrillSchedule } } & Record<string, unknown>;
      try {
        profile = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON`);
      }
      // The server checks the whole profile and keeps lessons, labs and finished exam sessions.
      const response = await fetch('/api/progress/import', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
      const answer = (await response.json()) as { imported?: { lessons: number; labs: number; exams: number }; ignored?: string[]; message?: string };
      if (!response.ok) throw new Error(answer.message ?? `HTTP ${response.status}`);
      // Sessions in progress and the drill schedule go back into this browser.
      const store = examStore();
      let inProgress = 0;
      const unreadable: string[] = [];
      for (const raw of profile.exams?.sessions ?? []) {
        if ((raw as { status?: unknown } | null)?.status === 'submitted') continue;
        const parsed = parseStoredSession(JSON.stringify(raw));
        if ('problem' in parsed) {
          unreadable.push(parsed.problem);
          continue;
        }
        if (!(await store.loadSession(parsed.session.id))) {
          await store.saveSession(parsed.session);
          inProgress++;
        }
      }
      const current = await store.loadSchedule().catch(() => undefined);
      const schedule = profile.exams?.schedule;
      if (schedule?.format === 'mlsec-drill-schedule' && (!current || schedule.updatedAt > current.updatedAt)) await store.saveSchedule(schedule);
      const refreshed = await fetch('/api/progress/export', { credentials: 'same-origin' }).then((r) => r.json() as Promise<ServerProgress>);
      setProgress({ lessonsRead: refreshed.lessonsRead, labs: refreshed.labs });
      setHistory(await fetchExamHistory());
      const imported = answer.imported!;
      setMessage(
        `Imported ${imported.lessons} lessons read, ${imported.labs} lab results, ${imported.exams} finished exam sessions and ${inProgress} in progress` +
          `${answer.ignored?.length ? `; left out (not on this site): ${answer.ignored.join(', ')}` : ''}` +
          `${unreadable.length ? `; ${unreadable.length} session${unreadable.length === 1 ? '' : 's'} in progress could not be read (${unreadable.join('; ')})` : ''}.`,
      );
    } catch (e) {
      setProblem(`The import failed: ${(e as Error).message}. Nothing was changed.`);
    }
  };

  return (
    <div className="progress-dashboard">
      <section aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">Readiness per task statement</h2>
        <ReadinessBars rows={byTask} tasks={tasks} />
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Readiness per syllabus item</h2>
        <p className="muted">
          Ready means: a lesson on it read, its lab passed without the solution (where there is one), and at least 70% right of your most recent answers on it (the last 10, at
          least 3) in finished practice sets, drills and exams.
        </p>
        <div className="table-scroll" tabIndex={0} aria-label="Readiness per syllabus item (scrolls sideways)">
          <table className="items-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Lesson</th>
                <th scope="col">Lab</th>
                <th scope="col">Exam answers</th>
                <th scope="col">Readiness</th>
              </tr>
            </thead>
            <tbody>
              {evidence.map((e) => (
                <tr key={e.id} data-item={e.id} data-readiness={readinessOf(e)}>
                  <th scope="row">
                    <a href={`/syllabus#${e.id}`}>{e.id}</a> <span className="muted">{e.text.length > 70 ? `${e.text.slice(0, 69)}…` : e.text}</span>
                  </th>
                  <td>{e.hasLesson ? (e.lessonRead ? '✓ read' : '○ not yet') : 'no lesson'}</td>
                  <td>{labWords[e.lab]}</td>
                  <td>{e.exam ? `${Math.round(e.exam.accuracy * 100)}% of ${e.exam.answers}` : '—'}</td>
                  <td>{readinessWords[readinessOf(e)]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">Lessons read ({progress.lessonsRead.length})</h2>
        {progress.lessonsRead.length ? (
          <ul>
            {progress.lessonsRead.map((r) => (
              <li key={r.lessonId}>
                <a href={`/lessons/${r.lessonId}`}>{lessonTitles[r.lessonId] ?? r.lessonId}</a> <span className="muted">({r.readAt.slice(0, 10)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>None yet: press “I have read this lesson” at the end of a lesson.</p>
        )}
      </section>

      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading">Labs ({progress.labs.filter((l) => l.result !== 'attempted').length} passed)</h2>
        {progress.labs.length ? (
          <ul>
            {progress.labs.map((l) => (
              <li key={l.labId} data-lab={l.labId} data-result={l.result}>
                <a href={`/labs/${l.labId}`}>{labTitles[l.labId] ?? l.labId}</a>: {labWords[l.result]}
                <span className="muted">
                  {' '}
                  ({l.sessions} session{l.sessions === 1 ? '' : 's'}, last {l.lastAt.slice(0, 10)}
                  {l.imported ? ', includes imported results' : ''})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            None yet: start one from the <a href="/labs">labs catalog</a>.
          </p>
        )}
      </section>

      <section aria-labelledby="exams-heading">
        <h2 id="exams-heading">Exam history ({attempts.length})</h2>
        {syncNotes.map((note) => (
          <p key={note} className="notice" role="status">
            {note}
          </p>
        ))}
        {attempts.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Kind</th>
                <th scope="col">Finished</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id} data-attempt={a.id}>
                  <td>
                    <a href={`/exams/results/?id=${encodeURIComponent(a.id)}`}>{a.title}</a>
                  </td>
                  <td>{modeWords[a.mode]}</td>
                  <td>{a.finishedAt.slice(0, 10)}</td>
                  <td>
                    {a.correct} of {a.total}
                    {a.mode === 'exam' && a.scaled !== undefined ? ` (≈${a.scaled}${a.passed ? ', pass' : ''})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>
            None yet: finish a <a href="/exams/">practice set or exam</a>.
          </p>
        )}
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Your profile</h2>
        <p>
          Your progress is anonymous: lessons, labs and finished exams are kept on this server for this browser’s cookie; exam sessions in progress and the drill schedule
          in this browser. Export it to keep it or move it to another browser or machine.
        </p>
        <div className="profile-actions">
          <button type="button" onClick={() => void exportProfile()}>
            Export as JSON
          </button>
          <label className="import-label">
            Import a JSON export{' '}
            <input type="file" accept="application/json,.json" onChange={(e) => e.target.files?.[0] && void importProfile(e.target.files[0])} />
          </label>
        </div>
        <div role="status" aria-live="polite" data-testid="profile-message">
          {message}
        </div>
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
      </section>
    </div>
  );
}

function ReadinessBars({ rows, tasks }: { rows: ReturnType<typeof countsByTask>; tasks: { id: string; title: string }[] }) {
  const barW = 420;
  const rowH = 34;
  const height = rows.length * rowH + 10;
  const description = rows.map((r) => `${r.task}: ${r.ready} of ${r.total} items ready, ${r.progressing} in progress`).join('; ');
  return (
    <figure>
      <svg viewBox={`0 0 ${barW + 200} ${height}`} width="100%" style={{ maxWidth: `${barW + 200}px` }} role="img" aria-label={`Readiness chart. ${description}.`} className="readiness-bars">
        {rows.map((r, i) => {
          const y = 5 + i * rowH;
          const ready = (r.ready / r.total) * barW;
          const progressing = (r.progressing / r.total) * barW;
          return (
            <g key={r.task}>
              <text x={0} y={y + 18}>
                {r.task}
              </text>
              <rect x={40} y={y} width={barW} height={24} className="bar-empty" />
              <rect x={40} y={y} width={ready} height={24} className="bar-ready" />
              <rect x={40 + ready} y={y} width={progressing} height={24} className="bar-progressing" />
              <text x={50 + barW} y={y + 18}>
                {r.ready} ready · {r.progressing} in progress · {r.total}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        Solid: items ready; hatched: in progress; outline: not started.{' '}
        {tasks.map((t) => `${t.id} ${t.title}`).join(' · ')}
      </figcaption>
    </figure>
  );
}
