/**
 * A stated subset of CloudWatch metric math, for GetMetricData and metric-math alarms:
 *
 *   numbers, query ids (m1, e1 …), + - * / ^, unary minus, parentheses, arrays [m1, m2],
 *   SUM AVG MIN MAX STDDEV (of an array → one time series; of a time series → a scalar),
 *   ABS CEIL FLOOR, FILL(x, value | REPEAT | LINEAR), METRICS() / METRICS("label text"),
 *   DIFF, RATE, RUNNING_SUM.
 *
 * Anything else is a syntax or unknown-function error naming the expression. Time series are
 * aligned by timestamp: an operation between two series keeps the timestamps both have.
 */

export interface Series {
  label: string;
  /** timestamp (epoch ms) → value */
  points: Map<number, number>;
}

export type MathValue = number | Series | Series[];

export type Node =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'id'; name: string }
  | { type: 'neg'; operand: Node }
  | { type: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Node; right: Node }
  | { type: 'array'; items: Node[] }
  | { type: 'call'; name: string; args: Node[] };

export class MathError extends Error {}

const FUNCTIONS = new Set(['SUM', 'AVG', 'MIN', 'MAX', 'STDDEV', 'ABS', 'CEIL', 'FLOOR', 'FILL', 'METRICS', 'DIFF', 'RATE', 'RUNNING_SUM']);
const KEYWORDS = new Set(['REPEAT', 'LINEAR']);

type Token = { kind: 'num'; value: number; at: number } | { kind: 'str'; value: string; at: number } | { kind: 'name'; value: string; at: number } | { kind: 'op'; value: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text.slice(i));
      if (!m) throw new MathError(`Syntax error at position ${i + 1}.`);
      tokens.push({ kind: 'num', value: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'name', value: m[0], at: i });
      i += m[0].length;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) throw new MathError(`Unterminated string at position ${i + 1}.`);
      tokens.push({ kind: 'str', value: text.slice(i + 1, end), at: i });
      i = end + 1;
    } else if ('+-*/^(),[]'.includes(c)) {
      tokens.push({ kind: 'op', value: c, at: i });
      i++;
    } else {
      throw new MathError(`Unexpected character '${c}' at position ${i + 1}.`);
    }
  }
  return tokens;
}

export function parseExpression(text: string): Node {
  if (!text.trim()) throw new MathError('The expression is empty.');
  if (text.length > 2048) throw new MathError('The expression is longer than 2048 characters.');
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek()?.kind === 'op' && peek()!.value === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new MathError(`Syntax error: expected '${v}' ${peek() ? `at position ${peek()!.at + 1}` : 'at the end'}.`);
    pos++;
  };
  let depth = 0;
  const expr = (): Node => {
    if (++depth > 100) throw new MathError('The expression is nested too deeply.');
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = (tokens[pos++] as { value: '+' | '-' }).value;
      left = { type: 'binary', op, left, right: term() };
    }
    depth--;
    return left;
  };
  const term = (): Node => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = (tokens[pos++] as { value: '*' | '/' }).value;
      left = { type: 'binary', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Node => {
    if (isOp('-')) {
      pos++;
      return { type: 'neg', operand: unary() };
    }
    if (isOp('+')) {
      pos++;
      return unary();
    }
    return power();
  };
  const power = (): Node => {
    const base = primary();
    if (isOp('^')) {
      pos++;
      return { type: 'binary', op: '^', left: base, right: unary() };
    }
    return base;
  };
  const primary = (): Node => {
    const t = peek();
    if (!t) throw new MathError('Syntax error: the expression ends too early.');
    if (t.kind === 'num') {
      pos++;
      return { type: 'number', value: t.value };
    }
    if (t.kind === 'str') {
      pos++;
      return { type: 'string', value: t.value };
    }
    if (t.kind === 'name') {
      pos++;
      if (isOp('(')) {
        const name = t.value.toUpperCase();
        if (!FUNCTIONS.has(name)) throw new MathError(`Unrecognized function name ${t.value}.`);
        pos++;
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(expr());
          while (isOp(',')) {
            pos++;
            args.push(expr());
          }
        }
        expect(')');
        return { type: 'call', name, args };
      }
      if (KEYWORDS.has(t.value.toUpperCase())) return { type: 'string', value: t.value.toUpperCase() };
      return { type: 'id', name: t.value };
    }
    if (t.value === '(') {
      pos++;
      const inner = expr();
      expect(')');
      return inner;
    }
    if (t.value === '[') {
      pos++;
      const items = [expr()];
      while (isOp(',')) {
        pos++;
        items.push(expr());
      }
      expect(']');
      return { type: 'array', items };
    }
    throw new MathError(`Syntax error: unexpected '${t.value}' at position ${t.at + 1}.`);
  };
  const node = expr();
  if (pos < tokens.length) throw new MathError(`Syntax error: unexpected '${String(tokens[pos]!.value)}' at position ${tokens[pos]!.at + 1}.`);
  return node;
}

