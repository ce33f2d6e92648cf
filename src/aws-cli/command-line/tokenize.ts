/**
 * Splits one command line into words the way a POSIX shell does for quoting — single quotes are
 * literal, double quotes honour \" \\ \$ \` escapes, a backslash outside quotes escapes the next
 * character — and refuses what would make it a shell: pipes, redirects, command chaining,
 * command substitution and variables. Nothing is expanded: `*` and `~` stay as typed.
 */
import { CliUsageError } from '../errors.ts';

export interface Token {
  /** The word with quotes removed. */
  value: string;
  /** Offset of the word's first character (including an opening quote) in the line. */
  start: number;
  /** Offset just past the word's last character. */
  end: number;
  /** The word was still inside an open quote when the line ended (lenient mode only). */
  openQuote?: "'" | '"';
}

export interface TokenizeOptions {
  /** Accept an unterminated quote and shell operators (for completing a line being typed). */
  lenient?: boolean;
}

const SHELL_OPERATOR = /[|&;<>()`]/;

export function tokenize(line: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  let value = '';
  let start = -1;
  const fail = (message: string, at: number): never => {
    throw new CliUsageError(message, at);
  };
  const push = (end: number, openQuote?: "'" | '"') => {
    if (start >= 0) tokens.push({ value, start, end, ...(openQuote ? { openQuote } : {}) });
    value = '';
    start = -1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      push(i);
      continue;
    }
    if (start < 0) {
      if (c === '#') break; // A comment, as in a shell.
      start = i;
    }
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) {
        if (!options.lenient) fail(`the single quote at column ${i + 1} is never closed`, i);
        value += line.slice(i + 1);
        push(line.length, "'");
        return tokens;
      }
      value += line.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j]!;
        if (d === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1]!)) {
          value += line[++j];
        } else if (!options.lenient && (d === '$' || d === '`') && /[({A-Za-z_`]/.test(d === '`' ? '`' : (line[j + 1] ?? ''))) {
          fail('variables, $(…) and `…` are not available here (this is not a shell): write the value itself, or put it in single quotes', j);
        } else value += d;
      }
      if (j >= line.length) {
        if (!options.lenient) fail(`the double quote at column ${i + 1} is never closed`, i);
        push(line.length, '"');
        return tokens;
      }
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= line.length) {
        if (!options.lenient) fail('a line cannot end with a backslash here: write the whole command on one line', i);
        continue;
      }
      value += line[++i];
    } else if (!options.lenient && SHELL_OPERATOR.test(c)) {
      fail(`"${c}" is a shell operator, and this terminal runs one aws command at a time (no pipes, redirects or chaining); quote it if it is part of a value, e.g. --query 'Items[?Size > \`10\`]'`, i);
    } else if (!options.lenient && c === '$' && /[({A-Za-z_]/.test(line[i + 1] ?? '')) {
      fail('variables and $(…) are not available here (this is not a shell): write the value itself, or put it in single quotes', i);
    } else {
      value += c;
    }
  }
  push(line.length);
  return tokens;
}

/** The words of a line (strict mode). */
export function splitWords(line: string): string[] {
  return tokenize(line).map((t) => t.value);
}

/** Quotes a word so that tokenize() gives it back unchanged (for echoing commands and round trips). */
export function quoteWord(word: string): string {
  if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
