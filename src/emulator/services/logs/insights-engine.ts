/**
 * Runs a parsed Logs Insights query over log events: each event is a record with the system
 * fields (@timestamp, @message, @logStream, @log, @ingestionTime, @ptr) and, for JSON messages,
 * every discovered field (nested keys joined with dots: `detail.state`).
 */
import type { Aggregate, Command, Condition, GroupKey, Literal, Operand } from './insights-parser.ts';

export interface QueryEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  logStream: string;
  /** `<account>:<log group name>` */
  log: string;
  ptr: string;
}

type Value = string | number | boolean | null | undefined;
type Row = Map<string, Value>;

export interface QueryOutput {
  rows: { field: string; value: string }[][];
  recordsScanned: number;
  recordsMatched: number;
  bytesScanned: number;
}

function flatten(value: unknown, prefix: string, into: Row): void {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
    if (Array.isArray(value) && prefix) into.set(prefix, JSON.stringify(value));
  } else if (prefix) into.set(prefix, value as Value);
}

function recordOf(e: QueryEvent): Row {
  const row: Row = new Map();
  const text = e.message.trim();
  if (text.startsWith('{')) {
    try {
      flatten(JSON.parse(text), '', row);
    } catch {
      /* not JSON: only the system fields */
    }
  }
  row.set('@timestamp', e.timestamp);
  row.set('@message', e.message);
  row.set('@logStream', e.logStream);
  row.set('@log', e.log);
  row.set('@ingestionTime', e.ingestionTime);
  row.set('@ptr', e.ptr);
  return row;
}

/** 2024-05-01 10:00:00.000 — how Logs Insights prints timestamps. */
export function insightsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function literalValue(l: Literal): Value | RegExp {
  return l.value;
}

function operandValue(o: Operand, row: Row): Value | RegExp | Value[] {
  if (o.kind === 'field') return row.get(o.name);
  if (o.kind === 'list') return o.items.map((i) => literalValue(i) as Value);
  return literalValue(o);
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function compare(op: string, left: unknown, right: unknown): boolean {
  if (left === undefined || left === null) return op === '!=' && right !== undefined && right !== null;
  if (op === 'like' || op === '=~') {
    if (right instanceof RegExp) return right.test(String(left));
    return String(left).includes(String(right));
  }
  if (op === 'in') return Array.isArray(right) && right.some((r) => equal(left, r));
  if (op === '=') return equal(left, right);
  if (op === '!=') return !equal(left, right);
  const a = asNumber(left);
  const b = asNumber(right);
  if (a !== undefined && b !== undefined) return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  const sa = String(left);
  const sb = String(right);
  return op === '<' ? sa < sb : op === '>' ? sa > sb : op === '<=' ? sa <= sb : sa >= sb;
}

function equal(a: unknown, b: unknown): boolean {
  if (b instanceof RegExp) return b.test(String(a));
  const na = asNumber(a);
  const nb = asNumber(b);
  if (typeof b === 'number' && na !== undefined) return na === b;
  if (typeof a === 'number' && nb !== undefined) return a === nb;
  return String(a) === String(b);
}

function test(c: Condition, row: Row): boolean {
  switch (c.type) {
    case 'and': return test(c.left, row) && test(c.right, row);
    case 'or': return test(c.left, row) || test(c.right, row);
    case 'not': return !test(c.operand, row);
    case 'call': {
      const v = row.get(c.field);
      return c.name === 'ispresent' ? v !== undefined && v !== null : v === undefined || v === null || v === '';
    }
    case 'compare': return compare(c.op, operandValue(c.left, row), operandValue(c.right, row));
  }
}

function aggregate(a: Aggregate, rows: Row[]): Value {
  if (a.fn === 'count') return a.field === undefined ? rows.length : rows.filter((r) => r.get(a.field!) !== undefined && r.get(a.field!) !== null).length;
  const values = rows.map((r) => r.get(a.field!)).filter((v) => v !== undefined && v !== null);
  if (a.fn === 'count_distinct') return new Set(values.map(String)).size;
  const nums = values.map(asNumber).filter((n): n is number => n !== undefined);
  if (!nums.length) return undefined;
  switch (a.fn) {
    case 'sum': return nums.reduce((x, y) => x + y, 0);
    case 'avg': return nums.reduce((x, y) => x + y, 0) / nums.length;
    case 'min': return Math.min(...nums);
    case 'max': return Math.max(...nums);
    default: {
      const sorted = [...nums].sort((x, y) => x - y);
      return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(((a.percentile ?? 50) / 100) * sorted.length) - 1))];
    }
  }
}

