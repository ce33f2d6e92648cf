/**
 * Where each statement of a policy document sits in its text, as IAM's policy simulator reports
 * it in MatchedStatements (StartPosition / EndPosition): the line (1-based) and the column just
 * after the statement's opening and closing brace (the 1-based column of the brace plus one —
 * the AWS CLI's documented example shows `"Statement":{` with the brace at column 37 reported as
 * Column 38). The document is scanned, not re-serialised, so positions point into the text exactly
 * as it was stored or sent.
 */

export interface Position {
  readonly Line: number;
  readonly Column: number;
}

export interface StatementPosition {
  readonly start: Position;
  readonly end: Position;
}

class Scanner {
  i = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }
  string(): string {
    // at the opening quote
    let out = '';
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === '\\') {
        out += this.text.slice(this.i, this.i + 2);
        this.i += 2;
        continue;
      }
      this.i++;
      if (c === '"') return out;
      out += c;
    }
    throw new Error('unterminated string');
  }
  /** Skips any JSON value; returns the offset of its last character. */
  value(): number {
    this.ws();
    const c = this.text[this.i];
    if (c === '"') {
      this.string();
      return this.i - 1;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.i++;
      this.ws();
      if (this.text[this.i] === close) return this.i++;
      for (;;) {
        if (c === '{') {
          this.ws();
          this.string();
          this.ws();
          this.i++; // ':'
        }
        this.value();
        this.ws();
        const next = this.text[this.i++];
        if (next === close) return this.i - 1;
        if (next !== ',') throw new Error('malformed JSON');
      }
    }
    while (this.i < this.text.length && /[^\s,\]}]/.test(this.text[this.i]!)) this.i++;
    return this.i - 1;
  }
}

/** Offsets of each statement's braces; empty when the document is not a JSON object with Statement. */
export function statementOffsets(text: string): [number, number][] {
  const s = new Scanner(text);
  try {
    s.ws();
    if (text[s.i] !== '{') return [];
    s.i++;
    for (;;) {
      s.ws();
      if (text[s.i] === '}') return [];
      const key = s.string();
      s.ws();
      s.i++; // ':'
      s.ws();
      if (key === 'Statement') {
        if (text[s.i] === '{') {
          const start = s.i;
          return [[start, s.value()]];
        }
        if (text[s.i] === '[') {
          const out: [number, number][] = [];
          s.i++;
          for (;;) {
            s.ws();
            if (text[s.i] === ']') return out;
            const start = s.i;
            const end = s.value();
            if (text[start] === '{') out.push([start, end]);
            s.ws();
            if (text[s.i] === ',') s.i++;
            else return out;
          }
        }
        return [];
      }
      s.value();
      s.ws();
      if (text[s.i] === ',') s.i++;
      else return [];
    }
  } catch {
    return [];
  }
}

function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { Line: line, Column: offset - lineStart + 2 };
}

/** Start and end positions of every statement, by statement index. */
export function statementPositions(text: string): StatementPosition[] {
  return statementOffsets(text).map(([start, end]) => ({ start: positionOf(text, start), end: positionOf(text, end) }));
}
