/**
 * Workshops, their learners and messages in SQL. Learners' session cookies are stored as SHA-256
 * only; display names are unique per workshop regardless of case (`display_key`).
 */
import type { TargetDescription } from '../aws/index.ts';
import type { SqlClient } from '../db/index.ts';
import { newId, newJoinCode, newSecret, sha256 } from './tokens.ts';
import type { EndReport, Workshop, WorkshopMessage, WorkshopState } from './types.ts';
import type { Tenant } from './tenants.ts';

export interface WorkshopRecord {
  id: string;
  instructorId: string;
  title: string;
  labIds: string[];
  startsAt: string;
  endsAt: string;
  maxLearners: number;
  leaderboard: boolean;
  joinCode: string;
  target: TargetDescription;
  createdAt: string;
  endedAt?: string;
  endReport?: EndReport;
}

export interface WorkshopLearner {
  id: string;
  workshopId: string;
  displayName: string;
  csrfToken: string;
  tenant?: Tenant;
  joinedAt: string;
}

interface WorkshopRow {
  id: string;
  instructor_id: string;
  title: string;
  lab_ids: string;
  starts_at: string;
  ends_at: string;
  max_learners: number;
  leaderboard: number;
  join_code: string;
  target: string;
  created_at: string;
  ended_at: string | null;
  end_report: string | null;
}

interface LearnerRow {
  id: string;
  workshop_id: string;
  display_name: string;
  csrf_token: string;
  tenant: string | null;
  joined_at: string;
}

const fromWorkshopRow = (r: WorkshopRow): WorkshopRecord => ({
  id: r.id,
  instructorId: r.instructor_id,
  title: r.title,
  labIds: JSON.parse(r.lab_ids) as string[],
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  maxLearners: Number(r.max_learners),
  leaderboard: Number(r.leaderboard) === 1,
  joinCode: r.join_code,
  target: JSON.parse(r.target) as TargetDescription,
  createdAt: r.created_at,
  endedAt: r.ended_at ?? undefined,
  endReport: r.end_report ? (JSON.parse(r.end_report) as EndReport) : undefined,
});

const fromLearnerRow = (r: LearnerRow): WorkshopLearner => ({
  id: r.id,
  workshopId: r.workshop_id,
  displayName: r.display_name,
  csrfToken: r.csrf_token,
  tenant: r.tenant ? (JSON.parse(r.tenant) as Tenant) : undefined,
  joinedAt: r.joined_at,
});

export function workshopState(w: Pick<WorkshopRecord, 'startsAt' | 'endsAt' | 'endedAt'>, now = Date.now()): WorkshopState {
  if (w.endedAt || Date.parse(w.endsAt) <= now) return 'ended';
  return Date.parse(w.startsAt) > now ? 'scheduled' : 'running';
}

export function toWorkshop(w: WorkshopRecord, learnerCount: number, now = Date.now()): Workshop {
  return {
    id: w.id,
    title: w.title,
    labIds: w.labIds,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    maxLearners: w.maxLearners,
    leaderboard: w.leaderboard,
    joinCode: w.joinCode,
    joinUrl: `/join?code=${w.joinCode}`,
    state: workshopState(w, now),
    target: w.target,
    learnerCount,
    createdAt: w.createdAt,
    ...(w.endedAt ? { endedAt: w.endedAt } : {}),
    ...(w.endReport ? { endReport: w.endReport } : {}),
  };
}

