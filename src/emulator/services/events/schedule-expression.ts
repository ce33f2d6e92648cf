/**
 * EventBridge schedule expressions: rate(value unit) and cron(minutes hours day-of-month month
 * day-of-week year), checked the way EventBridge checks them (a bad one is
 * "Parameter ScheduleExpression is not valid."). Scheduled rules are stored; the emulator does not
 * fire them (see limitations).
 */

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  min: number;
  max: number;
  names?: string[];
  question?: boolean;
  l?: boolean;
  w?: boolean;
  hash?: boolean;
}

const FIELDS: FieldRule[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, question: true, l: true, w: true },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: DAYS, question: true, l: true, hash: true },
  { min: 1970, max: 2199 },
];

function value(text: string, rule: FieldRule): number | undefined {
  const upper = text.toUpperCase();
  const named = rule.names?.indexOf(upper);
  if (named !== undefined && named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= rule.min && n <= rule.max ? n : undefined;
}

function validField(text: string, rule: FieldRule): boolean {
  if (text === '*') return true;
  if (text === '?') return rule.question === true;
  if (rule.l && (text === 'L' || (rule.hash && /^[1-7]L$/i.test(text)) || (!rule.hash && /^L-\d{1,2}$/.test(text)))) return true;
  if (rule.w && (/^\d{1,2}W$/.test(text) || text === 'LW')) return value(text.replace(/W$/, ''), rule) !== undefined || text === 'LW';
  if (rule.hash && /^[^#]+#[1-5]$/.test(text)) return value(text.split('#')[0]!, rule) !== undefined;
  return text.split(',').every((part) => {
    const [range, step] = part.split('/');
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return false;
    if (range === '*') return step !== undefined;
    const [from, to] = range!.split('-');
    if (value(from!, rule) === undefined) return false;
    return to === undefined || value(to, rule) !== undefined;
  });
}

export function isValidScheduleExpression(expression: string): boolean {
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const plural = rate[2]!.endsWith('s');
    return n >= 1 && (n === 1 ? !plural : plural);
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return false;
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) return false;
  if (!fields.every((f, i) => validField(f, FIELDS[i]!))) return false;
  // One of day-of-month and day-of-week must be '?'.
  return (fields[2] === '?') !== (fields[4] === '?');
}
