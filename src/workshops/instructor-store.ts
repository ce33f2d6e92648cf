/**
 * Instructor accounts (email, display name, scrypt hash) and their sign-in sessions. A session's
 * cookie value is never stored: the table keys sessions by its SHA-256, next to the CSRF token the
 * pages send back in `x-csrf-token`.
 */
import type { SqlClient } from '../db/index.ts';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { newId, newSecret, sha256 } from './tokens.ts';
import type { Instructor } from './types.ts';

export const instructorSessionHours = 12;

export class InstructorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstructorError';
  }
}

export interface InstructorSession {
  instructor: Instructor;
  csrfToken: string;
  expiresAt: string;
}

interface InstructorRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
}

const toInstructor = (row: InstructorRow): Instructor => ({ id: row.id, email: row.email, displayName: row.display_name });

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class InstructorStore {
  #db: SqlClient;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  async create(input: { email: string; displayName: string; password: string }): Promise<Instructor> {
    const email = normaliseEmail(input.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new InstructorError(`"${input.email}" is not an email address.`);
    const displayName = input.displayName.trim();
    if (!displayName || displayName.length > 80) throw new InstructorError('The name must be 1 to 80 characters.');
    const problem = passwordProblem(input.password);
    if (problem) throw new InstructorError(problem);
    if (await this.byEmail(email)) throw new InstructorError(`An instructor with the email ${email} already exists. Use \`npm run instructor -- reset-password --email ${email}\` to change their password.`);
    const at = new Date().toISOString();
    const id = newId('ins');
    await this.#db.run('INSERT INTO instructors (id, email, display_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [id, email, displayName, await hashPassword(input.password), at, at]);
    return { id, email, displayName };
  }

  async byEmail(email: string): Promise<Instructor | undefined> {
    const row = await this.#db.get<InstructorRow>('SELECT * FROM instructors WHERE email = ?', [normaliseEmail(email)]);
    return row && toInstructor(row);
  }

  async list(): Promise<(Instructor & { createdAt: string })[]> {
    const rows = await this.#db.all<InstructorRow>('SELECT * FROM instructors ORDER BY created_at');
    return rows.map((r) => ({ ...toInstructor(r), createdAt: r.created_at }));
  }

  /** Changes the password and signs the instructor out everywhere. */
  async resetPassword(email: string, password: string): Promise<Instructor> {
    const instructor = await this.byEmail(email);
    if (!instructor) throw new InstructorError(`There is no instructor with the email ${normaliseEmail(email)}. See them with \`npm run instructor -- list\`.`);
    const problem = passwordProblem(password);
    if (problem) throw new InstructorError(problem);
    await this.#db.transaction(async (tx) => {
      await tx.run('UPDATE instructors SET password_hash = ?, updated_at = ? WHERE id = ?', [await hashPassword(password), new Date().toISOString(), instructor.id]);
      await tx.run('DELETE FROM instructor_sessions WHERE instructor_id = ?', [instructor.id]);
    });
    return instructor;
  }

  /** The instructor when the password is right; undefined otherwise (same time for an unknown email). */
  async authenticate(email: string, password: string): Promise<Instructor | undefined> {
    const row = await this.#db.get<InstructorRow>('SELECT * FROM instructors WHERE email = ?', [normaliseEmail(email)]);
    const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
    return row && ok ? toInstructor(row) : undefined;
  }

  /** Starts a session; returns the cookie value (shown once, never stored) and the CSRF token. */
  async startSession(instructor: Instructor, now = new Date()): Promise<{ cookie: string } & InstructorSession> {
    const cookie = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + instructorSessionHours * 3_600_000).toISOString();
    await this.#db.run('DELETE FROM instructor_sessions WHERE expires_at < ?', [now.toISOString()]);
    await this.#db.run('INSERT INTO instructor_sessions (id_hash, instructor_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [sha256(cookie), instructor.id, csrfToken, now.toISOString(), expiresAt]);
    return { cookie, instructor, csrfToken, expiresAt };
  }

  async session(cookie: string | undefined, now = new Date()): Promise<InstructorSession | undefined> {
    if (!cookie || cookie.length > 100) return undefined;
    const row = await this.#db.get<InstructorRow & { csrf_token: string; expires_at: string }>(
      'SELECT i.*, s.csrf_token, s.expires_at FROM instructor_sessions s JOIN instructors i ON i.id = s.instructor_id WHERE s.id_hash = ?',
      [sha256(cookie)],
    );
    if (!row || row.expires_at <= now.toISOString()) return undefined;
    return { instructor: toInstructor(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async endSession(cookie: string): Promise<void> {
    await this.#db.run('DELETE FROM instructor_sessions WHERE id_hash = ?', [sha256(cookie)]);
  }
}
