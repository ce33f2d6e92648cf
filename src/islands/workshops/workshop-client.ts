/**
 * The workshop pages' calls to the server (the API of docs/workshops.md). Every answer is JSON;
 * errors arrive as `{ error: { code, message } }` and are thrown as `WorkshopApiError` with the
 * server's sentence, so forms can show it inline. Every state-changing request carries the
 * caller's CSRF token in `x-csrf-token` (the server refuses it otherwise).
 */
import { getCsrfToken, setCsrfToken } from './csrf.ts';
import type { Dashboard, DashboardRow, JoinAnswer, LeaderboardEntry, LearnerMe, TeardownReport, Workshop, WorkshopInput, WorkshopMessage } from './workshop-types.ts';

export class WorkshopApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: { path: string; message: string }[];
  constructor(status: number, code: string, message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = 'WorkshopApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

type Method = 'GET' | 'POST';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    const token = getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, credentials: 'same-origin', headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) });
  } catch {
    throw new WorkshopApiError(0, 'NetworkError', 'The server cannot be reached. Check your connection; nothing was lost, try again in a moment.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new WorkshopApiError(response.status, 'InternalFailure', `The server answered HTTP ${response.status} with something that is not JSON.`);
  }
  if (!response.ok) throw errorFrom(response, data);
  return data as T;
}

function errorFrom(response: Response, data: unknown): WorkshopApiError {
  const body = data as { error?: { code?: string; message?: string; issues?: unknown }; __type?: string; message?: string };
  const code = body.error?.code ?? body.__type ?? `Http${response.status}`;
  let message = body.error?.message ?? body.message ?? `The server answered HTTP ${response.status}.`;
  if (response.status === 429) {
    const retry = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retry) && retry > 0 && !/\bsecond/.test(message)) message += ` Try again in ${retry} second${retry === 1 ? '' : 's'}.`;
  }
  const issues = Array.isArray(body.error?.issues)
    ? (body.error!.issues as { path?: unknown; message?: unknown }[]).map((i) => ({ path: Array.isArray(i.path) ? i.path.join('.') : String(i.path ?? ''), message: String(i.message ?? '') }))
    : [];
  return new WorkshopApiError(response.status, code, message, issues);
}

/** Remembers the CSRF token an answer carries (login, join, me), for the next state-changing call. */
function keepToken<T extends { csrfToken?: string }>(answer: T): T {
  if (answer?.csrfToken) setCsrfToken(answer.csrfToken);
  return answer;
}

export interface InstructorInfo {
  id: string;
  email: string;
  displayName: string;
}

export const instructorApi = {
  me: () => request<{ instructor: InstructorInfo; csrfToken: string }>('GET', '/api/instructor/me').then(keepToken),
  login: (email: string, password: string) => request<{ instructor: InstructorInfo; csrfToken: string }>('POST', '/api/instructor/login', { email, password }).then(keepToken),
  logout: () => request<void>('POST', '/api/instructor/logout'),
  list: () => request<{ workshops: Workshop[] }>('GET', '/api/workshops'),
  create: (input: WorkshopInput) => request<{ workshop: Workshop }>('POST', '/api/workshops', input),
  get: (id: string) => request<{ workshop: Workshop; dashboard: Dashboard }>('GET', `/api/workshops/${encodeURIComponent(id)}`),
  reset: (id: string, learnerId: string, labId: string) =>
    request<DashboardRow | { row: DashboardRow }>('POST', `/api/workshops/${encodeURIComponent(id)}/learners/${encodeURIComponent(learnerId)}/labs/${encodeURIComponent(labId)}/reset`),
  extend: (id: string, minutes: number) => request<{ workshop: Workshop }>('POST', `/api/workshops/${encodeURIComponent(id)}/extend`, { minutes }),
  broadcast: (id: string, message: string) => request<{ message: WorkshopMessage }>('POST', `/api/workshops/${encodeURIComponent(id)}/broadcast`, { message }),
  end: (id: string) => request<{ workshop: Workshop; report: TeardownReport }>('POST', `/api/workshops/${encodeURIComponent(id)}/end`),
  leaderboard: (id: string) => request<{ entries: LeaderboardEntry[] }>('GET', `/api/workshops/${encodeURIComponent(id)}/leaderboard`),
  eventsUrl: (id: string) => `/api/workshops/${encodeURIComponent(id)}/events`,
  resultsUrl: (id: string, format: 'csv' | 'json') => `/api/workshops/${encodeURIComponent(id)}/results.${format}`,
};

export const learnerApi = {
  join: (code: string, displayName: string) => request<JoinAnswer>('POST', '/api/workshops/join', { code, displayName }).then(keepToken),
  me: () => request<LearnerMe>('GET', '/api/workshop-learner/me').then(keepToken),
};

/** "12 min 05 s", "1 h 02 min", "3 d 4 h" — time on a lab, time left. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
}

/** A short local date and time, e.g. "26 Nov, 14:05". */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
