/**
 * The lab page's calls to the server. Every answer is JSON; errors arrive AWS-style
 * (`{ __type, message }`) and are thrown as `ApiCallError` with the server's sentence.
 */
import type { ConsoleView } from '../../console/console-view.ts';
import { getCsrfToken, setCsrfToken } from '../workshops/csrf.ts';

export class ApiCallError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.status = status;
    this.code = code;
  }
}

export async function call<T>(path: string, body?: unknown, retried = false): Promise<T> {
  let response: Response;
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // A workshop learner's session requires its CSRF token on every state-changing request.
    const token = getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
    response = await fetch(path, body === undefined ? { credentials: 'same-origin' } : { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
  } catch {
    throw new ApiCallError(0, 'NetworkError', 'The server cannot be reached. Is `npm start` still running? Your session is kept; reload the page when it is back.');
  }
  if (response.status === 403 && body !== undefined && !retried && (await refreshedCsrfToken(response))) return call<T>(path, body, true);
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiCallError(response.status, 'InternalFailure', `The server answered HTTP ${response.status} with something that is not JSON.`);
  }
  if (!response.ok) {
    const error = data as { __type?: string; message?: string; error?: { code?: string; message?: string } };
    throw new ApiCallError(response.status, error.__type ?? error.error?.code ?? 'InternalFailure', error.message ?? error.error?.message ?? `HTTP ${response.status}`);
  }
  return data as T;
}

/**
 * A CSRF refusal before the page knew the token (a workshop learner who pressed a button at once):
 * fetch the token from the learner's `me` and say whether to retry. Reads a clone of the response.
 */
async function refreshedCsrfToken(response: Response): Promise<boolean> {
  const refusal = (await response.clone().json().catch(() => ({}))) as { error?: { code?: string } };
  if (!/^CsrfToken/.test(refusal.error?.code ?? '')) return false;
  const me = await fetch('/api/workshop-learner/me', { credentials: 'same-origin' }).catch(() => undefined);
  if (!me?.ok) return false;
  const { csrfToken } = (await me.json().catch(() => ({}))) as { csrfToken?: string };
  if (!csrfToken) return false;
  setCsrfToken(csrfToken);
  return true;
}

export const api = {
  latest: (labId: string) => call<{ view: ConsoleView | null }>(`/api/labs/${labId}/session`),
  start: (labId: string) => call<{ view: ConsoleView }>(`/api/labs/${labId}/session`, {}),
  act: (sessionId: string, body: Record<string, unknown>) => call<{ view: ConsoleView }>(`/api/lab-sessions/${sessionId}/actions`, body),
  run: (sessionId: string, line: string, columns: number) => call<{ exitCode: number; stdout: string; stderr: string; durationMs: number }>(`/api/lab-sessions/${sessionId}/terminal/run`, { line, columns }),
  complete: (sessionId: string, line: string, cursor: number) => call<{ candidates: string[]; from: number; to: number }>(`/api/lab-sessions/${sessionId}/terminal/complete`, { line, cursor }),
  eventsUrl: (sessionId: string) => `/api/lab-sessions/${sessionId}/events`,
};

/** "12 min 05 s", "1 h 02 min" — for time on the lab and time left. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
}
