/**
 * The AWS CLI's shorthand syntax, parsed exactly as the CLI's grammar does (awscli/shorthand.py):
 *
 *   parameter    = keyval *("," keyval)
 *   keyval       = key "=" [values] / key "@=" [file-optional-values]
 *   values       = csv-list / explicit-list / hash-literal
 *   csv-list     = first-value *("," second-value)        a=b,c → {a: [b, c]}
 *   explicit-list= "[" [value *("," value)] "]"          a=[b,c]
 *   hash-literal = "{" key "=" value *("," key "=" value) "}"
 *   values may be 'single' or "double" quoted (\' \" \\ escapes inside).
 *
 * This layer is purely syntactic: every leaf is a string. coerce.ts converts leaves to the types the
 * operation's model asks for (numbers, booleans, one-element lists), as the CLI's BackCompatVisitor does.
 */

export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

export class ShorthandSyntaxError extends Error {
  readonly index: number;
  readonly input: string;
  constructor(problem: string, input: string, index: number) {
    super(`${problem}\n  ${input.split('\n')[0]}\n  ${' '.repeat(Math.max(0, index))}^`);
    this.name = 'ShorthandSyntaxError';
    this.index = index;
    this.input = input;
  }
}

const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
// Character classes of the CLI's grammar, range for range.
const START = String.raw`!#-&(-+\--<>-Z\\-z|-\uffff`;
const FIRST_FOLLOW = String.raw`\s!#-&(-+\--\\^-|~-\uffff`;
const SECOND_FOLLOW = String.raw`\s!#-&(-+\--<>-\uffff`;
const FIRST_VALUE = new RegExp(String.raw`(?:\\,|[${START}])(?:\\,|[${FIRST_FOLLOW}])*`, 'uy');
const SECOND_VALUE = new RegExp(String.raw`(?:\\,|[${START}])(?:\\,|[${SECOND_FOLLOW}])*`, 'uy');
const SINGLE_QUOTED = /'(?:\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:\\"|[^"])*"/y;

export interface ShorthandOptions {
  /** Resolves `key@=file://…` values (the CLI v2 file-optional syntax); without it `@=` is refused. */
  resolveFile?: (reference: string) => string | undefined;
}

export function parseShorthand(input: string, options: ShorthandOptions = {}): Record<string, ShorthandValue> {
  return new Parser(input, options).parse();
}

class Parser {
  private index = 0;
  private resolveFiles = false;
  private readonly input: string;
  private readonly options: ShorthandOptions;

  constructor(input: string, options: ShorthandOptions) {
    this.input = input;
    this.options = options;
  }

  parse(): Record<string, ShorthandValue> {
    const params: Record<string, ShorthandValue> = {};
    let [key, value] = this.keyval();
    params[key] = value;
    let lastIndex = this.index;
    while (this.index < this.input.length) {
      this.expect(',', true);
      const keyStart = this.index;
      [key, value] = this.keyval();
      if (Object.hasOwn(params, key)) {
        throw new ShorthandSyntaxError(`the key "${key}" appears twice — often a "," where a space should separate two list items`, this.input, Math.min(lastIndex + 1, keyStart));
      }
      params[key] = value;
      lastIndex = this.index;
    }
    return params;
  }

  private keyval(): [string, ShorthandValue] {
    const keyStart = this.index;
    const key = this.key();
    if (key === '') throw this.error(`expected a key (letters, digits, - _ . # / :) followed by "="`, keyStart);
    this.resolveFiles = false;
    this.consumeWhitespace();
    if (this.current() === '@') {
      this.index++;
      this.resolveFiles = true;
    }
    this.expect('=', true);
    return [key, this.values()];
  }

  private key(): string {
    const start = this.index;
    while (!this.atEnd() && KEY_CHARS.test(this.current()!)) this.index++;
    return this.input.slice(start, this.index);
  }

