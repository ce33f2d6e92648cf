/**
 * Review (`/exams/review/?id=…`): every question of a submitted session with the learner's answer,
 * the correct answer and the explanation of every option, filterable to the ones that matter.
 */
import { useEffect, useRef, useState } from 'react';
import { answerProgress, isCorrect, type ExamSession } from '../../exam/index.ts';
import { AnswerReview, Verdict } from './AnswerReview.tsx';
import { examStore, loadBank, sessionIdFromUrl, typeLabels, urls, useLoaded, type ClientBank } from './exam-client.ts';

type Filter = 'all' | 'wrong' | 'flagged' | 'unanswered';

export default function ExamReview() {
  const loaded = useLoaded(async () => {
    const id = sessionIdFromUrl();
    if (!id) throw new Error('No session was named in the address.');
    const [bank, session] = await Promise.all([loadBank(), examStore().loadSession(id)]);
    if (!session) throw new Error(`There is no saved session "${id}" in this browser or in your exam history on this server. It may have been deleted; see your history at /progress.`);
    return { bank, session };
  });
  if (loaded.state === 'loading') return <p role="status">Loading the review…</p>;
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
  const { session, bank } = loaded.value;
  if (session.status !== 'submitted') {
    return (
      <div className="notice">
        <p>Answers are shown once the session is submitted, as on the real exam.</p>
        <p>
          <a href={urls.session(session.id)}>Continue the session</a>
        </p>
      </div>
    );
  }
  return <Review session={session} bank={bank} />;
}

function Review({ session, bank }: { session: ExamSession; bank: ClientBank }) {
  const [filter, setFilter] = useState<Filter>('all');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const entries = session.slots.map((slot, index) => ({ slot, index, item: bank.itemById.get(slot.itemId) }));
  const visible = entries.filter(({ slot, item }) => {
    if (!item) return filter === 'all';
    const answer = session.answers[slot.itemId];
    if (filter === 'wrong') return !isCorrect(item, answer);
    if (filter === 'flagged') return session.flagged.includes(slot.itemId);
    if (filter === 'unanswered') return answerProgress(item, answer) === 'none';
    return true;
  });
  const labels: Record<Filter, string> = { all: 'All questions', wrong: 'Incorrect or unanswered', flagged: 'Flagged', unanswered: 'Not answered' };
  return (
    <article className="review">
      <h1 ref={heading} tabIndex={-1}>
        Review: {session.title}
      </h1>
      <p>
        <a href={urls.results(session.id)}>Back to the results</a> · <a href={urls.home}>Exams page</a>
      </p>
      <fieldset className="review-filter">
        <legend>Show</legend>
        {(Object.keys(labels) as Filter[]).map((f) => (
          <label key={f}>
            <input type="radio" name="review-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} /> {labels[f]}
          </label>
        ))}
      </fieldset>
      <p role="status">
        Showing {visible.length} of {entries.length} questions.
      </p>
      <ol className="review-list">
        {visible.map(({ slot, index, item }) => (
          <li key={slot.itemId} className="review-entry">
            <section aria-labelledby={`review-${slot.itemId}`}>
              <h2 id={`review-${slot.itemId}`}>
                Question {index + 1}
                {item ? <span className="question-type"> · {typeLabels[item.type]}</span> : null}
                {session.flagged.includes(slot.itemId) ? (
                  <span>
                    {' '}
                    · <span aria-hidden="true">⚑</span> flagged
                  </span>
                ) : null}
              </h2>
              {item ? (
                <>
                  <Verdict item={item} answer={session.answers[slot.itemId]} unscored={slot.unscored} />
                  {item.caseStudy ? (
                    <div className="scenario">
                      <p className="scenario-label">
                        Case study · question {item.caseStudy.position} of {item.caseStudy.count}
                      </p>
                      <p>{item.caseStudy.scenario}</p>
                    </div>
                  ) : null}
                  <p className="stem">{item.stem}</p>
                  <p className="review-syllabus">Syllabus: {item.syllabus.join(', ')}</p>
                  <AnswerReview item={item} slot={slot} answer={session.answers[slot.itemId]} lessons={bank.lessons} />
                </>
              ) : (
                <p className="notice notice-warning">This question is no longer in the bank.</p>
              )}
            </section>
          </li>
        ))}
      </ol>
    </article>
  );
}
