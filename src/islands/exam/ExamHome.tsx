/**
 * The exams page (`/exams/`): start a timed exam, a practice set or a drill; continue sessions in
 * progress; see past results and readiness across everything answered so far.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { syllabusData as syllabus } from '../../exam/syllabus-lookup.ts';
import {
  drillOverview,
  EXAM_FORMATS,
  examAvailability,
  isValidScope,
  itemsInScope,
  MINUTES_PER_QUESTION,
  newSeed,
  planDrill,
  readinessRows,
  scheduleTallies,
  startDrillSession,
  startExam,
  startPractice,
  type DrillSchedule,
  type ExamFormat,
  type ExamSession,
  type PracticeScope,
  type SessionSummary,
  type UnreadableRecord,
} from '../../exam/index.ts';
import { examStore, formatDate, loadBank, newSessionId, urls, useLoaded, type ClientBank } from './exam-client.ts';
import { ReadinessChart } from './ReadinessChart.tsx';

const DRILL_SIZE = 10;

export default function ExamHome() {
  const loaded = useLoaded(async () => {
    const store = examStore();
    const [bank, list] = await Promise.all([loadBank(), store.listSessions()]);
    let schedule: DrillSchedule | undefined;
    let scheduleProblem: string | undefined;
    try {
      schedule = await store.loadSchedule();
    } catch (error) {
      scheduleProblem = (error as Error).message;
    }
    return { bank, ...list, schedule, scheduleProblem };
  });
  if (loaded.state === 'loading') return <p role="status">Loading the question bank…</p>;
  if (loaded.state === 'failed') {
    return (
      <p className="notice notice-error" role="alert">
        {loaded.message}
      </p>
    );
  }
  return <Home {...loaded.value} />;
}

interface HomeProps {
  bank: ClientBank;
  sessions: SessionSummary[];
  unreadable: UnreadableRecord[];
  schedule: DrillSchedule | undefined;
  scheduleProblem: string | undefined;
}

function Home({ bank, sessions: initialSessions, unreadable, schedule, scheduleProblem }: HomeProps) {
  const [sessions, setSessions] = useState(initialSessions);
  const [error, setError] = useState('');
  const open = sessions.filter((s) => s.status !== 'submitted');
  const done = sessions.filter((s) => s.status === 'submitted');

  const begin = async (make: () => ExamSession) => {
    setError('');
    try {
      const session = make();
      await examStore().saveSession(session);
      window.location.assign(urls.session(session.id));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (summary: SessionSummary) => {
    const where = summary.status === 'submitted' ? 'from your exam history' : 'from this browser';
    if (!window.confirm(`Delete “${summary.title}” ${where}? This cannot be undone.`)) return;
    try {
      await examStore().deleteSession(summary.id);
      setSessions((list) => list.filter((s) => s.id !== summary.id));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="exam-home">
      <h1>Practice exams</h1>
      <p className="lead">
        Questions in the style of MLA-C01 Domain 4 — multiple choice, multiple response, ordering, matching and case studies — scored as the real exam
        scores them: one mark per question, all or nothing, unanswered counts as wrong, no penalty for guessing.
      </p>
      <p>
        The bank has {bank.questions.length} questions ({bank.items.length} scored items, counting case-study parts separately). Sessions are saved in this
        browser; finished ones also in your <a href="/progress">exam history</a> on this server.
      </p>
      {bank.items.length === 0 ? <p className="notice notice-warning">The question bank is empty in this build, so there is nothing to practise yet.</p> : null}
      {unreadable.map((u) => (
        <p key={u.key} className="notice notice-warning">
          A saved session could not be read ({u.problem}). It was left untouched in your browser storage under “{u.key}”.
        </p>
      ))}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}

      {open.length ? (
        <section aria-labelledby="continue-heading">
          <h2 id="continue-heading">Continue</h2>
          <ul className="session-list">
            {open.map((s) => (
              <li key={s.id}>
                <a href={urls.session(s.id)}>
                  Continue: {s.title}
                </a>{' '}
                <span className="muted">
                  — {s.status === 'paused' ? 'paused' : 'in progress'}, {s.answered} of {s.questions} answered, started {formatDate(s.createdAt)}
                </span>{' '}
                <button type="button" className="link-button" onClick={() => void remove(s)}>
                  Delete<span className="visually-hidden"> {s.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <LessonPracticeOffer bank={bank} onStart={begin} />
      {bank.items.length ? (
        <>
          <TimedExamForm bank={bank} onStart={begin} />
          <PracticeForm bank={bank} onStart={begin} />
        </>
      ) : null}
      <DrillSection bank={bank} schedule={schedule} problem={scheduleProblem} onStart={begin} />
      {schedule && Object.keys(schedule.questions).length ? <Readiness bank={bank} schedule={schedule} /> : null}

      {done.length ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Past sessions</h2>
          <p className="muted">
            Finished in this browser. Your whole exam history, kept on the server, is on <a href="/progress">your progress page</a>.
          </p>
          <table className="results-table">
            <caption className="visually-hidden">Submitted sessions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Submitted</th>
                <th scope="col">Score</th>
                <th scope="col">Estimated scaled</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {done.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.title}</th>
                  <td>{formatDate(s.updatedAt)}</td>
                  <td>{s.score ? `${s.score.correct} of ${s.score.total}` : '—'}</td>
                  <td>{s.mode === 'exam' && s.score?.scaled !== undefined ? s.score.scaled : '—'}</td>
                  <td>
                    <a href={urls.results(s.id)}>Results<span className="visually-hidden"> of {s.title}</span></a> ·{' '}
                    <a href={urls.review(s.id)}>Review<span className="visually-hidden"> of {s.title}</span></a> ·{' '}
                    <button type="button" className="link-button" onClick={() => void remove(s)}>
                      Delete<span className="visually-hidden"> {s.title}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

type Start = (make: () => ExamSession) => Promise<void>;

function TimedExamForm({ bank, onStart }: { bank: ClientBank; onStart: Start }) {
  const [format, setFormat] = useState<ExamFormat>('domain-set');
  const defaultCount = Math.min(EXAM_FORMATS['domain-set'].questions, bank.items.length);
  // Raw text, so the learner can clear a field and type freely; checked below, not clamped.
  const [countText, setCountText] = useState(String(defaultCount));
  const [minutesText, setMinutesText] = useState<string | undefined>();
  const [seed, setSeed] = useState('');
  const count = Number(countText);
  const countProblem =
    !Number.isInteger(count) || count < 1 || count > bank.items.length ? `Enter a whole number of questions from 1 to ${bank.items.length}.` : undefined;
  const minutes = minutesText === undefined ? (countProblem ? EXAM_FORMATS['domain-set'].minutes : count * MINUTES_PER_QUESTION) : Number(minutesText);
  const minutesProblem = !Number.isInteger(minutes) || minutes < 1 || minutes > 600 ? 'Enter a whole number of minutes from 1 to 600.' : undefined;
  const full = examAvailability(bank, 'full-pace');
  const set = examAvailability(bank, 'domain-set', countProblem ? defaultCount : count);
  const blocked = format === 'full-pace' ? !full.available : !set.available || Boolean(countProblem || minutesProblem);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    void onStart(() =>
      startExam(bank, {
        id: newSessionId(),
        seed: seed.trim() || newSeed(),
        now: Date.now(),
        format,
        ...(format === 'domain-set' ? { questions: count, minutes } : {}),
      }),
    );
  };
  return (
    <section aria-labelledby="exam-heading">
      <h2 id="exam-heading">Timed exam</h2>
      <form onSubmit={submit} className="start-form" noValidate>
        <fieldset>
          <legend>Format</legend>
          <label>
            <input type="radio" name="format" value="domain-set" checked={format === 'domain-set'} onChange={() => setFormat('domain-set')} /> Domain 4 set: the
            real exam&apos;s pace, {MINUTES_PER_QUESTION} minutes a question (default {EXAM_FORMATS['domain-set'].questions} questions in{' '}
            {EXAM_FORMATS['domain-set'].minutes} minutes)
          </label>
          <label>
            <input
              type="radio"
              name="format"
              value="full-pace"
              checked={format === 'full-pace'}
              disabled={!full.available}
              aria-describedby="full-pace-note"
              onChange={() => setFormat('full-pace')}
            />{' '}
            Full pace: 65 questions in 130 minutes, 15 of them unscored and not identified, as on the real exam
          </label>
          <p id="full-pace-note" className="hint">
            {full.available ? 'Only Domain 4 questions, at the full exam’s length.' : `Not available: ${full.reason}`}
          </p>
        </fieldset>
        {format === 'domain-set' ? (
          <div className="form-row">
            <label htmlFor="exam-count">Number of questions</label>
            <input
              id="exam-count"
              type="number"
              inputMode="numeric"
              min={1}
              max={bank.items.length}
              value={countText}
              onChange={(e) => setCountText(e.target.value)}
              aria-invalid={countProblem ? true : undefined}
              aria-describedby="exam-count-note"
            />
            <label htmlFor="exam-minutes">Minutes</label>
            <input
              id="exam-minutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={600}
              value={minutesText ?? String(minutes)}
              onChange={(e) => setMinutesText(e.target.value)}
              aria-invalid={minutesProblem ? true : undefined}
              aria-describedby="exam-count-note"
            />
            <p id="exam-count-note" className={countProblem || minutesProblem ? 'hint field-error' : 'hint'} role={countProblem || minutesProblem ? 'alert' : undefined}>
              {countProblem ?? minutesProblem ?? set.reason ?? `Up to ${bank.items.length} questions are available; ${MINUTES_PER_QUESTION} minutes a question unless you change the minutes.`}
            </p>
          </div>
        ) : null}
        <details className="advanced">
          <summary>Advanced: seed</summary>
          <label htmlFor="exam-seed">Seed (optional; the same seed gives the same questions in the same order)</label>
          <input id="exam-seed" type="text" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </details>
        <button type="submit" disabled={blocked}>
          Start timed exam
        </button>
      </form>
    </section>
  );
}

/**
 * Arriving from a lesson's "Practise all … questions" link (`?lesson=&title=&items=`): offer a
 * practice set on exactly that lesson's exam guide items.
 */
