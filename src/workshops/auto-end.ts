/**
 * Ends workshops whose end time passed a while ago and that nobody ended, so learners' lab
 * environments (on a real account pool: resources that cost money) do not stay up forever when an
 * instructor forgets to press "end". The grace period (MLSEC_WORKSHOP_AUTO_END_MINUTES, default 60;
 * `off` disables it) leaves time to extend an overrunning workshop first. Each workshop is claimed
 * in the database before it is ended, so several app instances never end the same one twice.
 */
import type { EndReport } from './types.ts';
import { endWorkshop } from './workshop-service.ts';
import type { WorkshopRuntime } from './workshop-runtime.ts';

export interface AutoEndOptions {
  graceMinutes: number;
  intervalMs?: number;
  onEnded?: (workshopId: string, report: EndReport) => void;
  onError?: (error: unknown) => void;
}

export function autoEndGraceFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.MLSEC_WORKSHOP_AUTO_END_MINUTES;
  if (value === undefined || value === '') return 60;
  if (value === 'off') return undefined;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 0) throw new Error(`MLSEC_WORKSHOP_AUTO_END_MINUTES must be a whole number of minutes or "off", got "${value}".`);
  return minutes;
}

/** One pass: ends every workshop past its end by more than the grace period. */
export async function autoEndWorkshops(wrt: WorkshopRuntime, options: AutoEndOptions, now = Date.now()): Promise<string[]> {
  const cutoff = new Date(now - options.graceMinutes * 60_000).toISOString();
  const due = await wrt.db.all<{ id: string }>('SELECT id FROM workshops WHERE ended_at IS NULL AND ends_at < ? ORDER BY ends_at', [cutoff]);
  const ended: string[] = [];
  for (const { id } of due) {
    if (!(await wrt.workshops.claimEnd(id))) continue;
    try {
      const { report } = await endWorkshop(wrt, (await wrt.workshops.get(id))!);
      ended.push(id);
      options.onEnded?.(id, report);
    } catch (error) {
      options.onError?.(error);
    }
  }
  return ended;
}

export function startAutoEnd(wrt: WorkshopRuntime, options: AutoEndOptions): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    autoEndWorkshops(wrt, options)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (running = false));
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