function groupValue(key: GroupKey, row: Row): Value {
  if (key.kind === 'field') return row.get(key.name);
  const t = row.get('@timestamp') as number;
  return Math.floor(t / key.ms) * key.ms;
}

function format(field: string, v: Value, timeFields: Set<string>): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' && timeFields.has(field)) return insightsTime(v);
  return String(v);
}

/** Executes the commands in order; the output fields follow `fields`/`display`/`stats`. */
export function runInsightsQuery(commands: Command[], events: QueryEvent[], limit: number): QueryOutput {
  let rows = events.map(recordOf);
  const scanned = rows.length;
  const bytes = events.reduce((n, e) => n + Buffer.byteLength(e.message), 0);
  let columns: string[] | undefined;
  const timeFields = new Set(['@timestamp', '@ingestionTime']);
  let aggregated = false;
  let sorted = false;
  let limited: number | undefined;
  let matchedBeforeStats: number | undefined;
  for (const cmd of commands) {
    switch (cmd.type) {
      case 'filter':
        rows = rows.filter((r) => test(cmd.condition, r));
        break;
      case 'parse':
        for (const r of rows) {
          const m = cmd.regex.exec(String(r.get(cmd.field) ?? ''));
          if (!m) continue;
          cmd.names.forEach((n, i) => r.set(n, m.groups?.[n] ?? m[i + 1]));
        }
        break;
      case 'fields':
        for (const r of rows) for (const f of cmd.fields) if (f.alias !== f.name) r.set(f.alias, r.get(f.name));
        for (const f of cmd.fields) if (timeFields.has(f.name)) timeFields.add(f.alias);
        columns = [...(columns ?? []), ...cmd.fields.map((f) => f.alias).filter((a) => !(columns ?? []).includes(a))];
        break;
      case 'display':
        columns = cmd.fields;
        break;
      case 'stats': {
        matchedBeforeStats ??= rows.length;
        const groups = new Map<string, Row[]>();
        for (const r of rows) {
          const key = JSON.stringify(cmd.by.map((k) => groupValue(k, r) ?? null));
          (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
        }
        const out: Row[] = [];
        for (const members of groups.values()) {
          const row: Row = new Map();
          for (const k of cmd.by) row.set(k.kind === 'field' ? k.name : k.alias, groupValue(k, members[0]!));
          for (const a of cmd.aggregates) row.set(a.alias, aggregate(a, members));
          out.push(row);
        }
        for (const k of cmd.by) if (k.kind === 'bin') timeFields.add(k.alias);
        rows = out;
        columns = [...cmd.by.map((k) => (k.kind === 'field' ? k.name : k.alias)), ...cmd.aggregates.map((a) => a.alias)];
        aggregated = true;
        break;
      }
      case 'sort':
        rows = [...rows].sort((a, b) => {
          for (const k of cmd.keys) {
            const x = a.get(k.field);
            const y = b.get(k.field);
            if (x === y) continue;
            if (x === undefined || x === null) return 1;
            if (y === undefined || y === null) return -1;
            const nx = asNumber(x);
            const ny = asNumber(y);
            const c = nx !== undefined && ny !== undefined ? nx - ny : String(x) < String(y) ? -1 : 1;
            if (c !== 0) return k.descending ? -c : c;
          }
          return 0;
        });
        sorted = true;
        break;
      case 'limit':
        limited = limited === undefined ? cmd.count : Math.min(limited, cmd.count);
        rows = rows.slice(0, cmd.count);
        break;
    }
  }
  if (!sorted && !aggregated) rows.sort((a, b) => (b.get('@timestamp') as number) - (a.get('@timestamp') as number));
  const matched = matchedBeforeStats ?? rows.length;
  rows = rows.slice(0, Math.min(limit, limited ?? limit));
  const fields = columns ?? ['@timestamp', '@message', '@logStream', '@log'];
  return {
    rows: rows.map((r) => {
      const out = fields.filter((f) => r.get(f) !== undefined && r.get(f) !== null).map((f) => ({ field: f, value: format(f, r.get(f), timeFields) }));
      if (!aggregated && r.has('@ptr')) out.push({ field: '@ptr', value: String(r.get('@ptr')) });
      return out;
    }),
    recordsScanned: scanned,
    recordsMatched: matched,
    bytesScanned: bytes,
  };
}
