/**
 * Parser for the stated subset of the CloudWatch Logs Insights query language (see
 * docs/emulator-observability.md):
 *
 *   fields f [as alias], …        filter <condition>          stats agg(…) [as alias], … [by f, bin(5m)]
 *   sort f [asc|desc], …          limit n                      parse f "glob * pattern" as a, b | parse f /(?<a>…)/
 *   display f, …
 *
 * Conditions: = != < > <= >=, like "text" | like /regex/, not like, =~ /regex/, in [..], not in,
 * and, or, not, parentheses, ispresent(f), isempty(f). Aggregates: count(*), count(f),
 * count_distinct(f), sum, avg, min, max, pct(f, n). Anything else is a MalformedQueryException
 * naming the position, as Logs Insights answers.
 */

export class QueryError extends Error {
  readonly start: number;
  readonly end: number;
  constructor(message: string, start: number, end: number) {
    super(message);
    this.start = start;
    this.end = end;
  }
}

export type Literal = { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'regex'; value: RegExp } | { kind: 'bool'; value: boolean };

export type Operand = { kind: 'field'; name: string } | Literal | { kind: 'list'; items: Literal[] };

export type Condition =
  | { type: 'and' | 'or'; left: Condition; right: Condition }
  | { type: 'not'; operand: Condition }
  | { type: 'compare'; op: string; left: Operand; right: Operand }
  | { type: 'call'; name: 'ispresent' | 'isempty'; field: string };

export interface Aggregate {
  fn: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'pct';
  /** undefined for count(*) */
  field: string | undefined;
  percentile?: number;
  alias: string;
}

export type GroupKey = { kind: 'field'; name: string } | { kind: 'bin'; ms: number; alias: string };

export type Command =
  | { type: 'fields'; fields: { name: string; alias: string }[] }
  | { type: 'display'; fields: string[] }
  | { type: 'filter'; condition: Condition }
  | { type: 'stats'; aggregates: Aggregate[]; by: GroupKey[] }
  | { type: 'sort'; keys: { field: string; descending: boolean }[] }
  | { type: 'limit'; count: number }
  | { type: 'parse'; field: string; regex: RegExp; names: string[] };

type Token = { kind: 'word' | 'number' | 'string' | 'regex' | 'op' | 'pipe'; text: string; value?: string; start: number; end: number };

const SUPPORTED_COMMANDS = ['fields', 'filter', 'stats', 'sort', 'limit', 'parse', 'display'];
const KNOWN_UNSUPPORTED = ['dedup', 'unmask', 'diff', 'pattern', 'anomaly', 'filterIndex', 'source', 'unnest', 'lookup', 'SOURCE'];

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
      continue;
    }
    if (c === '|') {
      tokens.push({ kind: 'pipe', text: '|', start, end: ++i });
    } else if (c === '"' || c === "'") {
      i++;
      let value = '';
      while (i < query.length && query[i] !== c) {
        if (query[i] === '\\' && i + 1 < query.length) i++;
        value += query[i++];
      }
      if (i >= query.length) throw new QueryError(`unterminated string starting at line 1 and position ${start + 1}`, start, query.length);
      i++;
      tokens.push({ kind: 'string', text: query.slice(start, i), value, start, end: i });
    } else if (c === '/' && !isOperandEnd(tokens.at(-1))) {
      i++;
      let value = '';
      while (i < query.length && query[i] !== '/') {
        if (query[i] === '\\' && query[i + 1] === '/') {
          value += '/';
          i += 2;
          continue;
        }
        value += query[i++];
      }
      if (i >= query.length) throw new QueryError(`unterminated regular expression starting at line 1 and position ${start + 1}`, start, query.length);
      i++;
      let flags = '';
      while (query[i] === 'i') flags += query[i++];
      tokens.push({ kind: 'regex', text: query.slice(start, i), value: `${flags}\u0000${value}`, start, end: i });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(query[i + 1] ?? ''))) {
      const m = /^\d*\.?\d+(?:[eE][+-]?\d+)?[smhdw]?/.exec(query.slice(i))!;
      i += m[0].length;
      tokens.push({ kind: 'number', text: m[0], start, end: i });
    } else if (/[A-Za-z_@$`]/.test(c)) {
      if (c === '`') {
        const close = query.indexOf('`', i + 1);
        if (close === -1) throw new QueryError(`unterminated backquoted field at line 1 and position ${start + 1}`, start, query.length);
        i = close + 1;
        tokens.push({ kind: 'word', text: query.slice(start + 1, close), start, end: i });
      } else {
        const m = /^[A-Za-z_@$][A-Za-z0-9_@$.\-]*(?:\[\d+\])*(?:\.[A-Za-z0-9_@$\-]+)*/.exec(query.slice(i))!;
        i += m[0].length;
        tokens.push({ kind: 'word', text: m[0], start, end: i });
      }
    } else {
      const m = /^(=~|!=|<=|>=|=|<|>|\(|\)|,|\[|\]|\*)/.exec(query.slice(i));
      if (!m) throw new QueryError(`unexpected symbol found ${c} at line 1 and position ${i + 1}`, i, i + 1);
      i += m[0].length;
      tokens.push({ kind: 'op', text: m[0], start, end: i });
    }
  }
  return tokens;
}

