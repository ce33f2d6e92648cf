/**
 * How teardown reads AWS errors. Teardown deletes what it found a moment ago; a resource that went in between (the learner deleted
 * it, a parent's deletion took it along) is the goal, not an error. Services say "gone" in their own
 * words: a not-found code, or a ValidationException "Could not find …" (SageMaker), "… does not
 * exist" (Budgets, Logs), `TrailNotFoundException` (CloudTrail).
 */
import { isNotFound, isUnsupportedOperation, toAwsErrorInfo, withThrottlingRetry, type AwsErrorInfo } from '../../aws/index.ts';

export function isGoneError(info: AwsErrorInfo): boolean {
  return isNotFound(info) || /could not find|does not exist|not ?found/i.test(`${info.code} ${info.message}`);
}

/** Runs a delete-like call (retrying throttling) and treats "it is not there" as done. */
export async function ignoreMissing(call: () => Promise<unknown>): Promise<void> {
  try {
    await withThrottlingRetry(call);
  } catch (error) {
    if (!isGoneError(toAwsErrorInfo(error))) throw error;
  }
}

/**
 * Runs a kind's listing; a target that does not implement it (moto_server has no monitoring
 * schedules or lifecycle configurations) cannot hold a resource of that kind, so it holds none.
 * Every lab that uses a service sweeps all of that service's kinds, so without this a lab that
 * runs on such a target could never finish its teardown there. Any other error still fails.
 */
export async function listOrNoneWhereUnsupported<T>(operation: string, list: () => Promise<T[]>): Promise<T[]> {
  try {
    return await list();
  } catch (error) {
    if (isUnsupportedOperation(toAwsErrorInfo(error, operation))) return [];
    throw error;
  }
}