/** Raised by `join` for the cases the route maps to 404/409. */
export class JoinRefused extends Error {
  readonly reason: 'unknown-code' | 'full' | 'ended' | 'name-taken';
  constructor(reason: JoinRefused['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

export class WorkshopStore {
  #db: SqlClient;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  async create(input: Omit<WorkshopRecord, 'id' | 'joinCode' | 'createdAt' | 'endedAt' | 'endReport'>): Promise<WorkshopRecord> {
    const createdAt = new Date().toISOString();
    // 40-bit codes rarely collide; the UNIQUE constraint decides, and a collision draws again.
    for (let attempt = 0; ; attempt++) {
      const record: WorkshopRecord = { ...input, id: newId('ws'), joinCode: newJoinCode(), createdAt };
      try {
        await this.#db.run(
          'INSERT INTO workshops (id, instructor_id, title, lab_ids, starts_at, ends_at, max_learners, leaderboard, join_code, target, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [record.id, record.instructorId, record.title, JSON.stringify(record.labIds), record.startsAt, record.endsAt, record.maxLearners, record.leaderboard ? 1 : 0, record.joinCode, JSON.stringify(record.target), createdAt],
        );
        return record;
      } catch (error) {
        if (attempt >= 4 || !/unique|duplicate/i.test((error as Error).message)) throw error;
      }
    }
  }

  async get(id: string): Promise<WorkshopRecord | undefined> {
    const row = await this.#db.get<WorkshopRow>('SELECT * FROM workshops WHERE id = ?', [id]);
    return row && fromWorkshopRow(row);
  }

  async byCode(code: string): Promise<WorkshopRecord | undefined> {
    const row = await this.#db.get<WorkshopRow>('SELECT * FROM workshops WHERE join_code = ?', [code]);
    return row && fromWorkshopRow(row);
  }

  /** An instructor's workshops with their learner counts, newest first (one query). */
  async listOwn(instructorId: string): Promise<{ record: WorkshopRecord; learnerCount: number }[]> {
    const rows = await this.#db.all<WorkshopRow & { learner_count: number }>(
      `SELECT w.*, (SELECT COUNT(*) FROM workshop_learners l WHERE l.workshop_id = w.id) AS learner_count
       FROM workshops w WHERE w.instructor_id = ? ORDER BY w.created_at DESC, w.id`,
      [instructorId],
    );
    return rows.map((r) => ({ record: fromWorkshopRow(r), learnerCount: Number(r.learner_count) }));
  }

  async learnerCount(workshopId: string): Promise<number> {
    const row = await this.#db.get<{ n: number }>('SELECT COUNT(*) AS n FROM workshop_learners WHERE workshop_id = ?', [workshopId]);
    return Number(row?.n ?? 0);
  }

  async extend(id: string, minutes: number): Promise<WorkshopRecord> {
    const w = await this.get(id);
    if (!w) throw new Error(`no workshop ${id}`);
    // From the later of the planned end and now, so extending an overrun workshop gives real time.
    const base = Math.max(Date.parse(w.endsAt), Date.now());
    const endsAt = new Date(base + minutes * 60_000).toISOString();
    await this.#db.run('UPDATE workshops SET ends_at = ? WHERE id = ?', [endsAt, id]);
    return { ...w, endsAt };
  }

