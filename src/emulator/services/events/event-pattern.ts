/**
 * EventBridge event patterns, checked and matched as EventBridge's engine (aws/event-ruler) does:
 *
 *   exact strings, numbers, booleans and null; {"prefix"}, {"suffix"} (both also with
 *   {"equals-ignore-case"}); {"anything-but"} of a value, a list, or a prefix / suffix /
 *   equals-ignore-case / wildcard; {"numeric": [">", 0, "<=", 5]}; {"exists": true|false};
 *   {"equals-ignore-case"}; {"wildcard": "a*b"}; {"cidr": "10.0.0.0/24"}; nested objects; "$or"
 *   arrays of at least two objects. A pattern field matches when any of its values matches; an
 *   event array matches when any element does, and the fields of one pattern object must match
 *   within a single element.
 *
 * Invalid patterns raise PatternError with event-ruler's reason text and a Jackson-style location,
 * which the caller wraps as "Event pattern is not valid. Reason: …" (InvalidEventPatternException).
 */
import { cidrRange, type IpRange, ipRange } from './ip-ranges.ts';

export class PatternError extends Error {
  constructor(reason: string, source: string, offset: number) {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    super(`${reason}\n at [Source: (String)"${source}"; line: ${line}, column: ${column}]`);
  }
}

export type Matcher =
  | { kind: 'exact'; value: string | number | boolean | null }
  | { kind: 'prefix' | 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'anything-but'; values: (string | number)[] }
  | { kind: 'anything-but-ic' | 'anything-but-prefix' | 'anything-but-suffix' | 'anything-but-wildcard'; values: string[] }
  | { kind: 'numeric'; lower?: { value: number; open: boolean }; upper?: { value: number; open: boolean }; equals?: number }
  | { kind: 'exists'; value: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; value: RegExp }
  | { kind: 'cidr'; range: IpRange };

export interface CompiledPattern {
  /** field → nested pattern or leaf matchers */
  fields: Map<string, CompiledPattern | Matcher[]>;
  /** each entry: alternatives, one of which must match (plus the fields above) */
  ors: CompiledPattern[][];
}

// ── a small JSON reader that remembers where each token ends (for event-ruler's locations) ──────

type Tok = { t: '{' | '}' | '[' | ']' | ':' | ','; end: number } | { t: 'str'; v: string; end: number } | { t: 'num'; v: number; raw: string; end: number } | { t: 'lit'; v: true | false | null; end: number };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (' \t\r\n'.includes(c)) {
      i++;
    } else if ('{}[]:,'.includes(c)) {
      out.push({ t: c as '{', end: ++i });
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw new PatternError('Unexpected end-of-input: was expecting closing quote for a string value', src, src.length);
      let v: string;
      try {
        v = JSON.parse(src.slice(i, j + 1)) as string;
      } catch {
        throw new PatternError('Invalid string value', src, j + 1);
      }
      out.push({ t: 'str', v, end: (i = j + 1) });
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new PatternError(`Unexpected character ('${c}' (code ${c.charCodeAt(0)})): expected a valid value`, src, i + 1);
      out.push({ t: 'num', v: Number(m[0]), raw: m[0], end: (i += m[0].length) });
    } else {
      const m = /^(true|false|null)/.exec(src.slice(i));
      if (!m) {
        const word = /^[^\s{}[\]:,"]+/.exec(src.slice(i))?.[0] ?? c;
        throw new PatternError(`Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`, src, i + word.length);
      }
      out.push({ t: 'lit', v: m[0] === 'true' ? true : m[0] === 'false' ? false : null, end: (i += m[0].length) });
    }
  }
  return out;
}

