/**
 * Whether each lab can run on the current target, with the reasons when it cannot — the lab
 * engine's capability probe (the same one preflight runs before creating anything), done once for
 * the catalog and remembered for a minute so a page view costs no calls most of the time.
 */
import { createAwsClients, probeCapabilities, type AwsClients, type Target } from '../aws/index.ts';
import type { LabDefinition } from '../labs/index.ts';

export type AvailabilityStatus = 'available' | 'unavailable' | 'unknown';

export interface LabAvailability {
  status: AvailabilityStatus;
  /** Why not (unavailable), or why it is not known (unknown). */
  reasons: string[];
}

export interface CatalogAvailability {
  /** The target's label, e.g. "embedded emulator at http://127.0.0.1:4566". */
  target?: string;
  checkedAt: string;
  labs: Record<string, LabAvailability>;
  /** Set when nothing could be probed (no target, unreachable, refused). */
  problem?: string;
}

const cacheMs = 60_000;
let cached: { key: string; at: number; result: Promise<CatalogAvailability> } | undefined;

/** Probes every lab on the target (at most once a minute per set of labs); never throws. */
export function catalogAvailability(target: () => Promise<Target>, labs: readonly LabDefinition[], options: { now?: number; timeoutMs?: number; fresh?: boolean } = {}): Promise<CatalogAvailability> {
  const now = options.now ?? Date.now();
  const key = labs.map((l) => l.id).join(',');
  if (!options.fresh && cached && cached.key === key && now - cached.at < cacheMs) return cached.result;
  const result = probeAll(target, labs, options.timeoutMs ?? 8_000);
  cached = { key, at: now, result };
  // A failure is not remembered: the next view tries again.
  void result.then((r) => {
    if (r.problem && cached?.result === result) cached = undefined;
  });
  return result;
}

async function probeAll(openTarget: () => Promise<Target>, labs: readonly LabDefinition[], timeoutMs: number): Promise<CatalogAvailability> {
  const checkedAt = new Date().toISOString();
  const unknownAll = (problem: string, target?: string): CatalogAvailability => ({
    target,
    checkedAt,
    problem,
    labs: Object.fromEntries(labs.map((l) => [l.id, { status: 'unknown', reasons: [problem] }])),
  });
  let target: Target;
  try {
    target = await openTarget();
  } catch (error) {
    return unknownAll(`The lab target is not configured or cannot be opened: ${(error as Error).message}`);
  }
  const label = target.description.label;
  let aws: AwsClients | undefined;
  try {
    aws = createAwsClients(target, { connectionTimeoutMs: 2_000, requestTimeoutMs: timeoutMs });
    const clients = aws;
    const work = (async () => {
      await clients.identity();
      const entries = await Promise.all(
        labs.map(async (lab): Promise<[string, LabAvailability]> => {
          try {
            // The same needs preflight checks, including behaviour no service listing shows (`requires`).
            const report = await probeCapabilities(clients, { services: lab.services, operations: lab.operations, requires: lab.requires });
            return [lab.id, report.available ? { status: 'available', reasons: [] } : { status: 'unavailable', reasons: report.missing.map((m) => `${m.need}: ${m.reason}`) }];
          } catch (error) {
            return [lab.id, { status: 'unknown', reasons: [(error as Error).message] }];
          }
        }),
      );
      return { target: label, checkedAt, labs: Object.fromEntries(entries) } satisfies CatalogAvailability;
    })();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CatalogAvailability>((resolve) => {
      timer = setTimeout(() => resolve(unknownAll(`${label} did not answer the capability probes within ${Math.round(timeoutMs / 1000)} s.`, label)), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    const message = (error as Error).message;
    return unknownAll(`${label} cannot be used right now: ${message}${/ECONNREFUSED|connect|reach/i.test(message) ? ' Is the emulator running? `npm start` starts it.' : ''}`, label);
  } finally {
    aws?.destroy();
  }
}
