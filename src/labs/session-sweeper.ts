/**
 * Tears down sessions nobody will come back to — past their time limit, or untouched for
 * `MLSEC_ABANDON_AFTER_HOURS` — for every owner, on a timer. `npm start` runs one, so a learner who
 * walks away from a lab does not leave its environment standing; the CLI also sweeps its own
 * sessions before `start`, `status` and `check`.
 */
import type { Target } from '../aws/index.ts';
import type { LoadedLab } from './catalog.ts';
import { LabSessionService } from './session-service.ts';
import type { LabSessionStore } from './session-store.ts';

export interface SweptSession {
  id: string;
  owner: string;
  reason: 'time-limit' | 'abandoned';
  /** The state the session ended in (`done`), or why it could not be torn down. */
  outcome: string;
}

export interface SessionSweeperOptions {
  store: LabSessionStore;
  loadLab: (id: string) => Promise<LoadedLab>;
  /** Opened only when a session is due, once per sweep. */
  openTarget: () => Promise<Target>;
  /** Default: MLSEC_ABANDON_AFTER_HOURS (24 h). */
  abandonAfterMinutes?: number;
  /** How often to sweep (default one minute). */
  intervalMs?: number;
  /** Told about every session torn down (or not) and every sweep that failed as a whole. */
  onSwept?: (session: SweptSession) => void;
  onError?: (error: unknown) => void;
}

/** One sweep over every owner's active sessions. */
export async function sweepSessions(options: SessionSweeperOptions, now = Date.now()): Promise<SweptSession[]> {
  // Workshop learners' sessions run on their own tenant, which this sweeper cannot open; the
  // workshop's end tears them down (src/workshops/workshop-service.ts).
  const owners = [...new Set((await options.store.list({ active: true })).map((r) => r.owner))].filter((owner) => !owner.startsWith('workshop-learner:'));
  if (owners.length === 0) return [];
  let opened: Promise<Target> | undefined;
  const shared = () => (opened ??= options.openTarget());
  const results: SweptSession[] = [];
  try {
    for (const owner of owners) {
      // The services share one target; closing a service must not close it.
      const service = new LabSessionService({
        store: options.store,
        loadLab: options.loadLab,
        owner,
        abandonAfterMinutes: options.abandonAfterMinutes,
        openTarget: async () => ({ ...(await shared()), close: async () => {} }),
      });
      try {
        for (const r of await service.sweep(now)) {
          const swept = { ...r, owner };
          results.push(swept);
          options.onSwept?.(swept);
        }
      } finally {
        await service.close();
      }
    }
  } finally {
    if (opened) await (await opened.catch(() => undefined))?.close();
  }
  return results;
}

export interface SessionSweeper {
  /** Sweeps now (waits for a sweep already running instead of starting a second). */
  sweepNow(): Promise<SweptSession[]>;
  stop(): Promise<void>;
}

/** Sweeps at once and then every `intervalMs`; a failed sweep is reported and retried next time. */
export function startSessionSweeper(options: SessionSweeperOptions): SessionSweeper {
  let running: Promise<SweptSession[]> | undefined;
  const sweepNow = () =>
    (running ??= sweepSessions(options)
      .catch((error: unknown) => {
        options.onError?.(error);
        return [];
      })
      .finally(() => (running = undefined)));
  const timer = setInterval(() => void sweepNow(), options.intervalMs ?? 60_000);
  timer.unref();
  void sweepNow();
  return {
    sweepNow,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
