/**
 * Rotation schedules and the simulated rotation. There is no Lambda to run, so a rotation is what a
 * correct rotation function leaves behind, minus the new password: a new version labelled
 * AWSCURRENT with the same value (the old one becomes AWSPREVIOUS), LastRotatedDate set, and the
 * next rotation date moved on. Applications reading AWSCURRENT keep working, as after a real rotation.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { AWSCURRENT, DAY_MS, smError } from './common.ts';
import type { RotationRules, Secret } from './state.ts';
import { addVersion, decryptValue, versionWith } from './values.ts';

const HOUR_MS = 3_600_000;
const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;
const DURATION = /^(\d{1,2})h$/;

export function checkRotationRules(rules: RotationRules | undefined): void {
  if (!rules) return;
  const { AutomaticallyAfterDays: days, ScheduleExpression: expression, Duration: duration } = rules;
  if (days !== undefined && expression !== undefined) throw smError('InvalidParameterException', 'Specify the rotation schedule with AutomaticallyAfterDays or with ScheduleExpression, not both.');
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 1000)) throw smError('InvalidParameterException', 'RotationRules.AutomaticallyAfterDays must be within 1-1000.');
  if (expression !== undefined) {
    const rate = RATE.exec(expression);
    if (rate) {
      const n = Number(rate[1]);
      const hours = rate[2]!.startsWith('hour');
      if (hours ? n < 4 || n > 23 : n < 1 || n > 1000) {
        throw smError('InvalidParameterException', `The schedule expression ${expression} is out of range: rotate every 4 to 23 hours with rate(N hours), or every 1 to 1000 days with rate(N days).`);
      }
    } else if (!CRON.test(expression)) {
      throw smError('InvalidParameterException', `The schedule expression ${expression} is not valid; use rate(N hours), rate(N days) or cron(minutes hours day-of-month month day-of-week year).`);
    }
  }
  if (duration !== undefined) {
    const m = DURATION.exec(duration);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 24) throw smError('InvalidParameterException', `The rotation window duration ${duration} is not valid; use 1h to 24h.`);
  }
}

/**
 * When the next rotation is due after `from`: day schedules end at the close of their UTC day (the
 * window AWS rotates in), hour schedules at the hour. Undefined for cron schedules, which the
 * emulator records but does not compute.
 */
export function nextRotationDate(rules: RotationRules | undefined, from: Date): Date | undefined {
  if (!rules) return undefined;
  let days = rules.AutomaticallyAfterDays;
  const rate = rules.ScheduleExpression ? RATE.exec(rules.ScheduleExpression) : undefined;
  if (rate && rate[2]!.startsWith('hour')) return new Date(from.getTime() + Number(rate[1]) * HOUR_MS);
  if (rate) days = Number(rate[1]);
  if (days === undefined) return undefined;
  const due = new Date(from.getTime() + days * DAY_MS);
  return new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate(), 23, 59, 59));
}

/** Performs a simulated rotation at `when`; returns the new version id, or undefined when there was no value to rotate. */
export function simulateRotation(ctx: RequestContext, secret: Secret, versionId: string, when: Date): string | undefined {
  const current = versionWith(secret, AWSCURRENT);
  const value = current && decryptValue(ctx, secret, current);
  let created: string | undefined;
  if (value && !secret.versions.has(versionId)) {
    addVersion({ ...ctx, now: when }, secret, versionId, value, [AWSCURRENT]);
    created = versionId;
  }
  secret.rotation.lastRotatedDate = when;
  secret.lastChangedDate = when;
  secret.rotation.nextRotationDate = nextRotationDate(secret.rotation.rules, when);
  return created;
}

/**
 * The version id of a scheduled rotation, derived from the secret and the due date: a rotation
 * performed during a read (which alone is not persisted) gets the same id when redone after a restart.
 */
function scheduledVersionId(arn: string, due: Date): string {
  const h = createHash('sha256').update(`${arn}@${due.toISOString()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Rotations that fell due while nobody looked: one rotation at its due date, then the schedule continues. */
export function catchUpRotation(ctx: RequestContext, secret: Secret): void {
  const due = secret.rotation.nextRotationDate;
  if (!secret.rotation.enabled || secret.deletedDate || !due || due.getTime() > ctx.now.getTime()) return;
  // Whatever happens next changes the secret, also when the call only reads (DescribeSecret …).
  ctx.stateChanged();
  try {
    simulateRotation(ctx, secret, scheduledVersionId(secret.arn, due), due);
  } catch {
    // The key cannot be used (disabled, deleted): a real rotation would fail too; try again later.
    secret.rotation.nextRotationDate = nextRotationDate(secret.rotation.rules, ctx.now);
    return;
  }
  const next = secret.rotation.nextRotationDate;
  if (next && next.getTime() <= ctx.now.getTime()) secret.rotation.nextRotationDate = nextRotationDate(secret.rotation.rules, ctx.now);
}