function isOperandEnd(t: Token | undefined): boolean {
  return t !== undefined && (t.kind === 'number' || t.kind === 'string' || (t.kind === 'word' && !/^(like|and|or|not|in)$/i.test(t.text)) || (t.kind === 'op' && (t.text === ')' || t.text === ']')));
}

/**
 * A regular expression literal. Logs Insights' regular expressions (RE2/Java style) take inline
 * flags such as `(?i)` at the start, which JavaScript spells as RegExp flags.
 */
function regexOf(token: Token): RegExp {
  const [given, written] = token.value!.split('\u0000') as [string, string];
  let flags = given;
  let source = written;
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline && !inline[1]!.includes('x')) {
    source = source.slice(inline[0].length);
    flags = [...new Set([...flags, ...inline[1]!])].join('');
  }
  try {
    return new RegExp(source, flags);
  } catch {
    throw new QueryError(`invalid regular expression ${token.text} at line 1 and position ${token.start + 1}`, token.start, token.end);
  }
}

const DURATION_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseQuery(query: string): Command[] {
  if (query.length > 10_000) throw new QueryError('The query string is longer than 10,000 characters.', 0, query.length);
  const tokens = tokenize(query);
  if (!tokens.length) throw new QueryError('The query is empty.', 0, 0);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (t: Token | undefined, what?: string): never => {
    if (!t) throw new QueryError(`the query ends where ${what ?? 'more'} was expected`, query.length, query.length);
    throw new QueryError(`unexpected symbol found ${t.text} at line 1 and position ${t.start + 1}${what ? `; expected ${what}` : ''}`, t.start, t.end);
  };
  const isWord = (text: string) => peek()?.kind === 'word' && peek()!.text.toLowerCase() === text;
  const isOp = (text: string) => peek()?.kind === 'op' && peek()!.text === text;
  const expectOp = (text: string) => {
    if (!isOp(text)) fail(peek(), `'${text}'`);
    pos++;
  };
  const field = (): string => {
    const t = peek();
    if (!t || t.kind !== 'word') return fail(t, 'a field name');
    pos++;
    return t.text;
  };
  const literal = (): Literal => {
    const t = peek();
    if (!t) return fail(t, 'a value');
    pos++;
    if (t.kind === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.kind === 'string') return { kind: 'string', value: t.value! };
    if (t.kind === 'regex') return { kind: 'regex', value: regexOf(t) };
    if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return { kind: 'bool', value: t.text.toLowerCase() === 'true' };
    pos--;
    return fail(t, 'a value');
  };
  const operand = (): Operand => {
    const t = peek();
    if (t?.kind === 'word' && !/^(true|false)$/i.test(t.text)) {
      pos++;
      return { kind: 'field', name: t.text };
    }
    if (isOp('[')) {
      pos++;
      const items: Literal[] = [];
      if (!isOp(']')) {
        items.push(literal());
        while (isOp(',')) {
          pos++;
          items.push(literal());
        }
      }
      expectOp(']');
      return { kind: 'list', items };
    }
    return literal();
  };
  const orCond = (): Condition => {
    let left = andCond();
    while (isWord('or')) {
      pos++;
      left = { type: 'or', left, right: andCond() };
    }
    return left;
  };
  const andCond = (): Condition => {
    let left = notCond();
    while (isWord('and')) {
      pos++;
      left = { type: 'and', left, right: notCond() };
    }
    return left;
  };
  const notCond = (): Condition => {
    if (isWord('not')) {
      pos++;
      return { type: 'not', operand: notCond() };
    }
    if (isOp('(')) {
      pos++;
      const inner = orCond();
      expectOp(')');
      return inner;
    }
    if ((isWord('ispresent') || isWord('isempty')) && tokens[pos + 1]?.text === '(') {
      const name = peek()!.text.toLowerCase() as 'ispresent' | 'isempty';
      pos += 2;
      const f = field();
      expectOp(')');
      return { type: 'call', name, field: f };
    }
    const left = operand();
    const t = peek();
    if (t?.kind === 'word' && t.text.toLowerCase() === 'not') {
      pos++;
      const next = peek();
      if (next?.kind === 'word' && /^(like|in)$/i.test(next.text)) {
        pos++;
        return { type: 'not', operand: { type: 'compare', op: next.text.toLowerCase(), left, right: operand() } };
      }
      return fail(next, "'like' or 'in'");
    }
    if (t?.kind === 'word' && /^(like|in)$/i.test(t.text)) {
      pos++;
      return { type: 'compare', op: t.text.toLowerCase(), left, right: operand() };
    }
    if (t?.kind === 'op' && ['=', '!=', '<', '>', '<=', '>=', '=~'].includes(t.text)) {
      pos++;
      return { type: 'compare', op: t.text, left, right: operand() };
    }
    return fail(t, 'a comparison');
  };
  const aliasAfter = (fallback: string): string => {
    if (isWord('as')) {
      pos++;
      return field();
    }
    return fallback;
  };
  const commandEnd = () => {
    if (pos < tokens.length && peek()!.kind !== 'pipe') fail(peek());
  };
  const commands: Command[] = [];
  for (;;) {
    const t = peek();
    if (!t || t.kind !== 'word') fail(t, 'a command');
    const name = t!.text;
    const lower = name.toLowerCase();
    if (!SUPPORTED_COMMANDS.includes(lower)) {
      const known = KNOWN_UNSUPPORTED.includes(name) || KNOWN_UNSUPPORTED.includes(lower);
      throw new QueryError(
        known
          ? `The Logs Insights command '${name}' is not supported by this emulator (line 1, position ${t!.start + 1}). Supported commands: ${SUPPORTED_COMMANDS.join(', ')}.`
          : `unexpected symbol found ${name} at line 1 and position ${t!.start + 1}; expected a command (${SUPPORTED_COMMANDS.join(', ')})`,
        t!.start,
        t!.end,
      );
    }
    pos++;
    switch (lower) {
      case 'fields':
      case 'display': {
        const fields: { name: string; alias: string }[] = [];
        do {
          if (isOp(',')) pos++;
          const f = field();
          fields.push({ name: f, alias: lower === 'fields' ? aliasAfter(f) : f });
        } while (isOp(','));
        commandEnd();
        commands.push(lower === 'fields' ? { type: 'fields', fields } : { type: 'display', fields: fields.map((f) => f.name) });
        break;
      }
      case 'filter':
        commands.push({ type: 'filter', condition: orCond() });
        commandEnd();
        break;
      case 'stats': {
        const aggregates: Aggregate[] = [];
        do {
          if (isOp(',')) pos++;
          const fnToken = peek();
          const fn = fnToken?.kind === 'word' ? fnToken.text.toLowerCase() : '';
          if (!['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'pct'].includes(fn)) {
            if (fnToken?.kind === 'word') throw new QueryError(`The stats function '${fnToken.text}' is not supported by this emulator (line 1, position ${fnToken.start + 1}). Supported: count, count_distinct, sum, avg, min, max, pct.`, fnToken.start, fnToken.end);
            fail(fnToken, 'an aggregation function');
          }
          pos++;
          expectOp('(');
          let f: string | undefined;
          let percentile: number | undefined;
          if (isOp('*')) {
            if (fn !== 'count') fail(peek(), 'a field name');
            pos++;
          } else if (!(fn === 'count' && isOp(')'))) f = field();
          if (fn === 'pct') {
            expectOp(',');
            const p = peek();
            if (p?.kind !== 'number') fail(p, 'a percentile');
            percentile = Number(p!.text);
            pos++;
          }
          const close = peek();
          expectOp(')');
          const text = query.slice(fnToken!.start, close!.end);
          aggregates.push({ fn: fn as Aggregate['fn'], field: f, percentile, alias: aliasAfter(text) });
        } while (isOp(','));
        const by: GroupKey[] = [];
        if (isWord('by')) {
          pos++;
          do {
            if (isOp(',')) pos++;
            if (isWord('bin') && tokens[pos + 1]?.text === '(') {
              const binStart = peek()!.start;
              pos += 2;
              const d = peek();
              const m = d?.kind === 'number' ? /^(\d*\.?\d+)([smhdw])$/.exec(d.text) : null;
              if (!m) fail(d, 'a duration such as 5m');
              pos++;
              const close = peek();
              expectOp(')');
              by.push({ kind: 'bin', ms: Number(m![1]) * DURATION_MS[m![2]!]!, alias: aliasAfter(query.slice(binStart, close!.end)) });
            } else {
              const f = field();
              by.push({ kind: 'field', name: f });
            }
          } while (isOp(','));
        }
        commandEnd();
        commands.push({ type: 'stats', aggregates, by });
        break;
      }
      case 'sort': {
        const keys: { field: string; descending: boolean }[] = [];
        do {
          if (isOp(',')) pos++;
          const f = field();
          let descending = false;
          if (isWord('desc')) {
            descending = true;
            pos++;
          } else if (isWord('asc')) pos++;
          keys.push({ field: f, descending });
        } while (isOp(','));
        commandEnd();
        commands.push({ type: 'sort', keys });
        break;
      }
      case 'limit': {
        const n = peek();
        if (n?.kind !== 'number' || !/^\d+$/.test(n.text) || Number(n.text) < 1 || Number(n.text) > 10000) fail(n, 'a number from 1 to 10000');
        pos++;
        commandEnd();
        commands.push({ type: 'limit', count: Number(n!.text) });
        break;
      }
      case 'parse': {
        const f = field();
        const p = peek();
        if (p?.kind === 'string') {
          pos++;
          if (!isWord('as')) fail(peek(), "'as'");
          pos++;
          const names: string[] = [field()];
          while (isOp(',')) {
            pos++;
            names.push(field());
          }
          const parts = p.value!.split('*');
          if (parts.length - 1 !== names.length) throw new QueryError(`the parse pattern has ${parts.length - 1} wildcards but ${names.length} field names (line 1, position ${p.start + 1})`, p.start, p.end);
          const source = parts.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(.*?)');
          commands.push({ type: 'parse', field: f, regex: new RegExp(`${source}${parts.at(-1) === '' ? '$' : ''}`, 's'), names });
        } else if (p?.kind === 'regex') {
          pos++;
          const regex = regexOf(p);
          const names = [...regex.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
          if (!names.length) throw new QueryError(`the parse regular expression names no fields: use (?<name>…) groups (line 1, position ${p.start + 1})`, p.start, p.end);
          commands.push({ type: 'parse', field: f, regex, names });
        } else fail(p, 'a glob pattern in quotes or a /regular expression/');
        commandEnd();
        break;
      }
    }
    if (pos >= tokens.length) break;
    pos++; // the pipe
    if (pos >= tokens.length) fail(undefined, 'a command after |');
  }
  return commands;
}