function LessonPracticeOffer({ bank, onStart }: { bank: ClientBank; onStart: Start }) {
  const request = useMemo(() => lessonPracticeRequest(window.location.search), []);
  if (!request) return null;
  const scope: PracticeScope = { kind: 'items', ids: request.items, label: `the lesson “${request.title}”` };
  const available = isValidScope(scope) ? itemsInScope(bank, scope).length : 0;
  const start = () => void onStart(() => startPractice(bank, { id: newSessionId(), seed: newSeed(), now: Date.now(), scope, count: null }));
  return (
    <section aria-labelledby="lesson-practice" className="lesson-practice">
      <h2 id="lesson-practice">Practice for “{request.title}”</h2>
      {available > 0 ? (
        <>
          <p>
            {available} questions test this lesson's exam guide items ({request.items.join(', ')}). Untimed, with the answer and its explanation after each
            question.
          </p>
          <button type="button" onClick={start}>
            Start practice on this lesson
          </button>{' '}
          <a href={`/lessons/${encodeURIComponent(request.lesson)}`}>Back to the lesson</a>
        </>
      ) : (
        <p className="notice notice-warning">
          The bank has no questions on {request.items.join(', ') || 'these items'} yet. <a href={`/lessons/${encodeURIComponent(request.lesson)}`}>Back to the lesson</a>
        </p>
      )}
    </section>
  );
}

