/**
 * The terminal's command line: the text being typed, the cursor, and the history, with the keys a
 * shell user expects (arrows, Home/End, Backspace/Delete, Ctrl+A/E/U/K/W, Up/Down through history).
 * Pure — no DOM, no xterm — so it is tested on its own; the terminal feeds it xterm's input and
 * writes what `render()` returns.
 */
export type EditorResult =
  | { kind: 'edit' }
  | { kind: 'submit'; line: string }
  | { kind: 'complete' }
  | { kind: 'cancel' }
  | { kind: 'clear' }
  | { kind: 'none' };

export const PROMPT = '\x1b[1;32m$\x1b[0m ';
const PROMPT_WIDTH = 2;
const maxHistory = 200;

export class LineEditor {
  buffer = '';
  cursor = 0;
  history: string[];
  #index: number;
  #draft = '';

  constructor(history: string[] = []) {
    this.history = history.slice(-maxHistory);
    this.#index = this.history.length;
  }

  /** Handles one chunk of input from the terminal (a key, an escape sequence or pasted text). */
  input(data: string): EditorResult[] {
    const results: EditorResult[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest)?.[0];
      if (seq) {
        results.push(this.#escape(seq));
        i += seq.length;
        continue;
      }
      const ch = data[i]!;
      i++;
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && data[i - 2] === '\r') continue;
        results.push({ kind: 'submit', line: this.take() });
      } else if (ch === '\x7f' || ch === '\b') results.push(this.backspace());
      else if (ch === '\t') results.push({ kind: 'complete' });
      else if (ch === '\x03') {
        this.#reset();
        results.push({ kind: 'cancel' });
      } else if (ch === '\x0c') results.push({ kind: 'clear' });
      else if (ch === '\x01') results.push(this.#move(0));
      else if (ch === '\x05') results.push(this.#move(this.buffer.length));
      else if (ch === '\x15') results.push(this.#set(this.buffer.slice(this.cursor), 0));
      else if (ch === '\x0b') results.push(this.#set(this.buffer.slice(0, this.cursor), this.cursor));
      else if (ch === '\x17') {
        const start = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '').length;
        results.push(this.#set(this.buffer.slice(0, start) + this.buffer.slice(this.cursor), start));
      } else if (ch >= ' ' || ch > '\x7f') {
        // A run of printable characters (typing or a paste) is inserted at once.
        const run = /^[^\x00-\x1f\x7f]+/.exec(data.slice(i - 1))![0];
        i += run.length - 1;
        results.push(this.insert(run));
      }
    }
    return results;
  }

  insert(text: string): EditorResult {
    return this.#set(this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor), this.cursor + text.length);
  }

  backspace(): EditorResult {
    if (this.cursor === 0) return { kind: 'none' };
    return this.#set(this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor), this.cursor - 1);
  }

  /** Replaces `[from, to)` of the line (a completion). */
  replace(from: number, to: number, text: string): EditorResult {
    return this.#set(this.buffer.slice(0, from) + text + this.buffer.slice(to), from + text.length);
  }

  /** Ends the line: returns it and remembers it in the history (not blanks, not a repeat of the last). */
  take(): string {
    const line = this.buffer;
    if (line.trim() && this.history.at(-1) !== line) {
      this.history.push(line);
      if (this.history.length > maxHistory) this.history.shift();
    }
    this.#reset();
    return line;
  }

  /** The escape sequence that redraws the prompt and line and puts the cursor in place. */
  render(): string {
    const back = this.buffer.length - this.cursor;
    return `\r\x1b[K${PROMPT}${this.buffer}${back > 0 ? `\x1b[${back}D` : ''}`;
  }

  get promptWidth(): number {
    return PROMPT_WIDTH;
  }

  #escape(seq: string): EditorResult {
    switch (seq) {
      case '\x1b[A':
      case '\x1bOA':
        return this.#historyStep(-1);
      case '\x1b[B':
      case '\x1bOB':
        return this.#historyStep(1);
      case '\x1b[C':
      case '\x1bOC':
        return this.#move(this.cursor + 1);
      case '\x1b[D':
      case '\x1bOD':
        return this.#move(this.cursor - 1);
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        return this.#move(0);
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        return this.#move(this.buffer.length);
      case '\x1b[3~':
        if (this.cursor >= this.buffer.length) return { kind: 'none' };
        return this.#set(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor);
      default:
        return { kind: 'none' };
    }
  }

  #historyStep(delta: number): EditorResult {
    const next = this.#index + delta;
    if (next < 0 || next > this.history.length) return { kind: 'none' };
    if (this.#index === this.history.length) this.#draft = this.buffer;
    this.#index = next;
    const text = next === this.history.length ? this.#draft : this.history[next]!;
    this.buffer = text;
    this.cursor = text.length;
    return { kind: 'edit' };
  }

  #move(to: number): EditorResult {
    const clamped = Math.max(0, Math.min(this.buffer.length, to));
    if (clamped === this.cursor) return { kind: 'none' };
    this.cursor = clamped;
    return { kind: 'edit' };
  }

  #set(buffer: string, cursor: number): EditorResult {
    this.buffer = buffer;
    this.cursor = cursor;
    return { kind: 'edit' };
  }

  #reset(): void {
    this.buffer = '';
    this.cursor = 0;
    this.#index = this.history.length;
    this.#draft = '';
  }
}

/** The longest prefix every candidate shares. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates laid out in columns for a terminal `columns` wide. */
export function columnsOf(words: readonly string[], columns: number): string {
  const width = Math.min(columns, Math.max(...words.map((w) => w.length)) + 2);
  const perRow = Math.max(1, Math.floor(columns / width));
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += perRow) rows.push(words.slice(i, i + perRow).map((w) => w.padEnd(width)).join('').trimEnd());
  return rows.join('\r\n');
}
