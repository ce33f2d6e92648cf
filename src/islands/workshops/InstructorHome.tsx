/**
 * /instructor: sign in; then the instructor's own workshops (join code, a copyable join link, a link
 * to the live dashboard) and the form that creates a new one (title, labs from the catalog, start
 * and end, maximum learners, leaderboard). Errors from the server show next to the form that caused them.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { setCsrfToken } from './csrf.ts';
import { instructorApi, WorkshopApiError, formatWhen, type InstructorInfo } from './workshop-client.ts';
import type { LabInfo, Workshop } from './workshop-types.ts';
import CopyButton from './CopyButton.tsx';
import './workshops.css';

interface Props {
  labs: LabInfo[];
  /** Whether the browser sent an instructor session cookie (HttpOnly: only the page can tell). */
  hasSession: boolean;
}

type Phase = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; instructor: InstructorInfo } | { kind: 'failed'; message: string };

export default function InstructorHome({ labs, hasSession }: Props) {
  const [phase, setPhase] = useState<Phase>(hasSession ? { kind: 'loading' } : { kind: 'signed-out' });

  useEffect(() => {
    // Without a session cookie there is nobody to ask about (and no 401 to log in the console).
    if (!hasSession) return;
    instructorApi.me().then(
      ({ instructor }) => setPhase({ kind: 'signed-in', instructor }),
      (e: unknown) => {
        if (e instanceof WorkshopApiError && (e.status === 401 || e.status === 403)) setPhase({ kind: 'signed-out' });
        else setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      },
    );
  }, [hasSession]);

  if (phase.kind === 'loading') return <p role="status" className="ws-loading">Checking whether you are signed in…</p>;
  if (phase.kind === 'failed')
    return (
      <p role="alert" className="ws-error">
        The instructor pages cannot reach the server: {phase.message}
      </p>
    );
  if (phase.kind === 'signed-out') return <SignIn onSignedIn={(instructor) => setPhase({ kind: 'signed-in', instructor })} />;
  return (
    <SignedIn
      instructor={phase.instructor}
      labs={labs}
      onSignedOut={() => {
        setCsrfToken(undefined);
        setPhase({ kind: 'signed-out' });
      }}
    />
  );
}

function SignIn({ onSignedIn }: { onSignedIn(instructor: InstructorInfo): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const { instructor } = await instructorApi.login(String(form.get('email') ?? '').trim(), String(form.get('password') ?? ''));
      onSignedIn(instructor);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <section className="ws-card ws-signin" aria-labelledby="signin-heading">
      <h2 id="signin-heading">Sign in</h2>
      <p className="muted">
        Instructor accounts are created on the server: <code>npm run instructor -- create</code> (see the workshops guide).
      </p>
      <form onSubmit={submit} className="ws-form" aria-describedby={error ? 'signin-error' : undefined}>
        <div className="ws-field">
          <label htmlFor="signin-email">Email</label>
          <input id="signin-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="ws-field">
          <label htmlFor="signin-password">Password</label>
          <input id="signin-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {error && (
          <p id="signin-error" className="ws-error" role="alert">
            {error}
          </p>
        )}
        <div className="ws-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}