export function compilePattern(source: string): CompiledPattern {
  const toks = lex(source);
  let p = 0;
  const at = () => toks[p];
  const endOf = (t: Tok | undefined) => (t ? t.end : source.length);
  const fail = (reason: string, t: Tok | undefined = toks[p - 1]): never => {
    throw new PatternError(reason, source, endOf(t));
  };
  const next = (): Tok => {
    const t = toks[p++];
    if (!t) throw new PatternError('Unexpected end-of-input', source, source.length);
    return t;
  };
  /** Skips a whole value (after an error-free read is not needed: patterns are strict). */
  const object = (insideOr: boolean): CompiledPattern => {
    const compiled: CompiledPattern = { fields: new Map(), ors: [] };
    let any = false;
    for (;;) {
      const t = next();
      if (t.t === '}') break;
      if (any) {
        if (t.t !== ',') fail("Unexpected character: was expecting comma to separate Object entries", t);
      } else p--;
      const key = next();
      if (key.t !== 'str') fail('Unexpected character: was expecting double-quote to start field name', key);
      const name = (key as { v: string }).v;
      if (next().t !== ':') fail("Unexpected character: was expecting a colon to separate field name and value");
      any = true;
      if (name === '$or') {
        const open = next();
        if (open.t !== '[') fail('It must be an Array followed with $or.', open);
        const alternatives: CompiledPattern[] = [];
        for (;;) {
          const v = next();
          if (v.t === ']') break;
          if (alternatives.length) {
            if (v.t !== ',') fail('Unexpected character: was expecting comma to separate Array entries', v);
          } else p--;
          const o = next();
          if (o.t !== '{') fail('Only JSON object is allowed in array of $or relationship.', o);
          alternatives.push(object(true));
        }
        if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.');
        compiled.ors.push(alternatives);
        continue;
      }
      if (insideOr && ['$or'].includes(name)) fail(`${name} is Ruler reserved fieldName which cannot be used inside $or.`, key);
      const v = next();
      if (v.t === '{') {
        compiled.fields.set(name, object(insideOr));
      } else if (v.t === '[') {
        compiled.fields.set(name, leaf());
      } else {
        fail(`"${name}" must be an object or an array`, v);
      }
    }
    if (!any) fail('Empty objects are not allowed');
    return compiled;
  };
  const leaf = (): Matcher[] => {
    const matchers: Matcher[] = [];
    for (;;) {
      const t = next();
      if (t.t === ']') break;
      if (matchers.length) {
        if (t.t !== ',') fail('Unexpected character: was expecting comma to separate Array entries', t);
      } else p--;
      const v = next();
      if (v.t === '{') matchers.push(expression());
      else if (v.t === 'str' || v.t === 'lit') {
        const value = (v as { v: string | boolean | null }).v;
        const cidr = typeof value === 'string' ? ipRange(value) : undefined;
        matchers.push(cidr ? { kind: 'cidr', range: cidr } : { kind: 'exact', value });
      } else if (v.t === 'num') matchers.push({ kind: 'exact', value: (v as { v: number }).v });
      else fail('Match value must be String, number, true, false, or null', v);
    }
    if (!matchers.length) fail('Empty arrays are not allowed');
    return matchers;
  };
  const onlyOneKey = () => {
    const close = next();
    if (close.t !== '}') fail('Only one key allowed in match expression', close);
  };
  const stringValue = (message: string): string => {
    const v = next();
    if (v.t !== 'str') fail(message, v);
    return (v as { v: string }).v;
  };
  const expression = (): Matcher => {
    const name = next();
    if (name.t !== 'str') fail('Match expression name not found', name);
    if (next().t !== ':') fail("Unexpected character: was expecting a colon to separate field name and value");
    const type = (name as { v: string }).v;
    switch (type) {
      case 'prefix':
      case 'suffix': {
        const v = next();
        if (v.t === '{') {
          const op = next();
          if (op.t !== 'str') fail(`${type === 'prefix' ? 'Prefix' : 'Suffix'} expression name not found`, op);
          if ((op as { v: string }).v !== 'equals-ignore-case') fail(`Unsupported ${type} pattern: ${(op as { v: string }).v}`, op);
          next();
          const value = stringValue('equals-ignore-case match pattern must be a string');
          onlyOneKey();
          onlyOneKey();
          return { kind: type, value, ignoreCase: true };
        }
        if (v.t !== 'str') fail(`${type} match pattern must be a string`, v);
        onlyOneKey();
        return { kind: type, value: (v as { v: string }).v, ignoreCase: false };
      }
      case 'equals-ignore-case': {
        const value = stringValue('equals-ignore-case match pattern must be a string');
        onlyOneKey();
        return { kind: 'equals-ignore-case', value };
      }
      case 'wildcard': {
        const value = stringValue('wildcard match pattern must be a string');
        const regex = wildcardRegex(value, (reason) => fail(reason));
        onlyOneKey();
        return { kind: 'wildcard', value: regex };
      }
      case 'exists': {
        const v = next();
        if (v.t !== 'lit' || typeof (v as { v: unknown }).v !== 'boolean') fail('exists match pattern must be either true or false.', v);
        onlyOneKey();
        return { kind: 'exists', value: (v as { v: boolean }).v };
      }
      case 'cidr': {
        const value = stringValue('prefix match pattern must be a string');
        const range = cidrRange(value);
        if (!range) fail(`Invalid CIDR: ${value}`);
        onlyOneKey();
        return { kind: 'cidr', range: range! };
      }
      case 'numeric': {
        const open = next();
        if (open.t !== '[') fail('Value of numeric must be an array.', open);
        const m = numeric();
        const close = next();
        if (close.t !== '}') fail('Too many elements in numeric expression', close);
        return m;
      }
      case 'anything-but':
        return anythingBut();
      default:
        return fail(`Unrecognized match type ${type}`, name);
    }
  };
  const numberAfter = (op: string): number => {
    if (next().t !== ',') fail(`Value of ${op} must be numeric`);
    const v = next();
    if (v.t !== 'num') fail(`Value of ${op} must be numeric`, v);
    return (v as { v: number }).v;
  };
  const numeric = (): Matcher => {
    const op = next();
    if (op.t !== 'str') fail(`Invalid member in numeric match: ${op.t === 'num' ? (op as { raw: string }).raw : op.t}`, op);
    const operator = (op as { v: string }).v;
    const tooMany = () => {
      if (next().t !== ']') fail('Too many elements in numeric expression');
    };
    switch (operator) {
      case '=': {
        const v = numberAfter('equals');
        tooMany();
        return { kind: 'numeric', equals: v };
      }
      case '<':
      case '<=': {
        const v = numberAfter(operator);
        tooMany();
        return { kind: 'numeric', upper: { value: v, open: operator === '<' } };
      }
      case '>':
      case '>=': {
        const v = numberAfter(operator);
        const lower = { value: v, open: operator === '>' };
        const t = next();
        if (t.t === ']') return { kind: 'numeric', lower };
        if (t.t !== ',') fail('Too many elements in numeric expression', t);
        const op2 = next();
        if (op2.t !== 'str') fail(`Bad value in numeric range: ${op2.t}`, op2);
        const second = (op2 as { v: string }).v;
        if (second !== '<' && second !== '<=') fail(`Bad numeric range operator: ${second}`, op2);
        const top = numberAfter(second);
        if (next().t !== ']') fail('Too many terms in numeric range expression');
        if (top < v || (top === v && (lower.open || second === '<'))) fail('Bottom must be less than top');
        return { kind: 'numeric', lower, upper: { value: top, open: second === '<' } };
      }
      default:
        return fail(`Unrecognized numeric range operator: ${operator}`, op);
    }
  };
  const anythingBut = (): Matcher => {
    let v = next();
    let sub: 'anything-but-ic' | 'anything-but-prefix' | 'anything-but-suffix' | 'anything-but-wildcard' | undefined;
    if (v.t === '{') {
      const op = next();
      if (op.t !== 'str') fail('Anything-But expression name not found', op);
      const name = (op as { v: string }).v;
      const map: Record<string, typeof sub> = { 'equals-ignore-case': 'anything-but-ic', prefix: 'anything-but-prefix', suffix: 'anything-but-suffix', wildcard: 'anything-but-wildcard' };
      sub = map[name];
      if (!sub) fail(`Unsupported anything-but pattern: ${name}`, op);
      next();
      v = next();
    }
    if (v.t !== '[' && v.t !== 'str' && v.t !== 'num') fail('Value of anything-but must be an array or single string/number value.', v);
    const values: (string | number)[] = [];
    if (v.t === '[') {
      let hasNum = false;
      let hasStr = false;
      for (;;) {
        const t = next();
        if (t.t === ']') break;
        if (values.length) {
          if (t.t !== ',') fail('Unexpected character: was expecting comma to separate Array entries', t);
        } else p--;
        const item = next();
        if (item.t === 'str') {
          hasStr = true;
          values.push((item as { v: string }).v);
        } else if (item.t === 'num' && !sub) {
          hasNum = true;
          values.push((item as { v: number }).v);
        } else if (sub === 'anything-but-ic') fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.', item);
        else if (sub === 'anything-but-wildcard') fail('wildcard match pattern must be a string', item);
        else if (sub) fail('prefix/suffix match pattern must be a string', item);
        else fail('Inside anything but list, start|null|boolean is not supported.', item);
      }
      if (!sub && ((hasNum && hasStr) || (!hasNum && !hasStr))) fail('Inside anything but list, either all values are number or string, mixed type is not supported');
      if (sub && !values.length) fail('Empty arrays are not allowed');
    } else {
      if (sub && v.t !== 'str') fail(sub === 'anything-but-ic' ? 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.' : 'prefix/suffix match pattern must be a string', v);
      values.push((v as { v: string | number }).v);
    }
    if ((sub === 'anything-but-prefix' || sub === 'anything-but-suffix') && values.some((x) => x === '')) fail('Null prefix/suffix not allowed');
    if (sub === 'anything-but-wildcard') for (const w of values) wildcardRegex(String(w), (reason) => fail(reason));
    if (next().t !== '}') fail('Too many elements in numeric expression');
    if (sub && next().t !== '}') fail('Too many elements in numeric expression');
    return sub ? { kind: sub, values: values as string[] } : { kind: 'anything-but', values };
  };
  const first = next();
  if (first.t !== '{') fail('Filter is not an object', first);
  const compiled = object(false);
  if (p < toks.length) fail('Unexpected content after the end of the pattern', toks[p]);
  return compiled;
}

export function wildcardRegex(value: string, fail: (reason: string) => never): RegExp {
  let out = '';
  let prevStar = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const n = value[i + 1];
      if (n !== '*' && n !== '\\') fail(`Invalid escape character at pos ${i + 1}`);
      out += `\\${n}`;
      i++;
      prevStar = false;
    } else if (c === '*') {
      if (prevStar) fail(`Consecutive wildcard characters at pos ${i}`);
      out += '.*';
      prevStar = true;
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      prevStar = false;
    }
  }
  return new RegExp(`^${out}$`, 's');
}
