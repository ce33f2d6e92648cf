import { isNotFound, toAwsErrorInfo, withThrottlingRetry, type AwsErrorInfo } from '../aws/index.ts';

/**
 * A value read from AWS, or the AWS error that prevented reading it. Checks turn an error into
 * "could not check" (status unknown) with the error as evidence — never into a pass.
 */
export type Observed<T> = { ok: true; value: T } | { ok: false; error: AwsErrorInfo };

export function observedValue<T>(value: T): Observed<T> {
  return { ok: true, value };
}

export function observedError<T = never>(error: AwsErrorInfo): Observed<T> {
  return { ok: false, error };
}

export interface ObserveOptions<T> {
  /** The value that AWS's "not found" answer stands for (e.g. no bucket policy → `null`). */
  notFound?: T;
  /** Extra error codes that mean "not configured" for this call. */
  notFoundCodes?: readonly string[];
}

/**
 * Makes one AWS read with throttling retries and turns the outcome into an `Observed`. A not-found
 * answer becomes `options.notFound` when given (it is a fact: "no policy"), otherwise an error.
 */
export async function observe<T>(operation: string, call: () => Promise<T>, options: ObserveOptions<T> = {}): Promise<Observed<T>> {
  try {
    return observedValue(await withThrottlingRetry(call));
  } catch (error) {
    const info = toAwsErrorInfo(error, operation);
    const notFound = 'notFound' in options && (isNotFound(info) || options.notFoundCodes?.includes(info.code));
    if (notFound) return observedValue(options.notFound as T);
    return observedError(info);
  }
}

/** Applies `fn` to an observed value, keeping an error as it is. */
export function mapObserved<T, U>(observed: Observed<T>, fn: (value: T) => U): Observed<U> {
  return observed.ok ? observedValue(fn(observed.value)) : observed;
}
