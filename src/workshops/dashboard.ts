/**
 * The dashboard's data: every learner × every lab of the workshop, from the learners' lab sessions.
 * One query reads the learners and all their sessions (joined by owner), so a dashboard of 100
 * learners × several labs costs the same three queries as one of two learners.
 */
import type { SqlClient } from '../db/index.ts';
import type { SessionContext } from '../labs/session-machine.ts';
import { workshopState, type WorkshopRecord } from './workshop-store.ts';
import type { Dashboard, DashboardCell, DashboardRow, LabStatus, WorkshopMessage } from './types.ts';
import type { Tenant } from './tenants.ts';

export const learnerOwnerPrefix = 'workshop-learner:';
export const learnerOwner = (learnerId: string) => `${learnerOwnerPrefix}${learnerId}`;

interface JoinedRow {
  learner_id: string;
  display_name: string;
  joined_at: string;
  tenant: string | null;
  session_id: string | null;
  lab_id: string | null;
  state: string | null;
  context: string | null;
  created_at: string | null;
}

export function statusOf(state: string, context: Pick<SessionContext, 'lastGrade'>): LabStatus {
  switch (state) {
    case 'idle':
    case 'preflight':
    case 'provisioning':
    case 'resetting':
      return 'provisioning';
    case 'ready':
      return 'ready';
    case 'checking':
    case 'solving':
      return 'checking';
    case 'passed':
      return 'passed';
    case 'failed':
      return 'failed';
    default:
      // Ended (or ending): a run that passed keeps its result.
      return context.lastGrade?.passed ? 'passed' : 'torn-down';
  }
}

/** One cell from a session: checks x/y from the last check, time from ready (or creation) to pass, end or now. */
export function cellOf(labId: string, sessionId: string, state: string, context: SessionContext, createdAt: string, now: number): DashboardCell {
  const grade = context.lastGrade;
  const status = statusOf(state, context);
  const start = Date.parse(context.readyAt ?? context.createdAt ?? createdAt);
  const stop = status === 'passed' && grade ? Date.parse(grade.at) : context.endedAt ? Date.parse(context.endedAt) : now;
  return {
    labId,
    status,
    checksPassed: grade?.counts.pass ?? 0,
    checksTotal: grade ? grade.counts.pass + grade.counts.fail + grade.counts.unknown : 0,
    assisted: context.assisted === true,
    hintsUsed: context.hintsRevealed ?? 0,
    timeSeconds: Math.max(0, Math.round((stop - start) / 1000)),
    sessionId,
  };
}

const notStarted = (labId: string): DashboardCell => ({ labId, status: 'not-started', checksPassed: 0, checksTotal: 0, assisted: false, hintsUsed: 0, timeSeconds: 0 });

/** Rows of the dashboard; `onlyLearner` narrows to one learner (the reset action's answer). */
export async function dashboardRows(db: SqlClient, workshop: WorkshopRecord, options: { onlyLearner?: string; now?: number } = {}): Promise<DashboardRow[]> {
  const now = options.now ?? Date.now();
  const params: string[] = [learnerOwnerPrefix, workshop.id];
  let filter = '';
  if (options.onlyLearner) (filter = ' AND l.id = ?'), params.push(options.onlyLearner);
  // Sessions newest first within a learner: the first one seen per lab is the latest run.
  const rows = await db.all<JoinedRow>(
    `SELECT l.id AS learner_id, l.display_name, l.joined_at, l.tenant,
            s.id AS session_id, s.lab_id, s.state, s.context, s.created_at
     FROM workshop_learners l
     LEFT JOIN lab_sessions s ON s.owner = ? || l.id
     WHERE l.workshop_id = ?${filter}
     ORDER BY l.joined_at, l.id, s.created_at DESC, s.id DESC`,
    params,
  );
  const byLearner = new Map<string, { row: DashboardRow; cells: Map<string, DashboardCell> }>();
  for (const r of rows) {
    let entry = byLearner.get(r.learner_id);
    if (!entry) {
      const tenant = r.tenant ? (JSON.parse(r.tenant) as Tenant) : undefined;
      entry = { row: { learnerId: r.learner_id, displayName: r.display_name, joinedAt: r.joined_at, accountId: tenant?.accountId ?? '', labs: [] }, cells: new Map() };
      byLearner.set(r.learner_id, entry);
    }
    if (!r.session_id || !r.lab_id || entry.cells.has(r.lab_id) || !workshop.labIds.includes(r.lab_id)) continue;
    entry.cells.set(r.lab_id, cellOf(r.lab_id, r.session_id, r.state!, JSON.parse(r.context!) as SessionContext, r.created_at!, now));
  }
  return [...byLearner.values()].map(({ row, cells }) => ({ ...row, labs: workshop.labIds.map((id) => cells.get(id) ?? notStarted(id)) }));
}

export async function assembleDashboard(db: SqlClient, workshop: WorkshopRecord, messages: WorkshopMessage[], now = Date.now()): Promise<Dashboard> {
  return {
    workshopId: workshop.id,
    generatedAt: new Date(now).toISOString(),
    state: workshopState(workshop, now),
    endsAt: workshop.endsAt,
    rows: await dashboardRows(db, workshop, { now }),
    messages,
  };
}
