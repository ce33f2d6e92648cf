/**
 * The ScheduleExpression grammar Model Monitor accepts (API reference, ScheduleConfig):
 *   NOW                       one run, immediately (needs DataAnalysisStartTime and DataAnalysisEndTime)
 *   cron(0 * ? * * *)         every hour
 *   cron(0 H ? * * *)         every day at hour H (0–23, one or two digits)
 *   cron(0 H/N ? * * *)       every N hours (1–24) from hour H
 * Anything else is refused, as SageMaker refuses it.
 */

export type Schedule =
  | { readonly kind: 'now' }
  | { readonly kind: 'hourly' }
  | { readonly kind: 'daily'; readonly hour: number }
  | { readonly kind: 'every'; readonly startHour: number; readonly hours: number };

const CRON = /^cron\(\s*0\s+(\*|\d{1,2}(?:\/\d{1,2})?)\s+\?\s+\*\s+\*\s+\*\s*\)$/;

/** The schedule an expression means, or undefined when Model Monitor would refuse it. */
export function parseScheduleExpression(expression: string): Schedule | undefined {
  if (expression === 'NOW') return { kind: 'now' };
  const m = CRON.exec(expression);
  if (!m) return undefined;
  const hours = m[1]!;
  if (hours === '*') return { kind: 'hourly' };
  const [start, every] = hours.split('/') as [string, string?];
  const hour = Number(start);
  if (hour > 23) return undefined;
  if (every === undefined) return { kind: 'daily', hour };
  const n = Number(every);
  if (n < 1 || n > 24) return undefined;
  return { kind: 'every', startHour: hour, hours: n };
}

/** The canonical text of a schedule (what parseScheduleExpression reads back to the same schedule). */
export function formatSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'now': return 'NOW';
    case 'hourly': return 'cron(0 * ? * * *)';
    case 'daily': return `cron(0 ${schedule.hour} ? * * *)`;
    case 'every': return `cron(0 ${schedule.startHour}/${schedule.hours} ? * * *)`;
  }
}

export const SCHEDULE_HELP = 'Model Monitor supports NOW, cron(0 * ? * * *) (hourly), cron(0 H ? * * *) (daily at hour H, 0-23) and cron(0 H/N ? * * *) (every N hours, 1-24, from hour H).';