/** Ids an expression refers to (to order evaluation and report unknown ones). */
export function referencedIds(node: Node, out = new Set<string>()): Set<string> {
  switch (node.type) {
    case 'id':
      out.add(node.name);
      break;
    case 'neg':
      referencedIds(node.operand, out);
      break;
    case 'binary':
      referencedIds(node.left, out);
      referencedIds(node.right, out);
      break;
    case 'array':
      node.items.forEach((n) => referencedIds(n, out));
      break;
    case 'call':
      node.args.forEach((n) => referencedIds(n, out));
      break;
  }
  return out;
}

export function usesMetricsFunction(node: Node): boolean {
  if (node.type === 'call') return node.name === 'METRICS' || node.args.some(usesMetricsFunction);
  if (node.type === 'binary') return usesMetricsFunction(node.left) || usesMetricsFunction(node.right);
  if (node.type === 'neg') return usesMetricsFunction(node.operand);
  if (node.type === 'array') return node.items.some(usesMetricsFunction);
  return false;
}

export interface MathEnv {
  /** The value of another query by id. */
  resolve(id: string): MathValue | undefined;
  /** The series of every MetricStat query (METRICS()). */
  metricStats(): Series[];
  /** Every period start of the query window, ascending (FILL). */
  grid: readonly number[];
  /** Label for a series this expression creates. */
  label: string;
}

export function evaluate(node: Node, env: MathEnv): MathValue {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'string':
      throw new MathError(`A string ("${node.value}") is only allowed as an argument of METRICS or FILL.`);
    case 'id': {
      const v = env.resolve(node.name);
      if (v === undefined) throw new MathError(`Unknown metric id ${node.name}.`);
      return v;
    }
    case 'neg':
      return mapValue(evaluate(node.operand, env), (v) => -v);
    case 'binary':
      return binary(node.op, evaluate(node.left, env), evaluate(node.right, env), env.label);
    case 'array': {
      const out: Series[] = [];
      for (const item of node.items) {
        const v = evaluate(item, env);
        if (typeof v === 'number') throw new MathError('An array may hold only time series.');
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
      }
      return out;
    }
    case 'call':
      return call(node, env);
  }
}

function mapValue(v: MathValue, fn: (x: number) => number): MathValue {
  if (typeof v === 'number') return fn(v);
  if (Array.isArray(v)) return v.map((s) => mapSeries(s, fn));
  return mapSeries(v, fn);
}

function mapSeries(s: Series, fn: (x: number) => number, label = s.label): Series {
  const points = new Map<number, number>();
  for (const [t, x] of s.points) {
    const y = fn(x);
    if (Number.isFinite(y)) points.set(t, y);
  }
  return { label, points };
}

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    default: return a ** b;
  }
}

function binary(op: '+' | '-' | '*' | '/' | '^', left: MathValue, right: MathValue, label: string): MathValue {
  if (typeof left === 'number' && typeof right === 'number') return apply(op, left, right);
  if (Array.isArray(left) || Array.isArray(right)) {
    if (Array.isArray(left) && Array.isArray(right)) throw new MathError('An operation between two arrays of time series is not supported.');
    if (Array.isArray(left)) return left.map((s) => binary(op, s, right, s.label) as Series);
    return (right as Series[]).map((s) => binary(op, left, s, s.label) as Series);
  }
  if (typeof left === 'number') return mapSeries(right as Series, (x) => apply(op, left, x), label);
  if (typeof right === 'number') return mapSeries(left, (x) => apply(op, x, right), label);
  const points = new Map<number, number>();
  for (const [t, x] of left.points) {
    const y = right.points.get(t);
    if (y === undefined) continue;
    const r = apply(op, x, y);
    if (Number.isFinite(r)) points.set(t, r);
  }
  return { label, points };
}

