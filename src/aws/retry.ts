import { isThrottling, toAwsErrorInfo } from './errors.ts';

export interface RetryOptions {
  /** Attempts in total, including the first. */
  attempts?: number;
  /** Delay before the first retry; doubles each time (full jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each retry, e.g. to report progress. */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Runs `call`, retrying only when AWS says it is throttling us (or answers 429), with exponential
 * backoff and full jitter as AWS recommends. Every other error is thrown at once: retrying
 * AccessDenied or a dead endpoint only makes the learner wait. That includes timeouts, also on a
 * loopback endpoint: there the connection timeout is long (connection-timeout.ts), so a timeout
 * means a server stuck for 30 s, not a blip — and a request that timed out may have been applied,
 * so sending a create again could duplicate it. The SDK clients are built with
 * `maxAttempts: 1`, so this is the only retry layer and the attempt count here is the real one.
 */
export async function withThrottlingRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 3_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isThrottling(toAwsErrorInfo(error))) throw error;
      const delay = Math.round(random() * Math.min(max, base * 2 ** (attempt - 1)));
      options.onRetry?.(attempt, delay, error);
      await sleep(delay);
    }
  }
}
