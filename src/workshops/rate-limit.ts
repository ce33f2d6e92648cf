/**
 * Fixed-window rate limits kept in the database (`rate_limits`), so every app instance behind a
 * load balancer counts against the same numbers. One upsert per attempt: the counter restarts when
 * a new window begins. `hit` counts an attempt and says whether it is allowed; over the limit it
 * returns the seconds until the window ends (the Retry-After header).
 */
import type { SqlClient } from '../db/index.ts';

export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

export class RateLimiter {
  #db: SqlClient;
  constructor(db: SqlClient) {
    this.#db = db;
  }

  async hit(key: string, rule: RateLimit, now = Date.now()): Promise<RateDecision> {
    const windowStart = Math.floor(now / 1000 / rule.windowSeconds) * rule.windowSeconds;
    const row = await this.#db.get<{ count: number; window_start: number }>(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
         window_start = excluded.window_start
       RETURNING count, window_start`,
      [key, windowStart],
    );
    const count = Number(row?.count ?? 1);
    const retryAfterSeconds = Math.max(1, Math.ceil(windowStart + rule.windowSeconds - now / 1000));
    return { allowed: count <= rule.limit, count, retryAfterSeconds };
  }

  /** Drops counters of windows long gone (called now and then; a missing row is a fresh window anyway). */
  async prune(olderThanSeconds = 24 * 3600, now = Date.now()): Promise<number> {
    return (await this.#db.run('DELETE FROM rate_limits WHERE window_start < ?', [Math.floor(now / 1000) - olderThanSeconds])).changes;
  }
}

function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}".`);
  return n;
}

export interface WorkshopRateLimits {
  loginPerIp: RateLimit;
  loginPerEmail: RateLimit;
  joinPerIp: RateLimit;
  joinPerCode: RateLimit;
}

/**
 * The limits, from the environment. A classroom often shares one public IP, so joins per IP allow a
 * full room; guessing codes is what the per-IP limit stops (40-bit codes, 200 tries per 10 minutes).
 */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkshopRateLimits {
  const window = envInt(env, 'MLSEC_RATE_WINDOW_SECONDS', 600);
  return {
    loginPerIp: { limit: envInt(env, 'MLSEC_RATE_LOGIN_PER_IP', 30), windowSeconds: window },
    loginPerEmail: { limit: envInt(env, 'MLSEC_RATE_LOGIN_PER_EMAIL', 10), windowSeconds: window },
    joinPerIp: { limit: envInt(env, 'MLSEC_RATE_JOIN_PER_IP', 200), windowSeconds: window },
    joinPerCode: { limit: envInt(env, 'MLSEC_RATE_JOIN_PER_CODE', 1000), windowSeconds: window },
  };
}
