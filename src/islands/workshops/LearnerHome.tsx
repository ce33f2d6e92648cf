/**
 * /workshop: a workshop learner's home. The workshop's labs (each a link to /labs/<id>, which runs
 * on the learner's own isolated account), the time left, the instructor's messages as they arrive,
 * and a banner when the workshop ends. Messages and the end arrive by polling `me` every few seconds
 * (a learner page needs no stream of its own; 100 learners polling every 5 s is 20 light requests/s).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { learnerApi, WorkshopApiError, formatDuration, formatWhen } from './workshop-client.ts';
import type { LabInfo, LearnerMe } from './workshop-types.ts';
import './workshops.css';

interface Props {
  labs: LabInfo[];
  /** Whether the browser sent a workshop learner cookie (HttpOnly: only the page can tell). */
  hasSession: boolean;
}

const POLL_MS = 5000;

export default function LearnerHome({ labs, hasSession }: Props) {
  const [me, setMe] = useState<LearnerMe | null>(null);
  const [problem, setProblem] = useState<{ status: number; text: string } | null>(hasSession ? null : { status: 401, text: 'not joined' });
  const [now, setNow] = useState<number | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<string[]>([]);

  const refresh = useCallback(async () => {
    try {
      const next = await learnerApi.me();
      const ids = next.messages.map((m) => String(m.id));
      if (seen.current) {
        const arrived = ids.filter((id) => !seen.current!.has(id));
        if (arrived.length) setFresh(arrived);
      }
      seen.current = new Set(ids);
      setMe(next);
      setProblem(null);
      setUnreachable(false);
    } catch (e) {
      if (e instanceof WorkshopApiError && e.status !== 0 && e.status < 500) setProblem({ status: e.status, text: e.message });
      else setUnreachable(true);
    }
  }, []);

  useEffect(() => {
    if (hasSession) void refresh();
    setNow(Date.now());
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(clock);
  }, [refresh, hasSession]);

  const ended = me?.workshop.state === 'ended';
  useEffect(() => {
    if (ended || (problem && problem.status !== 429)) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ended, problem, refresh]);

  if (problem && !me)
    return problem.status === 401 ? (
      <div className="ws-card">
        <h1>Your workshop</h1>
        <p role="alert">
          You have not joined a workshop in this browser. Open the join link your instructor shared, or <a href="/join">enter the workshop code</a>.
        </p>
        <p className="muted">Working on your own? The <a href="/labs">labs</a> are open to everybody.</p>
      </div>
    ) : (
      <>
        <h1>Your workshop</h1>
        <p className="ws-error" role="alert">
          Your workshop could not be loaded: {problem.text}
        </p>
      </>
    );
  if (!me)
    return (
      <>
        <h1>Your workshop</h1>
        {unreachable ? (
          <p className="ws-error" role="alert">
            The server cannot be reached; retrying…
          </p>
        ) : (
          <p role="status" className="ws-loading">
            Loading your workshop…
          </p>
        )}
      </>
    );

  const titles = new Map(labs.map((l) => [l.id, l]));
  const { workshop, learner } = me;
  const left = now === null ? undefined : Date.parse(workshop.endsAt) - now;
  const notStarted = workshop.state === 'scheduled' && now !== null && Date.parse(workshop.startsAt) > now;
  return (
    <div className="ws-learner" data-state={workshop.state}>
      {ended && (
        <div className="ws-banner ws-banner-ended" role="alert" data-testid="ended-banner">
          <strong>This workshop has ended.</strong> Your lab environments were removed; thank you for taking part. You can keep practising on your own in the{' '}
          <a href="/labs">labs</a>.
        </div>
      )}
      <h1>{workshop.title}</h1>
      <p className="ws-dash-facts">
        You are <strong>{learner.displayName}</strong> ·{' '}
        <span data-testid="time-left">
          {ended ? 'ended' : notStarted ? `starts ${formatWhen(workshop.startsAt)}` : left === undefined ? '' : left > 0 ? `${formatDuration(left)} left` : 'time is up'}
        </span>
        {unreachable && <span className="ws-error"> · connection lost, retrying…</span>}
      </p>

      <section className="ws-card" aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages from your instructor</h2>
        <div aria-live="polite" data-testid="messages">
          {me.messages.length === 0 ? (
            <p className="muted">No message yet. They appear here as soon as your instructor sends one.</p>
          ) : (
            <ol className="ws-messages" reversed>
              {[...me.messages].reverse().map((m) => (
                <li key={m.id} className={fresh.includes(String(m.id)) ? 'ws-message-new' : undefined}>
                  <time dateTime={m.at}>{formatWhen(m.at)}</time> — {m.text}
                </li>
              ))}
            </ol>
          )}
        </div>
      </section>

      <section className="ws-card" aria-labelledby="labs-heading">
        <h2 id="labs-heading">Your labs</h2>
        {workshop.labIds.length === 0 ? (
          <p>This workshop lists no labs.</p>
        ) : (
          <ol className="ws-lab-list">
            {workshop.labIds.map((id) => {
              const lab = titles.get(id);
              return (
                <li key={id} data-lab={id}>
                  {ended ? <span>{lab?.title ?? id}</span> : <a href={`/labs/${encodeURIComponent(id)}`}>{lab?.title ?? id}</a>}
                  {lab && (
                    <span className="muted ws-small">
                      {' '}
                      · {lab.difficulty ? `${lab.difficulty} · ` : ''}about {lab.minutes} minutes
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        {!ended && <p className="muted ws-small">Each lab runs in your own isolated AWS account: nobody else in the workshop can see or change it.</p>}
      </section>
    </div>
  );
}
