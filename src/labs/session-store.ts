/**
 * Where lab sessions live between requests and restarts. The interface is what the session service
 * needs; `sqlSessionStore` implements it on any `SqlClient` (SQLite, or PostgreSQL shared by several
 * app instances) with optimistic versioning, so two processes can never both advance the same session.
 */
import type { TargetDescription } from '../aws/index.ts';
import type { SqlClient } from '../db/index.ts';
import type { SessionContext } from './session-machine.ts';

/** Who is acting on a session right now (a process), so another one does not act at the same time. */
export interface SessionLease {
  pid: number;
  host: string;
  token: string;
  heartbeatAt: string;
}

export interface SessionRecord {
  id: string;
  labId: string;
  /** Whose session it is: `local` for the CLI, a learner id in the web app and workshops. */
  owner: string;
  runId: string;
  target: TargetDescription;
  /** The machine's state value (`ready`, `failed` …). */
  state: string;
  context: SessionContext;
  active: boolean;
  /** Incremented on every write; writes name the version they read. */
  version: number;
  lease?: SessionLease;
  createdAt: string;
  updatedAt: string;
  expiresAt?: string;
}

export interface SessionEventRecord {
  id: number;
  sessionId: string;
  at: string;
  type: string;
  detail: Record<string, unknown>;
}

export class SessionConflictError extends Error {
  constructor(id: string) {
    super(`Session ${id} was changed by another process at the same time. Nothing was lost; run the command again.`);
    this.name = 'SessionConflictError';
  }
}

export interface SessionFilter {
  owner?: string;
  labId?: string;
  active?: boolean;
}

export interface LabSessionStore {
  insert(record: SessionRecord): Promise<void>;
  /**
   * Inserts `record` unless its owner already has an active session of the same lab — atomically,
   * so two servers sharing the database cannot both start one. Returns that session when there is one.
   */
  insertUnlessActive(record: SessionRecord): Promise<SessionRecord | undefined>;
  get(id: string): Promise<SessionRecord | undefined>;
  /** Cheap change detection for live views: the version and last write time, without the record. */
  stamp(id: string): Promise<{ version: number; updatedAt: string } | undefined>;
  /** Writes `record` if the stored version is still `expectedVersion`; returns it with the next version. */
  update(record: SessionRecord, expectedVersion: number): Promise<SessionRecord>;
  /** Newest first. */
  list(filter?: SessionFilter): Promise<SessionRecord[]>;
  appendEvent(sessionId: string, type: string, detail: Record<string, unknown>): Promise<void>;
  events(sessionId: string): Promise<SessionEventRecord[]>;
}

interface Row {
  id: string;
  lab_id: string;
  owner: string;
  run_id: string;
  target: string;
  state: string;
  context: string;
  active: number;
  version: number;
  lease: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
}

function fromRow(row: Row): SessionRecord {
  return {
    id: row.id,
    labId: row.lab_id,
    owner: row.owner,
    runId: row.run_id,
    target: JSON.parse(row.target) as TargetDescription,
    state: row.state,
    context: JSON.parse(row.context) as SessionContext,
    active: Number(row.active) === 1,
    version: Number(row.version),
    lease: row.lease ? (JSON.parse(row.lease) as SessionLease) : undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at ?? undefined,
  };
}

const insertSql =
  'INSERT INTO lab_sessions (id, lab_id, owner, run_id, target, state, context, active, version, lease, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

function insertParams(r: SessionRecord) {
  return [r.id, r.labId, r.owner, r.runId, JSON.stringify(r.target), r.state, JSON.stringify(r.context), r.active ? 1 : 0, r.version, r.lease ? JSON.stringify(r.lease) : null, r.createdAt, r.updatedAt, r.expiresAt ?? null];
}

export function sqlSessionStore(db: SqlClient): LabSessionStore {
  return {
    async insert(r) {
      await db.run(insertSql, insertParams(r));
    },
    async insertUnlessActive(r) {
      // One transaction: SQLite runs it alone; PostgreSQL runs it serializable and retries the
      // loser of a race, which then finds the winner's session.
      return db.transaction(async (tx) => {
        const existing = await tx.get<Row>('SELECT * FROM lab_sessions WHERE owner = ? AND lab_id = ? AND active = 1 ORDER BY updated_at DESC, id DESC', [r.owner, r.labId]);
        if (existing) return fromRow(existing);
        await tx.run(insertSql, insertParams(r));
        return undefined;
      });
    },
    async get(id) {
      const row = await db.get<Row>('SELECT * FROM lab_sessions WHERE id = ?', [id]);
      return row ? fromRow(row) : undefined;
    },
    async stamp(id) {
      const row = await db.get<{ version: number; updated_at: string }>('SELECT version, updated_at FROM lab_sessions WHERE id = ?', [id]);
      return row && { version: Number(row.version), updatedAt: row.updated_at };
    },
    async update(r, expectedVersion) {
      const next: SessionRecord = { ...r, version: expectedVersion + 1, updatedAt: new Date().toISOString() };
      const { changes } = await db.run(
        'UPDATE lab_sessions SET run_id = ?, state = ?, context = ?, active = ?, version = ?, lease = ?, updated_at = ?, expires_at = ? WHERE id = ? AND version = ?',
        [next.runId, next.state, JSON.stringify(next.context), next.active ? 1 : 0, next.version, next.lease ? JSON.stringify(next.lease) : null, next.updatedAt, next.expiresAt ?? null, next.id, expectedVersion],
      );
      if (changes !== 1) throw new SessionConflictError(r.id);
      return next;
    },
    async list(filter = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.owner !== undefined) where.push('owner = ?'), params.push(filter.owner);
      if (filter.labId !== undefined) where.push('lab_id = ?'), params.push(filter.labId);
      if (filter.active !== undefined) where.push('active = ?'), params.push(filter.active ? 1 : 0);
      const rows = await db.all<Row>(`SELECT * FROM lab_sessions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC`, params);
      return rows.map(fromRow);
    },
    async appendEvent(sessionId, type, detail) {
      await db.run('INSERT INTO lab_session_events (session_id, at, type, detail) VALUES (?, ?, ?, ?)', [sessionId, new Date().toISOString(), type, JSON.stringify(detail)]);
    },
    async events(sessionId) {
      const rows = await db.all<{ id: number; session_id: string; at: string; type: string; detail: string }>('SELECT * FROM lab_session_events WHERE session_id = ? ORDER BY id', [sessionId]);
      return rows.map((r) => ({ id: Number(r.id), sessionId: r.session_id, at: r.at, type: r.type, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    },
  };
}
