/**
 * What instructors and joining learners do with workshops, on top of the stores: create (labs
 * checked against the catalog), join (rate limited, seats and names checked), the dashboard,
 * reset a learner's lab, extend, broadcast, end (tear down every learner's lab sessions through
 * the lab engine, then release their tenant), results and the leaderboard.
 */
import type { z } from 'zod';
import { leaseAlive } from '../labs/session-service.ts';
import { isInFlight } from '../labs/session-machine.ts';
import type { SessionRecord } from '../labs/index.ts';
import { assembleDashboard, dashboardRows, learnerOwner } from './dashboard.ts';
import { rateLimited, validationFailed, workshopConflict, workshopNotFound, WorkshopError } from './errors.ts';
import { openLearnerTarget, tenantProvider } from './learner-access.ts';
import { leaderboard } from './scoring.ts';
import { resultRows } from './results.ts';
import type { createWorkshopSchema } from './schemas.ts';
import { normaliseJoinCode } from './tokens.ts';
import type { Dashboard, DashboardRow, EndReport, EndReportLearner, Instructor, LeaderboardEntry, ResultRow, Workshop } from './types.ts';
import type { WorkshopRuntime } from './workshop-runtime.ts';
import { JoinRefused, toWorkshop, workshopState, type WorkshopLearner, type WorkshopRecord } from './workshop-store.ts';

export async function createWorkshop(wrt: WorkshopRuntime, instructor: Instructor, input: z.infer<typeof createWorkshopSchema>): Promise<Workshop> {
  const known = new Set(wrt.rt.labIds());
  const unknown = input.labIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw validationFailed(`labIds: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not a lab' : 'are not labs'}; the labs are ${[...known].join(', ')}.`, [
      { path: 'labIds', message: `unknown lab${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}` },
    ]);
  }
  // Fails here, with the reason, when the target cannot give learners accounts (pool not configured).
  const tenants = tenantProvider(wrt);
  const target = (await wrt.rt.target()).description;
  const record = await wrt.workshops.create({
    instructorId: instructor.id,
    title: input.title,
    labIds: input.labIds,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    maxLearners: input.maxLearners,
    leaderboard: input.leaderboard,
    target: { ...target, label: `${target.label}, one ${tenants.kind === 'account-pool' ? 'pool account' : 'account'} per learner` },
  });
  return toWorkshop(record, 0);
}

export async function listWorkshops(wrt: WorkshopRuntime, instructor: Instructor): Promise<Workshop[]> {
  return (await wrt.workshops.listOwn(instructor.id)).map(({ record, learnerCount }) => toWorkshop(record, learnerCount));
}

export async function describeWorkshop(wrt: WorkshopRuntime, workshop: WorkshopRecord): Promise<Workshop> {
  return toWorkshop(workshop, await wrt.workshops.learnerCount(workshop.id));
}

export async function dashboardOf(wrt: WorkshopRuntime, workshop: WorkshopRecord): Promise<Dashboard> {
  return assembleDashboard(wrt.db, workshop, await wrt.workshops.messages(workshop.id));
}

/** Joins with a code; unknown and mistyped codes get the same 404, seats and names 409. */
export async function joinWorkshop(wrt: WorkshopRuntime, input: { code: string; displayName: string; ip: string }): Promise<{ workshop: WorkshopRecord; learner: WorkshopLearner; cookie: string }> {
  const byIp = await wrt.limiter.hit(`join:ip:${input.ip}`, wrt.limits.joinPerIp);
  if (!byIp.allowed) throw rateLimited(byIp.retryAfterSeconds, 'join');
  const code = normaliseJoinCode(input.code);
  const wrongCode = workshopNotFound('workshop with that code (check it with your instructor)');
  if (!code) throw wrongCode;
  const byCode = await wrt.limiter.hit(`join:code:${code}`, wrt.limits.joinPerCode);
  if (!byCode.allowed) throw rateLimited(byCode.retryAfterSeconds, 'join');
  const workshop = await wrt.workshops.byCode(code);
  if (!workshop) throw wrongCode;
  if (workshopState(workshop) === 'ended') throw workshopConflict(`The workshop "${workshop.title}" has ended; it cannot be joined any more.`);
  try {
    const { learner, cookie } = await wrt.workshops.join(workshop, input.displayName);
    return { workshop, learner, cookie };
  } catch (error) {
    if (error instanceof JoinRefused) throw workshopConflict(error.message);
    if (/unique|duplicate/i.test((error as Error).message)) throw workshopConflict(`Somebody in this workshop already uses the name "${input.displayName}". Choose another display name.`);
    throw error;
  }
}

async function learnerOf(wrt: WorkshopRuntime, workshop: WorkshopRecord, learnerId: string): Promise<WorkshopLearner> {
  const learner = await wrt.workshops.learner(learnerId);
  if (!learner || learner.workshopId !== workshop.id) throw workshopNotFound('learner in this workshop');
  return learner;
}

function serviceOf(wrt: WorkshopRuntime, learner: WorkshopLearner) {
  return wrt.rt.serviceForOwner(learnerOwner(learner.id), () => openLearnerTarget(wrt, learner));
}