  /** Marks the workshop ended if nobody did yet; true for the caller that did (one instance wins). */
  async claimEnd(id: string, at = new Date().toISOString()): Promise<boolean> {
    return (await this.#db.run('UPDATE workshops SET ended_at = ? WHERE id = ? AND ended_at IS NULL', [at, id])).changes === 1;
  }

  async markEnded(id: string, at = new Date().toISOString()): Promise<void> {
    await this.#db.run('UPDATE workshops SET ended_at = COALESCE(ended_at, ?) WHERE id = ?', [at, id]);
  }

  async saveEndReport(id: string, report: EndReport): Promise<void> {
    await this.#db.run('UPDATE workshops SET end_report = ? WHERE id = ?', [JSON.stringify(report), id]);
  }

  /**
   * Adds a learner if the workshop has room and the name is free, in one transaction (so two joins
   * cannot both take the last seat). Returns the learner and the session cookie value.
   */
  async join(workshop: WorkshopRecord, displayName: string, now = new Date()): Promise<{ learner: WorkshopLearner; cookie: string }> {
    const cookie = newSecret();
    const learner: WorkshopLearner = { id: newId('wl'), workshopId: workshop.id, displayName, csrfToken: newSecret(), joinedAt: now.toISOString() };
    const key = displayName.toLocaleLowerCase('en');
    await this.#db.transaction(async (tx) => {
      // Locks the workshop's row (PostgreSQL; SQLite's transaction locks the file), so concurrent
      // joins on several instances are counted one after another.
      await tx.run('UPDATE workshops SET max_learners = max_learners WHERE id = ?', [workshop.id]);
      const taken = await tx.get('SELECT 1 AS taken FROM workshop_learners WHERE workshop_id = ? AND display_key = ?', [workshop.id, key]);
      if (taken) throw new JoinRefused('name-taken', `Somebody in this workshop already uses the name "${displayName}". Choose another display name.`);
      const count = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM workshop_learners WHERE workshop_id = ?', [workshop.id]);
      if (Number(count?.n ?? 0) >= workshop.maxLearners) throw new JoinRefused('full', `The workshop is full (${workshop.maxLearners} learners). Ask the instructor to raise the limit or to open another workshop.`);
      await tx.run('INSERT INTO workshop_learners (id, workshop_id, display_name, display_key, session_hash, csrf_token, tenant, joined_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)', [
        learner.id,
        workshop.id,
        displayName,
        key,
        sha256(cookie),
        learner.csrfToken,
        learner.joinedAt,
      ]);
    });
    return { learner, cookie };
  }

  async learnerBySession(cookie: string | undefined): Promise<WorkshopLearner | undefined> {
    if (!cookie || cookie.length > 100) return undefined;
    const row = await this.#db.get<LearnerRow>('SELECT id, workshop_id, display_name, csrf_token, tenant, joined_at FROM workshop_learners WHERE session_hash = ?', [sha256(cookie)]);
    return row && fromLearnerRow(row);
  }

  async learner(id: string): Promise<WorkshopLearner | undefined> {
    const row = await this.#db.get<LearnerRow>('SELECT id, workshop_id, display_name, csrf_token, tenant, joined_at FROM workshop_learners WHERE id = ?', [id]);
    return row && fromLearnerRow(row);
  }

  async learners(workshopId: string): Promise<WorkshopLearner[]> {
    const rows = await this.#db.all<LearnerRow>('SELECT id, workshop_id, display_name, csrf_token, tenant, joined_at FROM workshop_learners WHERE workshop_id = ? ORDER BY joined_at, id', [workshopId]);
    return rows.map(fromLearnerRow);
  }

  /**
   * Stores the learner's tenant unless one is already there; returns the one that is stored. Two
   * learners can never hold the same tenant: `tenant_id` is unique (a duplicate lease throws).
   */
  async setTenantIfAbsent(learnerId: string, tenant: Tenant): Promise<{ stored: Tenant; won: boolean }> {
    const { changes } = await this.#db.run('UPDATE workshop_learners SET tenant = ?, tenant_id = ? WHERE id = ? AND tenant IS NULL', [JSON.stringify(tenant), tenant.id, learnerId]);
    if (changes === 1) return { stored: tenant, won: true };
    const current = await this.learner(learnerId);
    return { stored: current!.tenant!, won: false };
  }

  /** Every tenant held by a learner and not released yet, in any workshop (the pool's leases). */
  async tenantsInUse(): Promise<Tenant[]> {
    const rows = await this.#db.all<{ tenant: string }>('SELECT tenant FROM workshop_learners WHERE tenant_id IS NOT NULL');
    return rows.map((r) => JSON.parse(r.tenant) as Tenant);
  }

  /** Keeps the tenant's description (its account id stays on the results) marked as released. */
  async markTenantReleased(learnerId: string, tenant: Tenant & { releasedAt: string }): Promise<void> {
    await this.#db.run('UPDATE workshop_learners SET tenant = ?, tenant_id = NULL WHERE id = ?', [JSON.stringify(tenant), learnerId]);
  }

  async addMessage(workshopId: string, text: string): Promise<WorkshopMessage> {
    const message = { id: newId('msg'), at: new Date().toISOString(), text };
    await this.#db.run('INSERT INTO workshop_messages (id, workshop_id, at, text) VALUES (?, ?, ?, ?)', [message.id, workshopId, message.at, text]);
    return message;
  }

  async messages(workshopId: string): Promise<WorkshopMessage[]> {
    return this.#db.all<WorkshopMessage>('SELECT id, at, text FROM workshop_messages WHERE workshop_id = ? ORDER BY at, id', [workshopId]);
  }
}
