/**
 * The session page (`/exams/session/?id=…`): one question at a time with a navigator, flags,
 * the clock and its warnings for timed exams, immediate feedback in practice and drills, pause and
 * resume, and submission (by the learner or when time is up). Every change is saved at once.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  answerProgress,
  applyAction,
  describeDuration,
  formatClock,
  markScheduled,
  pendingOutcomes,
  timeLeftMs,
  type Answer,
  type ExamSession,
  type SessionAction,
} from '../../exam/index.ts';
import { AnswerReview, Verdict } from './AnswerReview.tsx';
import { examStore, loadBank, saveProgress, sessionIdFromUrl, urls, useLoaded, type ClientBank } from './exam-client.ts';
import { Navigator } from './Navigator.tsx';
import { QuestionPanel } from './QuestionPanel.tsx';

export default function ExamRunner() {
  const loaded = useLoaded(async () => {
    const id = sessionIdFromUrl();
    if (!id) throw new Error('No session was named in the address. Start one from the exams page.');
    const [bank, session] = await Promise.all([loadBank(), examStore().loadSession(id)]);
    if (!session) throw new Error(`There is no saved session "${id}" in this browser or in your exam history. It may have been deleted; start a new one from the exams page.`);
    return { bank, session };
  });
  if (loaded.state === 'loading') return <p role="status">Loading the session…</p>;
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
  if (loaded.value.session.status === 'submitted') {
    return (
      <div className="notice">
        <p>This session has been submitted.</p>
        <p>
          <a href={urls.results(loaded.value.session.id)}>See the results</a> · <a href={urls.review(loaded.value.session.id)}>Review the answers</a>
        </p>
      </div>
    );
  }
  return <Runner bank={loaded.value.bank} initial={loaded.value.session} />;
}

function Runner({ bank, initial }: { bank: ClientBank; initial: ExamSession }) {
  const [session, setSession] = useState(initial);
  const sessionRef = useRef(initial);
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState('');
  const [saveError, setSaveError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const verdictRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const focusHeading = useRef(false);
  const focusFeedback = useRef(false);
  const isExam = session.mode === 'exam';

  const dispatch = useCallback(
    (action: SessionAction) => {
      const at = Date.now();
      const current = sessionRef.current;
      const outcome = applyAction(current, bank, action, at);
      let next = outcome.session;
      const outcomes = pendingOutcomes(next, bank);
      if (outcomes.length) next = markScheduled(next, outcomes);
      for (const event of outcome.events) {
        if (event.type === 'time-warning') setAnnouncement(`${describeDuration(event.minutesLeft * 60_000)} left.`);
        if (event.type === 'rejected') setNotice(event.reason);
        if (event.type === 'submitted' && event.reason === 'time-up') setAnnouncement('Time is up. The exam was submitted; unanswered questions count as wrong.');
      }
      if (next === current) return;
      sessionRef.current = next;
      setSession(next);
      const saved = saveProgress(next, outcomes, at).then(
        () => setSaveError(''),
        (error: unknown) => setSaveError(error instanceof Error ? error.message : String(error)),
      );
      if (next.status === 'submitted') void saved.then(() => window.location.assign(urls.results(next.id)));
    },
    [bank],
  );

  // The clock: a tick a second drives warnings and the automatic submission.
  useEffect(() => {
    if (!isExam || session.status !== 'active') return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      dispatch({ type: 'tick' });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [isExam, session.status, dispatch]);

  // Leaving the page pauses a running exam, so closing the tab does not eat its time.
  useEffect(() => {
    if (!isExam) return;
    const onHide = () => {
      const current = sessionRef.current;
      if (current.status !== 'active') return;
      const paused = applyAction(current, bank, { type: 'pause' }, Date.now()).session;
      sessionRef.current = paused;
      // If the browser restores this page from its back/forward cache, it shows the pause too.
      setSession(paused);
      void examStore().saveSession(paused);
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [isExam, bank]);

  // Layout effects run before the browser paints, so focus is in place as soon as the feedback shows.
  useLayoutEffect(() => {
    if (focusFeedback.current && verdictRef.current) {
      verdictRef.current.focus();
      focusFeedback.current = false;
    }
  }, [session.checked]);

  useEffect(() => {
    if (focusHeading.current) {
      headingRef.current?.focus();
      focusHeading.current = false;
    }
  }, [session.current, session.status]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (confirming && !dialog.open) {
      dialog.showModal();
      // The safe choice has focus, so an accidental Enter does not submit.
      cancelRef.current?.focus();
    }
    if (!confirming && dialog.open) dialog.close();
  }, [confirming]);

  const go = (index: number) => {
    focusHeading.current = true;
    setNotice('');
    dispatch({ type: 'go', index });
  };

  const slot = session.slots[session.current];
  const item = slot ? bank.itemById.get(slot.itemId) : undefined;
  const answer = slot ? session.answers[slot.itemId] : undefined;
  const checked = slot ? session.checked.includes(slot.itemId) : false;
  const flagged = slot ? session.flagged.includes(slot.itemId) : false;
  const left = timeLeftMs(session, now);
  const counts = countProgress(session, bank);
  const missing = session.slots.filter((s) => !bank.itemById.has(s.itemId)).length;

  const onAnswer = (next: Answer | null) => {
    if (!slot) return;
    setNotice('');
    dispatch(next ? { type: 'answer', itemId: slot.itemId, answer: next } : { type: 'clear', itemId: slot.itemId });
  };
  const check = () => {
    if (!slot) return;
    focusFeedback.current = true;
    dispatch({ type: 'check', itemId: slot.itemId });
  };

  return (
    <div className="runner">
      <div className="runner-bar">
        <h1 className="runner-title">{session.title}</h1>
        {isExam ? (
          <p className="timer">
            <span className="visually-hidden">Time left: </span>
            <span role="timer" aria-label={`Time left: ${describeDuration(left)}`}>
              <span aria-hidden="true">{formatClock(left)}</span>
            </span>
            <span className="timer-note">{session.status === 'paused' ? ' (paused)' : ' left'}</span>
          </p>
        ) : null}
        <div className="runner-actions">
          {isExam && session.status === 'active' ? (
            <button type="button" className="secondary" onClick={() => dispatch({ type: 'pause' })}>
              Pause
            </button>
          ) : null}
          <button type="button" onClick={() => setConfirming(true)}>
            {isExam ? 'Review and submit' : 'Finish'}
          </button>
        </div>
      </div>

      <div className="announcer" role="status" aria-live="polite">
        {announcement ? (
          <p className="notice notice-warning">
            <span aria-hidden="true">⚠ </span>
            {announcement}
          </p>
        ) : null}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {saveError ? (
        <p className="notice notice-error" role="alert">
          {saveError}
        </p>
      ) : null}
      {session.notes.map((note) => (
        <p key={note} className="notice">
          {note}
        </p>
      ))}
      {missing ? (
        <p className="notice notice-warning">
          The question bank changed since this session started: {missing} of its questions are no longer in it and will be left out of the score.
        </p>
      ) : null}

      <div className="runner-body">
        <div className="runner-main">
          {session.status === 'paused' ? (
            <section className="paused-panel" aria-labelledby="paused-heading">
              <h2 id="paused-heading" ref={headingRef} tabIndex={-1}>
                Exam paused
              </h2>
              <p>
                The clock is stopped with {describeDuration(left)} left. Questions are hidden while the exam is paused. Your answers are saved in this browser.
              </p>
              <button
                type="button"
                onClick={() => {
                  focusHeading.current = true;
                  dispatch({ type: 'resume' });
                }}
              >
                Resume exam
              </button>
            </section>
          ) : item && slot ? (
            <>
              <QuestionPanel
                ref={headingRef}
                item={item}
                slot={slot}
                index={session.current}
                total={session.slots.length}
                answer={answer}
                onAnswer={onAnswer}
                locked={checked}
                flagged={flagged}
              />
              {!isExam ? (
                checked ? (
                  <div className="feedback" ref={verdictRef} tabIndex={-1} aria-label="Feedback on your answer">
                    <Verdict item={item} answer={answer} />
                    <AnswerReview item={item} slot={slot} answer={answer} lessons={bank.lessons} />
                  </div>
                ) : (
                  <p>
                    <button type="button" onClick={check} disabled={answerProgress(item, answer) === 'none'} aria-describedby="check-hint">
                      Check answer
                    </button>{' '}
                    <span id="check-hint" className="hint">
                      {answerProgress(item, answer) === 'none' ? 'Choose an answer to check it.' : 'Checking shows the answer and locks yours.'}
                    </span>
                  </p>
                )
              ) : null}
              <div className="question-nav">
                <button type="button" className="secondary" onClick={() => go(session.current - 1)} disabled={session.current === 0}>
                  <span aria-hidden="true">← </span>Previous
                </button>
                <button type="button" className="secondary" aria-pressed={flagged} onClick={() => dispatch({ type: 'flag', itemId: slot.itemId })}>
                  <span aria-hidden="true">⚑ </span>
                  {flagged ? 'Flagged for review' : 'Flag for review'}
                </button>
                {session.current < session.slots.length - 1 ? (
                  <button type="button" onClick={() => go(session.current + 1)}>
                    Next<span aria-hidden="true"> →</span>
                  </button>
                ) : (
                  <button type="button" onClick={() => setConfirming(true)}>
                    {isExam ? 'Review and submit' : 'Finish'}
                  </button>
                )}
              </div>
            </>
          ) : (
            <p className="notice notice-warning">This question is no longer in the question bank. Move on with Next or the navigator.</p>
          )}
        </div>
        {session.status !== 'paused' ? <Navigator session={session} bank={bank} onGo={go} showChecked={!isExam} /> : null}
      </div>

      <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby="confirm-heading" onClose={() => setConfirming(false)}>
        <h2 id="confirm-heading">{isExam ? 'Submit the exam?' : 'Finish this practice?'}</h2>
        <ul>
          <li>
            {counts.answered} of {session.slots.length} answered
          </li>
          {counts.partial ? <li>{counts.partial} partly answered (these count as wrong)</li> : null}
          <li>{counts.unanswered} not answered (these count as wrong)</li>
          <li>{session.flagged.length} flagged for review</li>
          {!isExam ? <li>{session.checked.length} checked</li> : null}
        </ul>
        {session.flagged.length ? (
          <p>
            Flagged:{' '}
            {session.slots
              .map((s, i) => [s, i] as const)
              .filter(([s]) => session.flagged.includes(s.itemId))
              .map(([s, i]) => (
                <button
                  key={s.itemId}
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setConfirming(false);
                    go(i);
                  }}
                >
                  question {i + 1}
                </button>
              ))}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={() => dispatch({ type: 'submit' })}>
            {isExam ? 'Submit exam' : 'Finish and see results'}
          </button>
          <button type="button" className="secondary" ref={cancelRef} onClick={() => setConfirming(false)}>
            {isExam ? 'Back to the exam' : 'Keep practising'}
          </button>
        </div>
      </dialog>
    </div>
  );
}

function countProgress(session: ExamSession, bank: ClientBank) {
  let answered = 0;
  let partial = 0;
  for (const slot of session.slots) {
    const item = bank.itemById.get(slot.itemId);
    const progress = item ? answerProgress(item, session.answers[slot.itemId]) : 'none';
    if (progress === 'complete') answered++;
    else if (progress === 'partial') partial++;
  }
  return { answered, partial, unanswered: session.slots.length - answered - partial };
}
