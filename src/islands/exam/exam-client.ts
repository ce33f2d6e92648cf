/**
 * What every exam island shares: the bank (fetched once from the build-time JSON), the store
 * (sessions in progress and the drill schedule in localStorage, finished sessions also on the
 * server: src/exam/synced-store.ts), page URLs, and the bookkeeping that feeds answers into the
 * drill schedule.
 */
import { useEffect, useState } from 'react';
import {
  bankFromPayload,
  createWebStorageStore,
  newSeed,
  recordOutcomes,
  type ExamSession,
  type Outcome,
  type QuestionBank,
} from '../../exam/index.ts';
import { createSyncedStore, type SyncedExamStore, type SyncReport } from '../../exam/synced-store.ts';
import { createHttpAttemptServer } from './attempt-server.ts';

/** The bank plus the lesson ids that exist (references link only to those). */
export type ClientBank = QuestionBank & { lessons: ReadonlySet<string> };

let bankPromise: Promise<ClientBank> | undefined;

export function loadBank(): Promise<ClientBank> {
  bankPromise ??= fetch('/exams/bank.json')
    .then((response) => {
      if (!response.ok) throw new Error(`The question bank could not be loaded (HTTP ${response.status} for /exams/bank.json). Reload the page; if it persists, rebuild the site.`);
      return response.json();
    })
    .then(bankFromPayload)
    .catch((error: unknown) => {
      bankPromise = undefined;
      throw error;
    });
  return bankPromise;
}

let store: SyncedExamStore | undefined;
let firstSync: Promise<SyncReport> | undefined;

/**
 * The browser's store. The first use on a page load also sends finished sessions that are still
 * waiting for the server (`examSync()` says how that went).
 */
export function examStore(): SyncedExamStore {
  if (!store) {
    store = createSyncedStore(createWebStorageStore(window.localStorage), window.localStorage, createHttpAttemptServer());
    firstSync = store.sync().catch((error: unknown) => ({ sent: 0, pending: 0, problem: (error as Error).message, refused: [] }));
  }
  return store;
}

/** How this page load's sync with the server went. */
export function examSync(): Promise<SyncReport> {
  examStore();
  return firstSync!;
}

export function newSessionId(): string {
  return `${Date.now().toString(36)}-${newSeed().slice(0, 8)}`;
}

export const urls = {
  home: '/exams/',
  session: (id: string) => `/exams/session/?id=${encodeURIComponent(id)}`,
  results: (id: string) => `/exams/results/?id=${encodeURIComponent(id)}`,
  review: (id: string) => `/exams/review/?id=${encodeURIComponent(id)}`,
};

export function sessionIdFromUrl(): string | undefined {
  return new URLSearchParams(window.location.search).get('id') ?? undefined;
}

/**
 * Saves a session and, first, any outcomes it adds to the drill schedule. Saves run one after
 * another so that a slow save never overwrites a newer one.
 */
let saving: Promise<void> = Promise.resolve();
export function saveProgress(session: ExamSession, outcomes: readonly Outcome[], now: number): Promise<void> {
  const run = async () => {
    const s = examStore();
    if (outcomes.length) {
      const schedule = await s.loadSchedule();
      await s.saveSchedule(recordOutcomes(schedule, outcomes, now));
    }
    await s.saveSession(session);
  };
  const next = saving.then(run, run);
  saving = next.catch(() => undefined);
  return next;
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/** Runs an async loader once on mount. */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (error: unknown) => live && setLoaded({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once
  }, []);
  return loaded;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const typeLabels = {
  single: 'Multiple choice',
  multiple: 'Multiple response',
  ordering: 'Ordering',
  matching: 'Matching',
} as const;

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
export function chooseText(n: number): string {
  return `Choose ${numberWords[n] ?? n}.`;
}
