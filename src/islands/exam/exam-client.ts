/**
 * What every exam island shares: the bank (fetched once from the build-time JSON), the store
 * (localStorage for now, behind the ExamStore interface), page URLs, and the bookkeeping that
 * feeds answers into the drill schedule.
 */
import { useEffect, useState } from 'react';
import {
  bankFromPayload,
  createWebStorageStore,
  newSeed,
  recordOutcomes,
  type ExamSession,
  type ExamStore,
  type Outcome,
  type QuestionBank,
} from '../../exam/index.ts';

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

let store: ExamStore | undefined;

/** The browser's store. Swap this line for a server-backed ExamStore when accounts exist. */
export function examStore(): ExamStore {
  store ??= createWebStorageStore(window.localStorage);
  return store;
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