function SignedIn({ instructor, labs, onSignedOut }: { instructor: InstructorInfo; labs: LabInfo[]; onSignedOut(): void }) {
  const [workshops, setWorkshops] = useState<Workshop[] | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const [created, setCreated] = useState<string>();

  const load = () =>
    instructorApi.list().then(
      ({ workshops: list }) => {
        setWorkshops([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
        setLoadError(undefined);
      },
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  useEffect(() => void load(), []);

  const signOut = async () => {
    try {
      await instructorApi.logout();
    } finally {
      onSignedOut();
    }
  };

  return (
    <div className="ws-instructor">
      <p className="ws-signed-in">
        Signed in as <strong>{instructor.displayName || instructor.email}</strong> <span className="muted">({instructor.email})</span>{' '}
        <button type="button" className="link-button" onClick={() => void signOut()}>
          Sign out
        </button>
      </p>
      <section className="ws-card" aria-labelledby="workshops-heading">
        <h2 id="workshops-heading">Your workshops</h2>
        {loadError && (
          <p className="ws-error" role="alert">
            Your workshops could not be loaded: {loadError}{' '}
            <button type="button" className="link-button" onClick={() => void load()}>
              Try again
            </button>
          </p>
        )}
        {!workshops && !loadError && <p role="status">Loading your workshops…</p>}
        {workshops && workshops.length === 0 && <p>No workshops yet. Create the first one below; learners join it with its code.</p>}
        {workshops && workshops.length > 0 && (
          <ul className="ws-list">
            {workshops.map((w) => (
              <WorkshopItem key={w.id} workshop={w} labs={labs} highlight={w.id === created} />
            ))}
          </ul>
        )}
      </section>
      <NewWorkshop
        labs={labs}
        onCreated={(workshop) => {
          setCreated(workshop.id);
          setWorkshops((list) => [workshop, ...(list ?? []).filter((w) => w.id !== workshop.id)]);
        }}
      />
    </div>
  );
}

const stateWords: Record<Workshop['state'], string> = { scheduled: 'Scheduled', running: 'Running', ended: 'Ended' };

function WorkshopItem({ workshop, labs, highlight }: { workshop: Workshop; labs: LabInfo[]; highlight: boolean }) {
  const titles = new Map(labs.map((l) => [l.id, l.title]));
  const joinLink = typeof location === 'undefined' ? workshop.joinUrl : new URL(workshop.joinUrl, location.origin).href;
  const headingId = useId();
  return (
    <li className={`ws-item${highlight ? ' ws-item-new' : ''}`} data-workshop={workshop.id} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <a href={`/workshops/${encodeURIComponent(workshop.id)}`}>{workshop.title}</a>{' '}
        <span className={`ws-state ws-state-${workshop.state}`}>{stateWords[workshop.state] ?? workshop.state}</span>
        {highlight && <span className="visually-hidden"> (just created)</span>}
      </h3>
      <p className="muted ws-item-meta">
        {formatWhen(workshop.startsAt)} – {formatWhen(workshop.endsAt)} · {workshop.learnerCount} of {workshop.maxLearners} learners
        {workshop.leaderboard ? ' · leaderboard on' : ''} · labs: {workshop.labIds.map((id) => titles.get(id) ?? id).join(', ')}
      </p>
      {workshop.state !== 'ended' && (
        <dl className="ws-join">
          <div>
            <dt>Join code</dt>
            <dd>
              <code data-testid="join-code">{workshop.joinCode}</code>
            </dd>
          </div>
          <div>
            <dt>Join link</dt>
            <dd className="ws-join-link">
              <input type="text" readOnly value={joinLink} aria-label={`Join link of ${workshop.title}`} data-testid="join-link" onFocus={(e) => e.currentTarget.select()} />
              <CopyButton text={joinLink} label="Copy join link" />
            </dd>
          </div>
        </dl>
      )}
      <p>
        <a href={`/workshops/${encodeURIComponent(workshop.id)}`}>Open the live dashboard</a>
      </p>
    </li>
  );
}

/** datetime-local wants "YYYY-MM-DDTHH:MM" in local time. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function NewWorkshop({ labs, onCreated }: { labs: LabInfo[]; onCreated(workshop: Workshop): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<string[]>([]);
  const [done, setDone] = useState<string>();
  // Defaults fill in after mounting: the server's clock and time zone are not the browser's.
  const [defaults, setDefaults] = useState<{ start: string; end: string } | null>(null);
  useEffect(() => {
    const start = new Date();
    start.setSeconds(0, 0);
    setDefaults({ start: localInputValue(start), end: localInputValue(new Date(start.getTime() + 3 * 3600_000)) });
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const labIds = form.getAll('labIds').map(String);
    const startsAt = new Date(String(form.get('startsAt')));
    const endsAt = new Date(String(form.get('endsAt')));
    const problems: string[] = [];
    if (labIds.length === 0) problems.push('Choose at least one lab.');
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) problems.push('Give a start and an end.');
    else if (endsAt <= startsAt) problems.push('The end must be after the start.');
    setIssues(problems);
    setError(undefined);
    setDone(undefined);
    if (problems.length) return;
    setBusy(true);
    try {
      const { workshop } = await instructorApi.create({
        title: String(form.get('title') ?? '').trim(),
        labIds,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        maxLearners: Number(form.get('maxLearners')),
        leaderboard: form.get('leaderboard') === 'on',
      });
      onCreated(workshop);
      setDone(`Created “${workshop.title}”: join code ${workshop.joinCode}.`);
      formElement.reset();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setIssues(e instanceof WorkshopApiError ? e.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)) : []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="ws-card" aria-labelledby="new-workshop-heading">
      <h2 id="new-workshop-heading">New workshop</h2>
      <form className="ws-form" onSubmit={submit} noValidate={false}>
        <div className="ws-field">
          <label htmlFor="ws-title">Title</label>
          <input id="ws-title" name="title" type="text" required maxLength={120} placeholder="e.g. Securing ML on AWS — Tuesday cohort" />
        </div>
        <fieldset className="ws-labs">
          <legend>Labs</legend>
          {labs.length === 0 && <p>The lab catalog is empty on this server.</p>}
          <ul>
            {labs.map((lab) => (
              <li key={lab.id}>
                <input type="checkbox" id={`lab-${lab.id}`} name="labIds" value={lab.id} />{' '}
                <label htmlFor={`lab-${lab.id}`}>
                  {lab.title} <span className="muted">({lab.id}{lab.minutes ? `, about ${lab.minutes} min` : ''})</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="ws-field-row">
          <div className="ws-field">
            <label htmlFor="ws-starts">Starts</label>
            <input id="ws-starts" name="startsAt" type="datetime-local" required defaultValue={defaults?.start} key={`s-${defaults?.start}`} />
          </div>
          <div className="ws-field">
            <label htmlFor="ws-ends">Ends</label>
            <input id="ws-ends" name="endsAt" type="datetime-local" required defaultValue={defaults?.end} key={`e-${defaults?.end}`} />
          </div>
          <div className="ws-field">
            <label htmlFor="ws-max">Maximum learners</label>
            <input id="ws-max" name="maxLearners" type="number" min={1} max={500} step={1} required defaultValue={30} />
          </div>
        </div>
        <div className="ws-check">
          <input id="ws-leaderboard" name="leaderboard" type="checkbox" /> <label htmlFor="ws-leaderboard">Show a leaderboard (points for passed labs, minus hint penalties)</label>
        </div>
        {(error || issues.length > 0) && (
          <div className="ws-error" role="alert">
            {error && <p>The workshop was not created: {error}</p>}
            {issues.length > 0 && (
              <ul>
                {issues.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {done && (
          <p className="ws-ok" role="status">
            {done}
          </p>
        )}
        <div className="ws-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create workshop'}
          </button>
        </div>
      </form>
    </section>
  );
}
