/**
 * CloudWatch Logs filter patterns (FilterLogEvents, metric and subscription filters), the subset
 * documented in docs/emulator-observability.md:
 *
 *   ""                                  every event
 *   ERROR "connection reset"            all terms (AND); quoted phrases; case-sensitive
 *   ?ERROR ?WARN                        any of the ?terms (OR)
 *   ERROR -healthcheck                  exclude events with the -term
 *   { $.level = "ERROR" }               JSON: = != on strings (with * wildcards), = != < > <= >= on
 *   { $.latency > 500 && $.code != 200 }  numbers, && || and parentheses, IS TRUE / IS FALSE /
 *   { $.user NOT EXISTS }                 IS NULL / NOT EXISTS, $.a.b, $.a[0], %regex% values
 *   [ip, user, ..., status = 5*, size > 1000]  space-delimited fields with conditions; ... skips fields
 */

export class FilterPatternError extends Error {}

export interface FilterMatch {
  readonly matched: boolean;
  /** Values a metric transformation can use: `$.latency` (JSON) or `$size` (space-delimited). */
  readonly extracted: Record<string, string>;
}

export interface FilterPattern {
  readonly kind: 'all' | 'terms' | 'json' | 'delimited';
  match(message: string): FilterMatch;
  /** The value a metricValue such as `$.latency` or `$size` names, for a matching message. */
  valueOf(message: string, selector: string): string | undefined;
}

export function parseFilterPattern(pattern: string | undefined): FilterPattern {
  const text = (pattern ?? '').trim();
  if (text.length > 1024) throw new FilterPatternError('the filter pattern is longer than 1024 characters');
  if (text === '') return { kind: 'all', match: () => ({ matched: true, extracted: {} }), valueOf: () => undefined };
  if (text.startsWith('{')) return jsonPattern(text);
  if (text.startsWith('[')) return delimitedPattern(text);
  return termPattern(text);
}

// ── terms ──────────────────────────────────────────────────────────────────────────────────────

function termPattern(text: string): FilterPattern {
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  const re = /\s*([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) !== null) {
    end = re.lastIndex;
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    if (m[3] !== undefined && m[3].includes('"')) throw new FilterPatternError(`unbalanced quote in term ${m[3]}`);
    if (term === '') continue;
    (m[1] === '?' ? optional : m[1] === '-' ? excluded : required).push(term);
  }
  if (text.slice(end).trim()) throw new FilterPatternError(`could not read the pattern from: ${text.slice(end).trim()}`);
  return {
    kind: 'terms',
    match: (message) => ({
      matched: required.every((t) => message.includes(t)) && (optional.length === 0 || optional.some((t) => message.includes(t))) && !excluded.some((t) => message.includes(t)),
      extracted: {},
    }),
    valueOf: () => undefined,
  };
}

// ── JSON ───────────────────────────────────────────────────────────────────────────────────────

type JsonNode =
  | { type: 'and' | 'or'; left: JsonNode; right: JsonNode }
  | { type: 'cmp'; selector: string; path: (string | number)[]; op: string; value: JsonValue };

type JsonValue = { kind: 'number'; value: number } | { kind: 'string'; value: string; quoted: boolean } | { kind: 'regex'; value: RegExp } | { kind: 'keyword'; value: 'TRUE' | 'FALSE' | 'NULL' | 'EXISTS' };

function parseSelector(selector: string): (string | number)[] {
  if (!selector.startsWith('$')) throw new FilterPatternError(`a selector starts with $, got ${selector}`);
  const path: (string | number)[] = [];
  const re = /\.([A-Za-z0-9_@-]+|\*)|\[(\d+)\]/gy;
  re.lastIndex = 1;
  let m: RegExpExecArray | null;
  let end = 1;
  while ((m = re.exec(selector)) !== null) {
    end = re.lastIndex;
    path.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  }
  if (end !== selector.length || path.length === 0) throw new FilterPatternError(`invalid selector ${selector}`);
  return path;
}

