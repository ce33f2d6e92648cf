/**
 * The exam history API (/api/progress/exams) as the synced store's AttemptServer. The browser's
 * `mlsec_learner` cookie says whose history it is. Network failures and 5xx answers are errors
 * to retry later; a 4xx answer to a recording is a refusal (sending it again would not help).
 */
import { AttemptRefusedError, type AttemptServer } from '../../exam/synced-store.ts';
import type { ExamSession } from '../../exam/index.ts';
import type { ExamHistory } from '../../console/exam-history.ts';

const base = '/api/progress/exams';
/** A request that has not answered by then is treated as a failure (the session stays local). */
const timeoutMs = 15_000;

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs), ...init });
  } catch (error) {
    throw new Error(`the server could not be reached: ${(error as Error).message}`);
  }
}

/**
 * Reads an answer's body to the end. A body left unread keeps the request open in the browser, so
 * leaving the page (the exams page goes to the results right after saving) would cut it off.
 */
async function drain(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    return (JSON.parse(text) as { message?: string }).message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** The learner's exam history as the server has it. */
export async function fetchExamHistory(): Promise<ExamHistory> {
  const response = await call(base);
  if (!response.ok) throw new Error(`the server answered: ${await messageOf(response)}`);
  return (await response.json()) as ExamHistory;
}

export function createHttpAttemptServer(): AttemptServer {
  return {
    async load(id) {
      const response = await call(`${base}/${encodeURIComponent(id)}`);
      if (response.status === 404) return void (await drain(response));
      if (!response.ok) throw new Error(`The session could not be loaded from the server: ${await messageOf(response)}`);
      return (await response.json()) as ExamSession;
    },
    async record(session) {
      const response = await call(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(session) });
      if (response.ok) return drain(response);
      const message = await messageOf(response);
      if (response.status >= 400 && response.status < 500) throw new AttemptRefusedError(`the server refused it: ${message}`);
      throw new Error(`the server answered: ${message}`);
    },
    async remove(id) {
      const response = await call(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      if (response.ok || response.status === 404) return drain(response);
      throw new Error(`the server answered: ${await messageOf(response)}`);
    },
  };
}
