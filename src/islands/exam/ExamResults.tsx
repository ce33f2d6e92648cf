/** The results page (`/exams/results/?id=…`): score, scaled estimate, breakdowns and readiness charts. */
import { useEffect, useRef } from 'react';
import { describeDuration, readinessRows, type ExamResult, type ExamSession } from '../../exam/index.ts';
import { examStore, formatDate, loadBank, sessionIdFromUrl, typeLabels, urls, useLoaded } from './exam-client.ts';
import { ReadinessChart } from './ReadinessChart.tsx';
import { ScaledScore } from './ScaledScore.tsx';

export default function ExamResults() {
  const loaded = useLoaded(async () => {
    const id = sessionIdFromUrl();
    if (!id) throw new Error('No session was named in the address.');
    const [bank, session] = await Promise.all([loadBank(), examStore().loadSession(id)]);
    if (!session) throw new Error(`There is no saved session "${id}" in this browser or in your exam history on this server. It may have been deleted; see your history at /progress.`);
    return { bank, session };
  });
  if (loaded.state === 'loading') return <p role="status">Loading the results…</p>;
  if (loaded.state === 'failed') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{loaded.message}</p>
        <p>
          <a href={urls.home}>Back to the exams page</a>
        </p>
      </div>
    );
  }
  const { session } = loaded.value;
  if (session.status !== 'submitted' || !session.result) {
    return (
      <div className="notice">
        <p>This session is still in progress, so there are no results yet.</p>
        <p>
          <a href={urls.session(session.id)}>Continue it</a>
        </p>
      </div>
    );
  }
  return <Results session={session} result={session.result} />;
}

function Results({ session, result }: { session: ExamSession; result: ExamResult }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { correct, total } = result.scored;
  const share = total ? Math.round((correct / total) * 100) : 0;
  const itemRows = readinessRows(result, 'item');
  return (
    <article className="results">
      <h1 ref={heading} tabIndex={-1}>
        Results: {session.title}
      </h1>
      {session.submitReason === 'time-up' ? (
        <p className="notice notice-warning">
          Time ran out, so the exam was submitted automatically. Unanswered questions count as wrong.
        </p>
      ) : null}
      <p className="score-line" id="score-line">
        <strong>
          {correct} of {total}
        </strong>{' '}
        scored questions correct ({share}%).
      </p>
      <ul className="score-facts">
        <li>{result.unanswered} not answered (counted as wrong; there is no penalty for guessing).</li>
        {result.unscored ? <li>{result.unscored} further questions were unscored, as on the real exam; the review shows which.</li> : null}
        {session.timing ? <li>Time used: {describeDuration(session.timing.usedMs)} of {describeDuration(session.timing.limitMs)}.</li> : null}
        {session.submittedAt ? <li>Submitted {formatDate(session.submittedAt)}.</li> : null}
        {result.missingItems.length ? <li>{result.missingItems.length} questions have left the bank since and are not counted.</li> : null}
      </ul>
      {session.mode === 'exam' ? <ScaledScore estimate={result.scaled} questions={total} /> : null}

      <p className="results-links">
        <a className="button-link" href={urls.review(session.id)}>
          Review every answer
        </a>{' '}
        <a href={`${urls.home}#drill`}>Drill your weak spots</a> · <a href={urls.home}>Back to the exams page</a>
      </p>

      <h2>By question type</h2>
      <table className="results-table">
        <caption className="visually-hidden">Correct answers by question type</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Correct</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(typeLabels) as (keyof typeof typeLabels)[])
            .filter((type) => result.byType[type].total > 0)
            .map((type) => (
              <tr key={type}>
                <th scope="row">{typeLabels[type]}</th>
                <td>
                  {result.byType[type].correct} of {result.byType[type].total}
                </td>
              </tr>
            ))}
        </tbody>
      </table>

      <h2>Readiness by task statement</h2>
      <ReadinessChart id="by-task" title="Share correct per task statement" rows={readinessRows(result, 'task')} />
      <h2>Readiness by syllabus item</h2>
      <p>Questions often test more than one item, so a question can count under several items.</p>
      <ReadinessChart id="by-item" title="Share correct per syllabus item tested" rows={itemRows} short />
    </article>
  );
}
