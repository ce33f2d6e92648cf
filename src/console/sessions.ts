/**
 * The lab console's operations, shared by the API routes and the server-rendered lab page: who the
 * learner is, their session of a lab, and the actions they take on it. Every action goes through the
 * lab engine's `LabSessionService`, exactly as `npm run lab` does.
 */
import { z } from 'zod';
import { nextTaskForHint, type SessionEvent, type SessionRecord } from '../labs/index.ts';
import { leaseAlive } from '../labs/session-service.ts';
import { interruptedFailure, isInFlight } from '../labs/session-machine.ts';
import { conflict, invalid, notFound } from './api.ts';
import { consoleView, type ConsoleView } from './console-view.ts';
import { learnerFromCookies, type CookieJar, type Learner } from './learners.ts';
import type { ConsoleRuntime } from './runtime.ts';

export interface ConsoleRequest {
  rt: ConsoleRuntime;
  learner: Learner;
}

/** A request that acts: the learner is created (and the cookie set) when the browser has none yet. */
export async function consoleRequest(rt: ConsoleRuntime, cookies: CookieJar, url: URL): Promise<ConsoleRequest> {
  const learner = await learnerFromCookies(cookies, rt.learners, { secure: url.protocol === 'https:' });
  return { rt, learner };
}

/** A request that only reads: without a known learner there is nothing of theirs to show. */
export async function consoleReader(rt: ConsoleRuntime, cookies: CookieJar): Promise<ConsoleRequest | undefined> {
  const learner = await learnerFromCookies(cookies, rt.learners, { create: false });
  return learner && { rt, learner };
}

/** The learner's session by id; another learner's session does not exist for them. */
export async function ownSession(req: ConsoleRequest, sessionId: string): Promise<SessionRecord> {
  const service = req.rt.serviceFor(req.learner.id);
  const record = await req.rt.sessions.get(sessionId);
  if (!record || record.owner !== service.owner) throw notFound(`There is no lab session "${sessionId}" of yours. Open the lab's page to see or start your session.`);
  return record;
}

export function viewOf(req: ConsoleRequest, record: SessionRecord): ConsoleView {
  const busy = req.rt.busy(record.id, record);
  return consoleView(busy ? record : asRecovered(record), req.rt.lab(record.labId), { busy });
}

/**
 * A session stored mid-step whose process is gone (the server was killed, or an app instance died)
 * is shown as what the engine recovers it into on its next action — usable again, or failed with
 * the teardown it owes — so the page offers the actions that continue it instead of waiting forever.
 */
function asRecovered(record: SessionRecord): SessionRecord {
  if (!isInFlight(record.state) || leaseAlive(record.lease)) return record;
  const recovered = interruptedFailure(record.state);
  return {
    ...record,
    state: recovered.state,
    context: { ...record.context, progress: undefined, failure: recovered.failure ?? record.context.failure, lastError: recovered.lastError ?? record.context.lastError },
  };
}

/** The learner's latest session of a lab: the active one, else the last ended one (to show its result). */
export async function latestSession(req: ConsoleRequest, labId: string): Promise<SessionRecord | undefined> {
  req.rt.lab(labId);
  const sessions = await req.rt.serviceFor(req.learner.id).list({ labId });
  return sessions.find((s) => s.active) ?? sessions[0];
}

export async function startSession(req: ConsoleRequest, labId: string): Promise<ConsoleView> {
  req.rt.lab(labId);
  const service = req.rt.serviceFor(req.learner.id);
  const record = await req.rt.exclusive(`start:${req.learner.id}:${labId}`, 'starting', async () => {
    // Sessions past their time limit end before a new one starts, as in the CLI.
    await service.sweep();
    return service.start(labId);
  });
  return viewOf(req, record);
}

const taskId = z.string().min(1).max(100);
export const actionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('check') }),
  z.strictObject({ action: z.literal('hint'), taskId: taskId.optional() }),
  z.strictObject({
    action: z.literal('solve'),
    taskId: taskId.optional(),
    confirm: z.literal(true, { error: 'must be true: showing the solution applies the reference fix and marks the run as assisted, so the learner has to confirm it' }),
  }),
  z.strictObject({ action: z.literal('reset') }),
  z.strictObject({ action: z.literal('teardown') }),
  z.strictObject({ action: z.literal('retry') }),
  z.strictObject({ action: z.literal('answer'), questionId: z.string().min(1).max(100), answer: z.string().trim().min(1).max(500) }),
]);
export type ActionRequest = z.infer<typeof actionSchema>;
export const actionNames = ['check', 'hint', 'solve', 'reset', 'teardown', 'retry', 'answer'] as const;

/** Validates the action's body before zod's union does, so an unknown action gets a clear message. */
export function parseAction(raw: unknown): ActionRequest {
  const name = (raw as { action?: unknown } | null)?.action;
  if (typeof name !== 'string' || !(actionNames as readonly string[]).includes(name)) {
    throw invalid(`action: ${name === undefined ? 'is missing' : `"${String(name)}" is not an action`}; use one of ${actionNames.join(', ')}.`);
  }
  const parsed = actionSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

export async function act(req: ConsoleRequest, sessionId: string, action: ActionRequest): Promise<ConsoleView> {
  const record = await ownSession(req, sessionId);
  const lab = req.rt.lab(record.labId);
  const tasks = lab.definition.tasks;
  const known = (id: string | undefined) => {
    if (id !== undefined && !tasks.some((t) => t.id === id)) throw invalid(`taskId: "${id}" is not a task of ${lab.definition.id}; its tasks are ${tasks.map((t) => t.id).join(', ')}.`);
    return id;
  };
  let event: SessionEvent;
  switch (action.action) {
    case 'check':
      event = { type: 'learner.check' };
      break;
    case 'hint':
      event = { type: 'learner.hint', taskId: known(action.taskId) ?? nextTaskForHint(record, lab) };
      break;
    case 'solve':
      event = { type: 'learner.solve', taskId: known(action.taskId) };
      break;
    case 'answer': {
      const questions = tasks.flatMap((t) => t.questions.map((q) => q.id));
      if (!questions.includes(action.questionId)) throw invalid(`questionId: "${action.questionId}" is not a question of this lab${questions.length ? `; its questions are ${questions.join(', ')}` : ' (it has none)'}.`);
      event = { type: 'learner.answer', questionId: action.questionId, answer: action.answer };
      break;
    }
    default:
      event = { type: `learner.${action.action}` } as SessionEvent;
  }
  // Another piece of this process (the session sweeper of `npm start`) may be working on it; a
  // session left mid-step by a process that is gone is recovered by the engine instead.
  if (workingStates.has(record.state) && leaseAlive(record.lease)) {
    throw conflict(`The session is busy (${record.state}). Wait until it finishes, then try again.`);
  }
  const service = req.rt.serviceFor(req.learner.id);
  const after = await req.rt.exclusive(sessionId, actionLabel[action.action], () => service.send(sessionId, event));
  return viewOf(req, after);
}

const workingStates = new Set(['preflight', 'provisioning', 'checking', 'solving', 'resetting', 'tearingDown']);

const actionLabel: Record<ActionRequest['action'], string> = {
  check: 'checking',
  hint: 'revealing a hint',
  solve: 'applying the solution',
  reset: 'resetting',
  teardown: 'tearing down',
  retry: 'retrying',
  answer: 'recording an answer',
};