function lessonPracticeRequest(search: string): { lesson: string; title: string; items: string[] } | undefined {
  const params = new URLSearchParams(search);
  const lesson = params.get('lesson');
  const items = (params.get('items') ?? '').split(',').filter(Boolean);
  if (!lesson || items.length === 0) return undefined;
  return { lesson, title: params.get('title') || lesson, items };
}

function PracticeForm({ bank, onStart }: { bank: ClientBank; onStart: Start }) {
  const [scopeKey, setScopeKey] = useState('all');
  const [count, setCount] = useState('10');
  const scopeOf = (key: string): PracticeScope => (key === 'all' ? { kind: 'all' } : key.split('.').length === 2 ? { kind: 'task', id: key } : { kind: 'item', id: key });
  const sizes = useMemo(() => {
    const map = new Map<string, number>([['all', bank.items.length]]);
    for (const task of syllabus.taskStatements) {
      map.set(task.id, itemsInScope(bank, { kind: 'task', id: task.id }).length);
      for (const item of task.items) map.set(item.id, itemsInScope(bank, { kind: 'item', id: item.id }).length);
    }
    return map;
  }, [bank]);
  const available = sizes.get(scopeKey) ?? 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onStart(() =>
      startPractice(bank, { id: newSessionId(), seed: newSeed(), now: Date.now(), scope: scopeOf(scopeKey), count: count === 'all' ? null : Number(count) }),
    );
  };
  return (
    <section aria-labelledby="practice-heading">
      <h2 id="practice-heading">Practice</h2>
      <p>Untimed, with the answer and its explanation right after you check each question.</p>
      <form onSubmit={submit} className="start-form">
        <div className="form-row">
          <label htmlFor="practice-scope">Topic</label>
          <select id="practice-scope" value={scopeKey} onChange={(e) => setScopeKey(e.target.value)}>
            <option value="all">All of Domain 4 ({sizes.get('all')} questions)</option>
            {syllabus.taskStatements.map((task) => (
              <optgroup key={task.id} label={`${task.id} ${task.title}`}>
                <option value={task.id}>
                  {task.id} {task.title}, all items ({sizes.get(task.id)})
                </option>
                {task.items.map((item) => (
                  <option key={item.id} value={item.id} disabled={(sizes.get(item.id) ?? 0) === 0}>
                    {item.id} {item.text.length > 70 ? `${item.text.slice(0, 69)}…` : item.text} ({sizes.get(item.id)})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <label htmlFor="practice-count">Questions</label>
          <select id="practice-count" value={count} onChange={(e) => setCount(e.target.value)}>
            {['5', '10', '20'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
            <option value="all">All in the topic</option>
          </select>
        </div>
        <button type="submit" disabled={available === 0}>
          Start practice
        </button>
        {available === 0 ? <p className="hint">No questions on this topic yet.</p> : null}
      </form>
    </section>
  );
}

function DrillSection({ bank, schedule, problem, onStart }: { bank: ClientBank; schedule: DrillSchedule | undefined; problem: string | undefined; onStart: Start }) {
  const [reset, setReset] = useState(false);
  if (problem || !schedule) {
    return (
      <section aria-labelledby="drill" id="drill-section">
        <h2 id="drill" tabIndex={-1}>
          Drill your weak spots
        </h2>
        <p className="notice notice-warning">{problem}</p>
        {reset ? (
          <p>A fresh schedule was started; the old one is kept in browser storage. Reload the page.</p>
        ) : (
          <button
            type="button"
            onClick={() => {
              void examStore()
                .resetSchedule(Date.now())
                .then(() => setReset(true));
            }}
          >
            Start a fresh drill schedule (keeps the unreadable one aside)
          </button>
        )}
      </section>
    );
  }
  const now = Date.now();
  const overview = drillOverview(schedule, bank, now);
  const plan = planDrill(schedule, bank, now, DRILL_SIZE);
  const itemText = (id: string) => syllabus.taskStatements.flatMap((t) => t.items).find((i) => i.id === id)?.text ?? id;
  return (
    <section aria-labelledby="drill" id="drill-section">
      <h2 id="drill" tabIndex={-1}>
        Drill your weak spots
      </h2>
      <p>
        Spaced repetition across sessions: a question you miss comes back at the next drill; each right answer pushes it further out (1, 3, 7, then 16 days).
        Weak syllabus items bring in questions you have not seen yet.
      </p>
      {overview.seenQuestions === 0 ? (
        <p>Nothing to drill yet: answer some practice or exam questions first.</p>
      ) : (
        <>
          <p>
            {overview.dueQuestions} {overview.dueQuestions === 1 ? 'question is' : 'questions are'} due for review.
            {overview.nextDue ? ` The next review falls due ${formatDate(overview.nextDue)}.` : ''}
          </p>
          {overview.weakItems.length ? (
            <>
              <p>Weakest syllabus items:</p>
              <ul>
                {overview.weakItems.slice(0, 5).map((w) => (
                  <li key={w.id}>
                    {w.id} {itemText(w.id)} — {Math.round(w.accuracy * 100)}% of recent answers right
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No weak items right now.</p>
          )}
        </>
      )}
      <button
        type="button"
        disabled={plan.length === 0}
        onClick={() => void onStart(() => startDrillSession(bank, { id: newSessionId(), seed: newSeed(), now: Date.now(), itemIds: plan, count: DRILL_SIZE }))}
      >
        {plan.length ? `Start a drill of ${plan.length} questions` : 'Nothing is due for a drill'}
      </button>
    </section>
  );
}

function Readiness({ bank, schedule }: { bank: ClientBank; schedule: DrillSchedule }) {
  const tallies = scheduleTallies(schedule, bank);
  return (
    <section aria-labelledby="readiness-heading">
      <h2 id="readiness-heading">Readiness so far</h2>
      <p>Every answer you have given in exams, practice and drills, per task statement.</p>
      <ReadinessChart id="overall-by-task" title="Share correct per task statement, all sessions" rows={readinessRows(tallies, 'task')} />
    </section>
  );
}