function jsonPattern(text: string): FilterPattern {
  if (!text.endsWith('}')) throw new FilterPatternError('a JSON pattern must end with }');
  const body = text.slice(1, -1);
  const tokens = body.match(/"(?:[^"\\]|\\.)*"|%(?:[^%\\]|\\.)*%|&&|\|\||!=|<=|>=|=|<|>|\(|\)|[^\s()=<>!&|"%]+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const or = (): JsonNode => {
    let left = and();
    while (peek() === '||') {
      pos++;
      left = { type: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): JsonNode => {
    let left = primary();
    while (peek() === '&&') {
      pos++;
      left = { type: 'and', left, right: primary() };
    }
    return left;
  };
  const primary = (): JsonNode => {
    if (peek() === '(') {
      pos++;
      const inner = or();
      if (tokens[pos++] !== ')') throw new FilterPatternError("a '(' is not closed");
      return inner;
    }
    const selector = tokens[pos++];
    if (selector === undefined) throw new FilterPatternError('the pattern ends where a selector was expected');
    const path = parseSelector(selector);
    const op = tokens[pos++];
    if (op === undefined) throw new FilterPatternError(`no operator after ${selector}`);
    if (op.toUpperCase() === 'IS') {
      const word = tokens[pos++]?.toUpperCase();
      if (word !== 'TRUE' && word !== 'FALSE' && word !== 'NULL') throw new FilterPatternError(`IS must be followed by TRUE, FALSE or NULL after ${selector}`);
      return { type: 'cmp', selector, path, op: 'IS', value: { kind: 'keyword', value: word } };
    }
    if (op.toUpperCase() === 'NOT') {
      if (tokens[pos++]?.toUpperCase() !== 'EXISTS') throw new FilterPatternError(`NOT must be followed by EXISTS after ${selector}`);
      return { type: 'cmp', selector, path, op: 'NOT', value: { kind: 'keyword', value: 'EXISTS' } };
    }
    if (!['=', '!=', '<', '>', '<=', '>='].includes(op)) throw new FilterPatternError(`unknown operator ${op} after ${selector}`);
    const raw = tokens[pos++];
    if (raw === undefined) throw new FilterPatternError(`no value after ${selector} ${op}`);
    let value: JsonValue;
    if (raw.startsWith('"')) value = { kind: 'string', value: raw.slice(1, -1).replace(/\\(.)/g, '$1'), quoted: true };
    else if (raw.startsWith('%')) {
      try {
        value = { kind: 'regex', value: new RegExp(raw.slice(1, -1)) };
      } catch {
        throw new FilterPatternError(`invalid regular expression ${raw}`);
      }
    } else if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) value = { kind: 'number', value: Number(raw) };
    else value = { kind: 'string', value: raw, quoted: false };
    if (['<', '>', '<=', '>='].includes(op) && value.kind !== 'number') throw new FilterPatternError(`${op} compares numbers; ${raw} is not a number`);
    if (value.kind === 'regex' && op !== '=' && op !== '!=') throw new FilterPatternError(`a regular expression can only be used with = or !=`);
    return { type: 'cmp', selector, path, op, value };
  };
  if (!tokens.length) throw new FilterPatternError('the JSON pattern is empty');
  const tree = or();
  if (pos < tokens.length) throw new FilterPatternError(`unexpected ${tokens[pos]}`);
  const selectors = new Map<string, (string | number)[]>();
  const collect = (n: JsonNode): void => {
    if (n.type === 'cmp') selectors.set(n.selector, n.path);
    else {
      collect(n.left);
      collect(n.right);
    }
  };
  collect(tree);
  const parse = (message: string): unknown => {
    try {
      return JSON.parse(message);
    } catch {
      return undefined;
    }
  };
  return {
    kind: 'json',
    match: (message) => {
      const doc = parse(message);
      if (doc === undefined || typeof doc !== 'object' || doc === null) return { matched: false, extracted: {} };
      const matched = evalJson(tree, doc);
      const extracted: Record<string, string> = {};
      if (matched) for (const [s, p] of selectors) {
        const v = lookup(doc, p);
        if (v.found && v.value !== null && typeof v.value !== 'object') extracted[s] = String(v.value);
      }
      return { matched, extracted };
    },
    valueOf: (message, selector) => {
      const doc = parse(message);
      if (doc === undefined || !selector.startsWith('$.')) return undefined;
      const v = lookup(doc, parseSelector(selector));
      return v.found && v.value !== null && typeof v.value !== 'object' ? String(v.value) : undefined;
    },
  };
}

