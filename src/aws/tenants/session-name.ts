/**
 * The role session name of a pool learner: `mlsec-<workshop>-<learner>`, which is what CloudTrail
 * shows as the caller in the pool account. AWS allows 2–64 characters of `[\w+=,.@-]`; anything
 * else becomes `-`, and a name that would be too long is cut and ends with a short hash of the full
 * ids, so two learners never share a session name.
 */
import { createHash } from 'node:crypto';

const MAX = 64;
const INVALID = /[^\w+=,.@-]/g;

export function learnerSessionName(workshopId: string, learnerId: string): string {
  const name = `mlsec-${workshopId}-${learnerId}`.replace(INVALID, '-');
  if (name.length <= MAX) return name;
  const hash = createHash('sha256').update(`${workshopId}\n${learnerId}`).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX - hash.length - 1)}-${hash}`;
}
