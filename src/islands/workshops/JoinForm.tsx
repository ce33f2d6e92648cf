/**
 * /join: the workshop code (prefilled from `?code=`) and a display name; on success the learner
 * lands on /workshop. Every refusal shows inline next to the field it is about: an unknown code,
 * a full or ended workshop, a name already taken, too many attempts.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { learnerApi, WorkshopApiError } from './workshop-client.ts';
import './workshops.css';

interface Props {
  /** From `?code=` when the page was opened with a join link. */
  initialCode: string;
  /** Whether the browser sent a workshop learner cookie (HttpOnly: only the page can tell). */
  hasSession: boolean;
}

type Problem = { field: 'code' | 'name' | 'form'; text: string };

/** Turns the server's refusal into a sentence placed next to the field it concerns. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof WorkshopApiError)) return { field: 'form', text: error instanceof Error ? error.message : String(error) };
  const text = error.message;
  if (error.status === 404) return { field: 'code', text: /instructor/i.test(text) ? text : `${text.replace(/\.?$/, '.')} Check the code with your instructor.` };
  if (error.status === 409 && /already uses the name|name\b.*\btaken|display name/i.test(text)) return { field: 'name', text };
  if (error.status === 409) return { field: 'code', text };
  if (error.status === 400) {
    const nameIssue = error.issues.find((i) => /displayName/.test(i.path));
    if (nameIssue) return { field: 'name', text: nameIssue.message };
    const codeIssue = error.issues.find((i) => /code/.test(i.path));
    if (codeIssue) return { field: 'code', text: codeIssue.message };
  }
  return { field: 'form', text };
}

export default function JoinForm({ initialCode, hasSession }: Props) {
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [already, setAlready] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // Somebody who already joined a workshop in this browser is offered the way back.
  useEffect(() => {
    if (hasSession)
      learnerApi.me().then(
        (me) => setAlready(me.workshop.state === 'ended' ? null : me.workshop.title),
        () => setAlready(null),
      );
    (initialCode ? nameRef : codeRef).current?.focus();
  }, [initialCode, hasSession]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmedCode = code.trim().toUpperCase();
    const trimmedName = name.trim();
    if (!trimmedCode) return show({ field: 'code', text: 'Enter the workshop code your instructor gave you.' });
    if (!trimmedName) return show({ field: 'name', text: 'Enter the name the instructor will see on the dashboard.' });
    if (trimmedName.length > 40) return show({ field: 'name', text: 'A display name has at most 40 characters.' });
    setBusy(true);
    setProblem(null);
    try {
      await learnerApi.join(trimmedCode, trimmedName);
      location.assign('/workshop');
    } catch (e) {
      setBusy(false);
      show(problemOf(e));
    }
  };

  function show(p: Problem) {
    setProblem(p);
    if (p.field === 'code') codeRef.current?.focus();
    if (p.field === 'name') nameRef.current?.focus();
  }

  return (
    <form className="ws-form ws-card ws-join-form" onSubmit={submit} noValidate>
      {already && (
        <p className="ws-note">
          You are already in “{already}” in this browser: <a href="/workshop">go back to your workshop</a>. Joining another one replaces it here.
        </p>
      )}
      <div className="ws-field">
        <label htmlFor="join-code">Workshop code</label>
        <input
          id="join-code"
          ref={codeRef}
          name="code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={problem?.field === 'code' || undefined}
          aria-describedby={problem?.field === 'code' ? 'join-code-error' : 'join-code-help'}
          required
        />
        <span id="join-code-help" className="muted ws-small">
          Like ABCD-EFGH; the join link fills it in.
        </span>
        {problem?.field === 'code' && (
          <span id="join-code-error" className="ws-error ws-field-error" role="alert">
            {problem.text}
          </span>
        )}
      </div>
      <div className="ws-field">
        <label htmlFor="join-name">Your display name</label>
        <input
          id="join-name"
          ref={nameRef}
          name="displayName"
          type="text"
          autoComplete="nickname"
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem?.field === 'name' || undefined}
          aria-describedby={problem?.field === 'name' ? 'join-name-error' : 'join-name-help'}
          required
        />
        <span id="join-name-help" className="muted ws-small">
          Up to 40 characters; the instructor sees it next to your progress.
        </span>
        {problem?.field === 'name' && (
          <span id="join-name-error" className="ws-error ws-field-error" role="alert">
            {problem.text}
          </span>
        )}
      </div>
      {problem?.field === 'form' && (
        <p className="ws-error" role="alert">
          {problem.text}
        </p>
      )}
      <div className="ws-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join the workshop'}
        </button>
      </div>
    </form>
  );
}