function lookup(doc: unknown, path: (string | number)[]): { found: boolean; value?: unknown } {
  let cur: unknown = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return { found: false };
    if (key === '*') {
      const values = Array.isArray(cur) ? cur : Object.values(cur);
      if (!values.length) return { found: false };
      cur = values[0];
      continue;
    }
    if (typeof key === 'number') {
      if (!Array.isArray(cur) || key >= cur.length) return { found: false };
      cur = cur[key];
    } else {
      if (Array.isArray(cur) || !Object.hasOwn(cur, key)) return { found: false };
      cur = (cur as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: cur };
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function evalJson(node: JsonNode, doc: unknown): boolean {
  if (node.type === 'cmp') return evalComparison(node, doc);
  if (node.type === 'and') return evalJson(node.left, doc) && evalJson(node.right, doc);
  return evalJson(node.left, doc) || evalJson(node.right, doc);
}

function evalComparison(node: Extract<JsonNode, { type: 'cmp' }>, doc: unknown): boolean {
  const { found, value } = lookup(doc, node.path);
  const v = node.value;
  if (node.op === 'NOT') return !found;
  if (node.op === 'IS') {
    if (!found) return false;
    return v.value === 'TRUE' ? value === true : v.value === 'FALSE' ? value === false : value === null;
  }
  if (!found) return false;
  const eq = (): boolean => {
    if (v.kind === 'number') return typeof value === 'number' && value === v.value;
    if (v.kind === 'regex') return (typeof value === 'string' || typeof value === 'number') && v.value.test(String(value));
    if (v.kind === 'string') {
      if (typeof value === 'string') return v.value.includes('*') ? wildcard(v.value).test(value) : value === v.value;
      // `= *` matches any value; an unquoted word also compares with numbers and booleans as text.
      if (typeof value === 'boolean' || typeof value === 'number') return v.value.includes('*') ? wildcard(v.value).test(String(value)) : !v.quoted && String(value) === v.value;
      return false;
    }
    return false;
  };
  switch (node.op) {
    case '=': return eq();
    case '!=': return !eq();
  }
  if (typeof value !== 'number' || v.kind !== 'number') return false;
  switch (node.op) {
    case '<': return value < v.value;
    case '>': return value > v.value;
    case '<=': return value <= v.value;
    default: return value >= v.value;
  }
}

// ── space-delimited ────────────────────────────────────────────────────────────────────────────

interface FieldSpec {
  name: string | undefined;
  ellipsis: boolean;
  conditions: { op: string; value: string }[];
}

function delimitedPattern(text: string): FilterPattern {
  if (!text.endsWith(']')) throw new FilterPatternError('a space-delimited pattern must end with ]');
  const inner = text.slice(1, -1).trim();
  const specs: FieldSpec[] = inner === '' ? [] : inner.split(',').map((part) => parseField(part.trim()));
  const fieldsOf = (message: string) => message.match(/"[^"]*"|\[[^\]]*\]|\S+/g)?.map((f) => (f.startsWith('"') || f.startsWith('[') ? f.slice(1, -1) : f)) ?? [];
  const bind = (message: string): Record<string, string> | undefined => {
    const fields = fieldsOf(message);
    return bindFields(specs, 0, fields, 0, {});
  };
  return {
    kind: 'delimited',
    match: (message) => {
      const bound = bind(message);
      if (!bound) return { matched: false, extracted: {} };
      const extracted: Record<string, string> = {};
      for (const [k, v] of Object.entries(bound)) extracted[`$${k}`] = v;
      return { matched: true, extracted };
    },
    valueOf: (message, selector) => (selector.startsWith('$') ? bind(message)?.[selector.slice(1)] : undefined),
  };
}

function parseField(part: string): FieldSpec {
  if (part === '...') return { name: undefined, ellipsis: true, conditions: [] };
  const m = /^([A-Za-z_][A-Za-z0-9_]*)?\s*(.*)$/s.exec(part)!;
  const name = m[1];
  const rest = m[2]!.trim();
  const conditions: { op: string; value: string }[] = [];
  if (rest) {
    for (const c of rest.split(/\s*(?:&&)\s*/)) {
      const cm = /^(!=|<=|>=|=|<|>)\s*(.+)$/.exec(c.trim());
      if (!cm) throw new FilterPatternError(`invalid condition "${c}" in field ${name ?? part}`);
      conditions.push({ op: cm[1]!, value: cm[2]!.replace(/^"(.*)"$/, '$1') });
    }
  }
  if (!name && !conditions.length) throw new FilterPatternError(`invalid field "${part}"`);
  return { name, ellipsis: false, conditions };
}

function fieldMatches(spec: FieldSpec, value: string): boolean {
  return spec.conditions.every(({ op, value: want }) => {
    const num = Number(want);
    const isNum = want !== '' && !Number.isNaN(num) && !want.includes('*');
    if (op === '=' || op === '!=') {
      const eq = isNum && !Number.isNaN(Number(value)) ? Number(value) === num : wildcard(want).test(value);
      return op === '=' ? eq : !eq;
    }
    const v = Number(value);
    if (!isNum || Number.isNaN(v)) return false;
    return op === '<' ? v < num : op === '>' ? v > num : op === '<=' ? v <= num : v >= num;
  });
}

function bindFields(specs: FieldSpec[], si: number, fields: string[], fi: number, bound: Record<string, string>): Record<string, string> | undefined {
  if (si === specs.length) return fi === fields.length ? bound : undefined;
  const spec = specs[si]!;
  if (spec.ellipsis) {
    for (let skip = fields.length - fi; skip >= 0; skip--) {
      const r = bindFields(specs, si + 1, fields, fi + skip, bound);
      if (r) return r;
    }
    return undefined;
  }
  if (fi >= fields.length || !fieldMatches(spec, fields[fi]!)) return undefined;
  return bindFields(specs, si + 1, fields, fi + 1, spec.name ? { ...bound, [spec.name]: fields[fi]! } : bound);
}
