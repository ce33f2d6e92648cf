/**
 * Who is calling: an instructor (cookie `mlsec_instructor`, SameSite=Strict) or a workshop learner
 * (cookie `mlsec_workshop_learner`, SameSite=Lax so the join link works from a chat message). Both
 * HttpOnly, Path=/, Secure on https; the values are 32 random bytes and the database keeps their
 * SHA-256 only. Instructor endpoints refuse anyone else: 401 without any session, 403 for a workshop
 * learner (wrong role), 403 for another instructor's workshop.
 */
import type { AstroCookies } from 'astro';
import { notSignedIn, notYours, workshopNotFound, wrongRole } from './errors.ts';
import type { InstructorSession } from './instructor-store.ts';
import type { WorkshopRuntime } from './workshop-runtime.ts';
import type { WorkshopLearner, WorkshopRecord } from './workshop-store.ts';

export const instructorCookie = 'mlsec_instructor';
export const workshopLearnerCookie = 'mlsec_workshop_learner';

/** A learner's cookie lasts until a week after the workshop ends, so they can read their results. */
export function learnerCookieMaxAge(workshop: Pick<WorkshopRecord, 'endsAt'>, now = Date.now()): number {
  return Math.max(3600, Math.round((Date.parse(workshop.endsAt) + 7 * 86_400_000 - now) / 1000));
}

interface RequestContext {
  cookies: AstroCookies;
  url: URL;
}

export function setSessionCookie(context: RequestContext, name: string, value: string, options: { sameSite: 'strict' | 'lax'; maxAge: number }): void {
  context.cookies.set(name, value, { httpOnly: true, sameSite: options.sameSite, path: '/', maxAge: options.maxAge, ...(context.url.protocol === 'https:' ? { secure: true } : {}) });
}

export function clearSessionCookie(context: RequestContext, name: string, sameSite: 'strict' | 'lax'): void {
  context.cookies.set(name, '', { httpOnly: true, sameSite, path: '/', maxAge: 0, ...(context.url.protocol === 'https:' ? { secure: true } : {}) });
}

export async function instructorSession(wrt: WorkshopRuntime, cookies: AstroCookies): Promise<InstructorSession | undefined> {
  return wrt.instructors.session(cookies.get(instructorCookie)?.value);
}

export async function learnerSession(wrt: WorkshopRuntime, cookies: AstroCookies): Promise<WorkshopLearner | undefined> {
  return wrt.workshops.learnerBySession(cookies.get(workshopLearnerCookie)?.value);
}

/** The signed-in instructor, or 401 (nobody) / 403 (a workshop learner). */
export async function requireInstructor(wrt: WorkshopRuntime, cookies: AstroCookies): Promise<InstructorSession> {
  const session = await instructorSession(wrt, cookies);
  if (session) return session;
  if (await learnerSession(wrt, cookies)) throw wrongRole('Only instructors can do this; you are signed in as a workshop learner.');
  throw notSignedIn();
}

/** The instructor's own workshop by id: 404 when there is none, 403 when it is somebody else's. */
export async function requireOwnWorkshop(wrt: WorkshopRuntime, cookies: AstroCookies, workshopId: string | undefined): Promise<{ session: InstructorSession; workshop: WorkshopRecord }> {
  const session = await requireInstructor(wrt, cookies);
  const workshop = workshopId ? await wrt.workshops.get(workshopId) : undefined;
  if (!workshop) throw workshopNotFound();
  if (workshop.instructorId !== session.instructor.id) throw notYours();
  return { session, workshop };
}

export async function requireLearner(wrt: WorkshopRuntime, cookies: AstroCookies): Promise<WorkshopLearner> {
  const learner = await learnerSession(wrt, cookies);
  if (!learner) throw notSignedIn('Join a workshop first: open the join link your instructor shared (or /join) and enter the code.');
  return learner;
}

/** The caller's address for rate limits: the socket's, or X-Forwarded-For's first hop behind a trusted proxy (MLSEC_TRUST_PROXY=1). */
export function clientIp(context: { request: Request; clientAddress?: string }, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLSEC_TRUST_PROXY === '1') {
    const forwarded = context.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return context.clientAddress ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
