/**
 * Application Auto Scaling's schedule expressions: `at(yyyy-mm-ddThh:mm:ss)`, `rate(value unit)` and
 * `cron(minutes hours day-of-month month day-of-week year)`. `scheduleProblem` says what is wrong
 * with one, or returns undefined when it is valid.
 */

const UNITS = ['minute', 'minutes', 'hour', 'hours', 'day', 'days'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Extra characters the field allows (L, W, #, ?). */
  readonly special: RegExp;
}

const FIELDS: readonly Field[] = [
  { name: 'minutes', min: 0, max: 59, special: /^$/ },
  { name: 'hours', min: 0, max: 23, special: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|L-\d{1,2}|\d{1,2}W|LW)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS, special: /^$/ },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: /^(\?|[1-7]L|[A-Z]{3}L|L|[1-7]#[1-5]|[A-Z]{3}#[1-5])$/ },
  { name: 'year', min: 1970, max: 2199, special: /^$/ },
];

function value(field: Field, text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const i = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return i === -1 ? undefined : i + field.min;
}

function fieldProblem(field: Field, text: string): string | undefined {
  if (field.special.test(text)) return undefined;
  for (const part of text.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || range === '') return `${field.name} field '${text}' is malformed`;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `${field.name} field '${text}' has an invalid increment`;
    if (range === '*') continue;
    const [from, to, more] = range!.split('-');
    if (more !== undefined) return `${field.name} field '${text}' is malformed`;
    if (value(field, from!) === undefined) return `${field.name} value '${from}' is outside ${field.min}-${field.max}`;
    if (to !== undefined && value(field, to) === undefined) return `${field.name} value '${to}' is outside ${field.min}-${field.max}`;
  }
  return undefined;
}

export function scheduleProblem(expression: string): string | undefined {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (at) {
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    const exact = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
    return exact ? undefined : `at(${at.slice(1, 4).join('-')}T${at.slice(4).join(':')}) is not a valid date and time`;
  }
  const rate = /^rate\((\d+) ([a-z]+)\)$/.exec(expression);
  if (rate) {
    if (Number(rate[1]) < 1) return 'the rate value must be a positive whole number';
    return UNITS.includes(rate[2]!) ? undefined : `the rate unit must be one of ${UNITS.join(', ')}`;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    const parts = cron[1]!.trim().split(/\s+/);
    if (parts.length !== 6) return `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year); this one has ${parts.length}`;
    for (const [i, part] of parts.entries()) {
      const problem = fieldProblem(FIELDS[i]!, part);
      if (problem) return problem;
    }
    if ((parts[2] === '?') === (parts[4] === '?')) return 'exactly one of day-of-month and day-of-week must be ?';
    return undefined;
  }
  return 'use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year)';
}