function reduceNumbers(name: string, xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  switch (name) {
    case 'SUM': return xs.reduce((a, b) => a + b, 0);
    case 'AVG': return xs.reduce((a, b) => a + b, 0) / xs.length;
    case 'MIN': return Math.min(...xs);
    case 'MAX': return Math.max(...xs);
    default: {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    }
  }
}

function call(node: Extract<Node, { type: 'call' }>, env: MathEnv): MathValue {
  const { name, args } = node;
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) throw new MathError(`${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}.`);
  };
  switch (name) {
    case 'METRICS': {
      arity(0, 1);
      const all = env.metricStats();
      if (args.length === 0) return all;
      const filter = args[0]!;
      if (filter.type !== 'string') throw new MathError('METRICS takes a string filter, e.g. METRICS("errors").');
      return all.filter((s) => s.label.includes(filter.value));
    }
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX':
    case 'STDDEV': {
      arity(1);
      const v = evaluate(args[0]!, env);
      if (typeof v === 'number') return v;
      if (!Array.isArray(v)) {
        const r = reduceNumbers(name, [...v.points.values()]);
        if (r === undefined) throw new MathError(`${name} of an empty time series has no value.`);
        return r;
      }
      const byTime = new Map<number, number[]>();
      for (const s of v) for (const [t, x] of s.points) (byTime.get(t) ?? byTime.set(t, []).get(t)!).push(x);
      const points = new Map<number, number>();
      for (const [t, xs] of byTime) points.set(t, reduceNumbers(name, xs)!);
      return { label: env.label, points };
    }
    case 'ABS':
      arity(1);
      return mapValue(evaluate(args[0]!, env), Math.abs);
    case 'CEIL':
      arity(1);
      return mapValue(evaluate(args[0]!, env), Math.ceil);
    case 'FLOOR':
      arity(1);
      return mapValue(evaluate(args[0]!, env), Math.floor);
    case 'FILL': {
      arity(2);
      const v = evaluate(args[0]!, env);
      if (typeof v === 'number') throw new MathError('FILL takes a time series or an array of time series.');
      const how = args[1]!;
      const filler = how.type === 'string' ? how.value : evaluate(how, env);
      const fill = (s: Series): Series => fillSeries(s, filler, env.grid);
      return Array.isArray(v) ? v.map(fill) : fill(v);
    }
    case 'DIFF':
    case 'RATE':
    case 'RUNNING_SUM': {
      arity(1);
      const v = evaluate(args[0]!, env);
      if (typeof v === 'number') throw new MathError(`${name} takes a time series.`);
      const one = (s: Series): Series => sequential(name, s);
      return Array.isArray(v) ? v.map(one) : one(v);
    }
  }
  throw new MathError(`Unrecognized function name ${name}.`);
}

function fillSeries(s: Series, filler: MathValue | string, grid: readonly number[]): Series {
  const points = new Map<number, number>();
  const known = [...s.points.entries()].sort((a, b) => a[0] - b[0]);
  for (const t of grid) {
    const have = s.points.get(t);
    if (have !== undefined) {
      points.set(t, have);
      continue;
    }
    if (typeof filler === 'number') points.set(t, filler);
    else if (filler === 'REPEAT') {
      const before = known.filter(([kt]) => kt < t).at(-1);
      if (before) points.set(t, before[1]);
    } else if (filler === 'LINEAR') {
      const before = known.filter(([kt]) => kt < t).at(-1);
      const after = known.find(([kt]) => kt > t);
      if (before && after) points.set(t, before[1] + ((after[1] - before[1]) * (t - before[0])) / (after[0] - before[0]));
    } else if (typeof filler === 'object' && !Array.isArray(filler)) {
      const v = filler.points.get(t);
      if (v !== undefined) points.set(t, v);
    } else {
      throw new MathError('FILL takes a number, a time series, REPEAT or LINEAR as its second argument.');
    }
  }
  return { label: s.label, points };
}

function sequential(name: string, s: Series): Series {
  const sorted = [...s.points.entries()].sort((a, b) => a[0] - b[0]);
  const points = new Map<number, number>();
  let total = 0;
  sorted.forEach(([t, x], i) => {
    if (name === 'RUNNING_SUM') {
      total += x;
      points.set(t, total);
      return;
    }
    if (i === 0) return;
    const [pt, px] = sorted[i - 1]!;
    points.set(t, name === 'DIFF' ? x - px : (x - px) / ((t - pt) / 1000));
  });
  return { label: s.label, points };
}