  private values(): ShorthandValue {
    if (this.atEnd()) return '';
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.csvValue();
  }

  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEnd() || this.current() !== ',') return first;
    this.expect(',', true);
    const list: string[] = [first];
    for (;;) {
      const before = this.index;
      try {
        const value = this.secondValue();
        this.consumeWhitespace();
        if (this.atEnd()) {
          list.push(value);
          break;
        }
        this.expect(',', true);
        list.push(value);
      } catch (error) {
        // a=b,c=d: "c" was the next key, not a list item — step back to the comma before it.
        if (!(error instanceof ShorthandSyntaxError) || this.atEnd()) throw error;
        this.index = before;
        this.backtrackTo(',');
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.expect('[', true);
    const values: ShorthandValue[] = [];
    while (this.current() !== ']') {
      if (this.atEnd()) throw this.error('expected "]" to close the list', this.index);
      values.push(this.explicitValue());
      this.consumeWhitespace();
      if (this.current() !== ']') {
        this.expect(',');
        this.consumeWhitespace();
      }
    }
    this.expect(']');
    return values;
  }

  private explicitValue(): ShorthandValue {
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): Record<string, ShorthandValue> {
    this.expect('{', true);
    const values: Record<string, ShorthandValue> = {};
    while (this.current() !== '}') {
      if (this.atEnd()) throw this.error('expected "}" to close the structure', this.index);
      const keyStart = this.index;
      const key = this.key();
      if (key === '') throw this.error('expected a key followed by "="', keyStart);
      this.resolveFiles = false;
      this.consumeWhitespace();
      if (this.current() === '@') {
        this.index++;
        this.resolveFiles = true;
      }
      this.expect('=', true);
      const value = this.explicitValue();
      this.consumeWhitespace();
      if (this.current() !== '}') {
        this.expect(',');
        this.consumeWhitespace();
      }
      values[key] = value;
    }
    this.expect('}');
    return values;
  }

  private firstValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, '"');
    FIRST_VALUE.lastIndex = this.index;
    const match = FIRST_VALUE.exec(this.input);
    if (!match) return '';
    this.index += match[0].length;
    return this.resolve(match[0].replaceAll('\\,', ',').trimEnd());
  }

  private secondValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, '"');
    SECOND_VALUE.lastIndex = this.index;
    const match = SECOND_VALUE.exec(this.input);
    if (!match) throw this.error('expected a value', this.index);
    this.index += match[0].length;
    return this.resolve(match[0].replaceAll('\\,', ',').trimEnd());
  }

  private quoted(regex: RegExp, quote: string): string {
    regex.lastIndex = this.index;
    const match = regex.exec(this.input);
    if (!match) throw this.error(`the ${quote === "'" ? 'single' : 'double'} quote is never closed`, this.index);
    this.index += match[0].length;
    const value = match[0].slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll('\\\\', '\\');
    return this.resolve(value);
  }

  private resolve(value: string): string {
    if (!this.resolveFiles) return value;
    if (!this.options.resolveFile) throw this.error('"@=" (a value read from a file) is not available here', this.index);
    return this.options.resolveFile(value) ?? value;
  }

  private expect(char: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.consumeWhitespace();
    if (this.atEnd()) throw this.error(`expected "${char}" but the value ended`, this.index);
    if (this.current() !== char) throw this.error(`expected "${char}" but found "${this.current()}"`, this.index);
    this.index++;
    if (consumeWhitespace) this.consumeWhitespace();
  }

  private error(problem: string, index: number): ShorthandSyntaxError {
    return new ShorthandSyntaxError(problem, this.input, index);
  }

  private current(): string | undefined {
    return this.input[this.index];
  }

  private atEnd(): boolean {
    return this.index >= this.input.length;
  }

  private backtrackTo(char: string): void {
    while (this.index >= 0 && this.input[this.index] !== char) this.index--;
  }

  private consumeWhitespace(): void {
    while (!this.atEnd() && /\s/.test(this.current()!)) this.index++;
  }
}

/**
 * Writes a value in shorthand syntax (for help examples and round-trip tests). Strings are quoted
 * when they would not read back as themselves.
 */
export function formatShorthand(value: Record<string, ShorthandValue>): string {
  return Object.entries(value)
    .map(([k, v]) => `${k}=${formatTop(v)}`)
    .join(',');
}

function formatTop(value: ShorthandValue): string {
  if (typeof value === 'string') return formatString(value);
  return formatNested(value);
}

function formatNested(value: ShorthandValue): string {
  if (typeof value === 'string') return formatString(value);
  if (Array.isArray(value)) return `[${value.map(formatNested).join(',')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}=${formatNested(v)}`)
    .join(',')}}`;
}

function formatString(value: string): string {
  if (/^[A-Za-z0-9_.:/#+*^~!$%&()<>?|@-][A-Za-z0-9_.:/#+*^~!$%&()<>?|@ -]*$/.test(value) && !value.endsWith(' ')) return value;
  if (value.includes('\\')) throw new Error(`shorthand cannot express a value with a backslash inside quotes: ${value}`);
  return `"${value.replaceAll('"', '\\"')}"`;
}
