/**
 * What the web server keeps for the lab console, once per process: the database, the target of the
 * current environment (opened once and shared), one session service per learner, each lab
 * session's terminal files, and a lock per session so two requests never drive one session at once.
 * Sessions themselves live in the database (the service keeps nothing between calls), so a
 * restarted server, or a reloaded page, picks them up where they were.
 *
 * Several instances on one PostgreSQL database (DATABASE_URL, behind a load balancer): everything a
 * request needs is read from the database, so any instance can serve any request. What stays per
 * process is a cache or a fast path: the per-session lock (`exclusive`) refuses a second request in
 * this process at once, and across processes the session's lease — a versioned write, renewed while
 * the work runs and expiring a minute after its holder stops — refuses it (SessionBusyError or
 * SessionConflictError, both 409). Starting a lab is one atomic insert (one active session per
 * learner and lab). The terminal's files stay in the memory of the instance that wrote them
 * (see docs/deployment.md).
 */
import { join } from 'node:path';
import { openTarget, targetSettingsFromEnv, type Target } from '../aws/index.ts';
import { openDatabase, type SqlClient } from '../db/index.ts';
import { LabSessionService, sqlSessionStore, type LabSessionStore, type LoadedLab, type SessionRecord } from '../labs/index.ts';
import { leaseAlive } from '../labs/session-service.ts';
import { isInFlight } from '../labs/session-machine.ts';
import { createMemoryFileStore, type MemoryFileStore } from '../aws-cli/index.ts';
import { conflict, notFound } from './api.ts';
import { LearnerStore, sessionOwner } from './learners.ts';
import { ProgressStore } from './progress.ts';
import type { LabDefinition } from '../labs/index.ts';

export interface ConsoleRuntime {
  db: SqlClient;
  learners: LearnerStore;
  sessions: LabSessionStore;
  progress: ProgressStore;
  target(): Promise<Target>;
  /** The lab by id, from the labs the site was built with; a ResourceNotFoundException otherwise. */
  lab(id: string): LoadedLab;
  labIds(): string[];
  serviceFor(learnerId: string): LabSessionService;
  /** The terminal's files (`file://…`) of one session; in memory, gone with the process. */
  files(sessionId: string): MemoryFileStore;
  /** Runs `fn` unless another request is already acting on the session (then a ConflictException). */
  exclusive<T>(sessionId: string, what: string, fn: () => Promise<T>): Promise<T>;
  /**
   * The action in progress on a session, if any (for the page: "checking…"): one this process runs,
   * or — given the stored record — one another process or app instance holds the lease for.
   */
  busy(sessionId: string, record?: SessionRecord): string | undefined;
}

let runtime: Promise<ConsoleRuntime> | undefined;

/** The process's console runtime over the labs the site was built with. */
export function consoleRuntime(labs: () => { id: string; definition: LabDefinition }[]): Promise<ConsoleRuntime> {
  runtime ??= createConsoleRuntime(labs).catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

export async function createConsoleRuntime(labs: () => { id: string; definition: LabDefinition }[], options: { db?: SqlClient; openTarget?: () => Promise<Target> } = {}): Promise<ConsoleRuntime> {
  const db = options.db ?? (await openDatabase());
  const sessions = sqlSessionStore(db);
  const learners = new LearnerStore(db);
  let target: Promise<Target> | undefined;
  const sharedTarget = () => {
    target ??= (options.openTarget ?? (() => openTarget(targetSettingsFromEnv())))().catch((error: unknown) => {
      target = undefined;
      throw error;
    });
    return target;
  };
  const lab = (id: string): LoadedLab => {
    const found = labs().find((l) => l.id === id);
    if (!found) throw notFound(`There is no lab "${id}". Labs: ${labs().map((l) => l.id).join(', ')}.`);
    // The site bundles the labs; the folder and brief are only needed by the CLI's loader.
    return { definition: found.definition, dir: join('labs', id), brief: '', briefFile: join('labs', id, 'brief.mdx') };
  };
  const services = new Map<string, LabSessionService>();
  const files = new Map<string, MemoryFileStore>();
  const running = new Map<string, string>();

  return {
    db,
    learners,
    sessions,
    progress: new ProgressStore(db, sessions),
    target: sharedTarget,
    lab,
    labIds: () => labs().map((l) => l.id),
    serviceFor(learnerId) {
      let service = services.get(learnerId);
      if (!service) {
        service = new LabSessionService({ store: sessions, loadLab: async (id) => lab(id), openTarget: sharedTarget, owner: sessionOwner(learnerId) });
        // Bounded: a service holds only SDK clients, which are cheap to build again.
        if (services.size >= 500) services.delete(services.keys().next().value!);
        services.set(learnerId, service);
      }
      return service;
    },
    files(sessionId) {
      let store = files.get(sessionId);
      if (!store) {
        store = createMemoryFileStore();
        if (files.size >= 500) files.delete(files.keys().next().value!);
        files.set(sessionId, store);
      }
      return store;
    },
    async exclusive(sessionId, what, fn) {
      const current = running.get(sessionId);
      if (current) throw conflict(`The session is busy (${current}). Wait until it finishes, then try again.`);
      running.set(sessionId, what);
      try {
        return await fn();
      } finally {
        running.delete(sessionId);
      }
    },
    // A working state shows itself; a resting one whose lease is held elsewhere (a hint, an answer,
    // or the first instant of a check, in another instance) shows as working so no action is offered.
    busy: (sessionId, record) => running.get(sessionId) ?? (record && !isInFlight(record.state) && leaseAlive(record.lease) ? 'working' : undefined),
  };
}