/** Resets a learner's lab to its starting state (a new run; a failed session is retried instead). */
export async function resetLearnerLab(wrt: WorkshopRuntime, workshop: WorkshopRecord, learnerId: string, labId: string): Promise<DashboardRow> {
  if (!workshop.labIds.includes(labId)) throw workshopNotFound(`lab "${labId}" in this workshop`);
  const learner = await learnerOf(wrt, workshop, learnerId);
  if (workshopState(workshop) === 'ended') throw workshopConflict('The workshop has ended; its labs were torn down and cannot be reset.');
  const service = serviceOf(wrt, learner);
  const session = (await service.list({ labId, active: true }))[0];
  if (!session) throw workshopConflict(`${learner.displayName} has no running session of ${labId} to reset; they start it from their workshop page.`);
  const event = session.state === 'failed' ? ({ type: 'learner.retry' } as const) : ({ type: 'learner.reset' } as const);
  if (!['ready', 'passed', 'failed'].includes(session.state)) throw workshopConflict(`${learner.displayName}'s session of ${labId} is busy (${session.state}). Try again when it rests.`);
  await wrt.rt.exclusive(session.id, 'resetting (instructor)', () => service.send(session.id, event));
  const [row] = await dashboardRows(wrt.db, workshop, { onlyLearner: learner.id });
  return row!;
}

export async function extendWorkshop(wrt: WorkshopRuntime, workshop: WorkshopRecord, minutes: number): Promise<Workshop> {
  if (workshop.endedAt) throw workshopConflict('The workshop was ended and its labs torn down; it cannot be extended. Create a new workshop instead.');
  return describeWorkshop(wrt, await wrt.workshops.extend(workshop.id, minutes));
}

export async function broadcast(wrt: WorkshopRuntime, workshop: WorkshopRecord, text: string) {
  if (workshop.endedAt) throw workshopConflict('The workshop has ended; nobody is listening for messages any more.');
  return wrt.workshops.addMessage(workshop.id, text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Tears down one session through the lab engine, waiting a little for one that is mid-step. */
async function tearDown(wrt: WorkshopRuntime, learner: WorkshopLearner, session: SessionRecord): Promise<string[]> {
  const service = serviceOf(wrt, learner);
  for (let attempt = 0; ; attempt++) {
    const current = (await wrt.rt.sessions.get(session.id)) ?? session;
    if (!current.active) return [];
    const busy = wrt.rt.busy(current.id) || (isInFlight(current.state) && leaseAlive(current.lease));
    if (busy && attempt < 30) {
      await sleep(1000);
      continue;
    }
    const after = await wrt.rt.exclusive(current.id, 'tearing down (workshop ended)', () => service.send(current.id, { type: 'learner.teardown' }));
    const report = after.context.lastTeardown;
    if (after.state !== 'done') {
      const why = after.context.failure?.message ?? report?.errors.join('; ') ?? `it is ${after.state}`;
      throw new Error(`${session.labId} (${session.id}) was not torn down completely: ${why}`);
    }
    return (report?.deleted ?? []).map((r) => `${r.type} ${r.id}`);
  }
}

async function endForLearner(wrt: WorkshopRuntime, learner: WorkshopLearner): Promise<EndReportLearner> {
  const entry: EndReportLearner = { learnerId: learner.id, displayName: learner.displayName, removed: [], errors: [] };
  const sessions = await wrt.rt.sessions.list({ owner: learnerOwner(learner.id), active: true });
  for (const session of sessions) {
    try {
      entry.removed.push(...(await tearDown(wrt, learner, session)));
    } catch (error) {
      entry.errors.push(`${session.labId}: ${(error as Error).message}`);
    }
  }
  const tenant = learner.tenant;
  // The account goes back (or away) only once nothing of the learner's labs is left in it.
  if (tenant && !tenant.releasedAt && entry.errors.length === 0) {
    try {
      const released = await tenantProvider(wrt).release(tenant);
      entry.removed.push(...released.removed);
      await wrt.workshops.markTenantReleased(learner.id, { ...tenant, releasedAt: new Date().toISOString() });
    } catch (error) {
      entry.errors.push(`releasing ${tenant.label}: ${(error as Error).message}`);
    }
  }
  return entry;
}

/**
 * Ends the workshop: from now on learners can only read; every learner's active lab sessions are
 * torn down by the lab engine (which removes exactly what each lab created) and their tenant is
 * released. Four learners at a time; one learner's errors never stop the others. Ending again
 * retries what failed.
 */
export async function endWorkshop(wrt: WorkshopRuntime, workshop: WorkshopRecord): Promise<{ workshop: Workshop; report: EndReport }> {
  await wrt.workshops.markEnded(workshop.id);
  const learners = await wrt.workshops.learners(workshop.id);
  const results: EndReportLearner[] = new Array(learners.length);
  let next = 0;
  const worker = async () => {
    while (next < learners.length) {
      const index = next++;
      const learner = learners[index]!;
      results[index] = await endForLearner(wrt, learner).catch((error: unknown) => ({ learnerId: learner.id, displayName: learner.displayName, removed: [], errors: [(error as Error).message] }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, learners.length) }, worker));
  const previous = workshop.endReport;
  // A second `end` adds to what the first removed.
  const merged = results.map((r) => {
    const before = previous?.learners.find((p) => p.learnerId === r.learnerId);
    return before ? { ...r, removed: [...before.removed, ...r.removed] } : r;
  });
  const report: EndReport = { learners: merged, removedCount: merged.reduce((n, l) => n + l.removed.length, 0) };
  await wrt.workshops.saveEndReport(workshop.id, report);
  const ended = (await wrt.workshops.get(workshop.id))!;
  return { workshop: await describeWorkshop(wrt, ended), report };
}

export async function resultsOf(wrt: WorkshopRuntime, workshop: WorkshopRecord): Promise<ResultRow[]> {
  return resultRows(await dashboardRows(wrt.db, workshop));
}

export async function leaderboardOf(wrt: WorkshopRuntime, workshop: WorkshopRecord): Promise<LeaderboardEntry[]> {
  if (!workshop.leaderboard) throw new WorkshopError(409, 'LeaderboardOff', 'This workshop has no leaderboard (it was created with leaderboard: false).');
  return leaderboard(await dashboardRows(wrt.db, workshop));
}
