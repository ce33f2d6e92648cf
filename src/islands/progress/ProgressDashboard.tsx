/**
 * The progress dashboard: what the server knows (lessons read, labs) joined with what this browser
 * knows (exam sessions and the drill schedule in localStorage), as readiness per syllabus item with
 * a chart per task statement, exam history, and export/import of the whole profile as JSON.
 */
import { useEffect, useState } from 'react';
import { examStore } from '../exam/exam-client.ts';
import type { DrillSchedule, ExamSession, SessionSummary } from '../../exam/index.ts';
import type { ServerProgress } from '../../console/progress.ts';
import { countsByTask, readinessOf, type ItemEvidence, type Readiness } from './readiness.ts';
import './progress.css';

interface Props {
  items: { id: string; text: string; task: string; lessons: string[]; labs: string[] }[];
  tasks: { id: string; title: string }[];
  lessonTitles: Record<string, string>;
  labTitles: Record<string, string>;
  progress: ServerProgress;
}

const readinessWords: Record<Readiness, string> = { ready: '✓ Ready', progressing: '◐ In progress', 'not-started': '○ Not started' };
const labWords = { passed: '✓ passed', 'passed-assisted': '✓ passed (assisted)', attempted: '◐ attempted', 'not-started': '○ not yet', none: 'no lab yet' } as const;

export default function ProgressDashboard({ items, tasks, lessonTitles, labTitles, progress: initial }: Props) {
  const [progress, setProgress] = useState(initial);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [schedule, setSchedule] = useState<DrillSchedule>();
  const [message, setMessage] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const loadExams = async () => {
    const store = examStore();
    const [{ sessions: list }, sched] = await Promise.all([store.listSessions(), store.loadSchedule()]);
    setSessions(list);
    setSchedule(sched);
  };
  useEffect(() => {
    loadExams().catch((e: unknown) => setProblem(`Your exam history could not be read from this browser: ${(e as Error).message}`));
  }, []);

  const read = new Set(progress.lessonsRead.map((r) => r.lessonId));
  const labResult = new Map(progress.labs.map((l) => [l.labId, l.result]));
  const evidence: ItemEvidence[] = items.map((item) => {
    const card = schedule?.items[item.id];
    const results = item.labs.map((id) => labResult.get(id) ?? 'not-started');
    const lab = item.labs.length === 0 ? 'none' : results.includes('passed') ? 'passed' : results.includes('passed-assisted') ? 'passed-assisted' : results.includes('attempted') ? 'attempted' : 'not-started';
    return {
      id: item.id,
      text: item.text,
      task: item.task,
      lessonRead: item.lessons.some((l) => read.has(l)),
      hasLesson: item.lessons.length > 0,
      lab,
      exam: card && card.recent.length ? { accuracy: card.recent.filter(Boolean).length / card.recent.length, answers: card.recent.length } : undefined,
    };
  });
  const byTask = countsByTask(evidence);
  const submitted = sessions.filter((s) => s.status === 'submitted');

  const exportProfile = async () => {
    setProblem(undefined);
    try {
      const response = await fetch('/api/progress/export', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const server = await response.json();
      const store = examStore();
      const full = (await Promise.all(sessions.map((s) => store.loadSession(s.id)))).filter((s): s is ExamSession => s !== undefined);
      const profile = { ...server, exams: { sessions: full, schedule } };
      const url = URL.createObjectURL(new Blob([JSON.stringify(profile, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `mlsec-progress-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(url);
      setMessage(`Exported ${progress.lessonsRead.length} lessons read, ${progress.labs.length} labs and ${full.length} exam sessions.`);
    } catch (e) {
      setProblem(`The export failed: ${(e as Error).message}. Nothing was changed.`);
    }
  };

  const importProfile = async (file: File) => {
    setProblem(undefined);
    setMessage(undefined);
    try {
      let profile: { exams?: { sessions?: ExamSession[]; schedule?: DrillSchedule } } & Record<string, unknown>;
      try {
        profile = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON`);
      }
      const { exams, ...server } = profile;
      const response = await fetch('/api/progress/import', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(server) });
      const answer = (await response.json()) as { imported?: { lessons: number; labs: number }; ignored?: string[]; message?: string };
      if (!response.ok) throw new Error(answer.message ?? `HTTP ${response.status}`);
      const store = examStore();
      let examSessions = 0;
      for (const session of exams?.sessions ?? []) {
        if (session && typeof session.id === 'string' && !(await store.loadSession(session.id))) {
          await store.saveSession(session);
          examSessions++;
        }
      }
      const current = await store.loadSchedule();
      if (exams?.schedule?.format === 'mlsec-drill-schedule' && exams.schedule.updatedAt > current.updatedAt) await store.saveSchedule(exams.schedule);
      const refreshed = await fetch('/api/progress/export', { credentials: 'same-origin' }).then((r) => r.json() as Promise<ServerProgress>);
      setProgress({ lessonsRead: refreshed.lessonsRead, labs: refreshed.labs });
      await loadExams();
      setMessage(
        `Imported ${answer.imported!.lessons} lessons read, ${answer.imported!.labs} lab results and ${examSessions} exam sessions${answer.ignored?.length ? `; left out (not on this site): ${answer.ignored.join(', ')}` : ''}.`,
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
        <p className="muted">Ready means: a lesson on it read, its lab passed without the solution (where there is one), and at least 70% of your last 3 or more exam answers on it right.</p>
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
        <h2 id="exams-heading">Exam history ({submitted.length})</h2>
        {submitted.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Date</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {submitted.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={`/exams/results/?id=${encodeURIComponent(s.id)}`}>{s.title}</a>
                  </td>
                  <td>{new Date(s.updatedAt).toISOString().slice(0, 10)}</td>
                  <td>{s.score ? `${s.score.correct} of ${s.score.total}${s.score.scaled ? ` (≈${s.score.scaled})` : ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>
            None yet in this browser: take a <a href="/exams/">practice set or exam</a>.
          </p>
        )}
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Your profile</h2>
        <p>Your progress is anonymous: lessons and labs are kept on this server for this browser’s cookie, exams in this browser. Export it to keep it or move it to another browser or machine.</p>
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
