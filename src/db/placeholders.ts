/**
 * Stores write `?` placeholders (SQLite's style); PostgreSQL numbers them (`$1`, `$2` …). This
 * rewrites one into the other, leaving alone every `?` that is not a placeholder: inside string
 * literals ('…', E'…' with backslash escapes), quoted identifiers ("…"), dollar-quoted bodies
 * ($$…$$, $tag$…$tag$) and comments (-- … and nested /* … *\/).
 */

export interface Translated {
  text: string;
  /** How many placeholders the statement has. */
  count: number;
}

export function numberPlaceholders(sql: string): Translated {
  let out = '';
  let count = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '?') {
      out += `$${++count}`;
      i++;
    } else if (c === "'") {
      // E'…' allows backslash escapes; '' is an escaped quote in both kinds.
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]!) && (i === 1 || !/[A-Za-z0-9_]/.test(sql[i - 2]!));
      const end = quotedEnd(sql, i, "'", escapes);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '"') {
      const end = quotedEnd(sql, i, '"', false);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      const end = newline === -1 ? n : newline;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '/' && next === '*') {
      const end = blockCommentEnd(sql, i);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '$' && !(i > 0 && /[A-Za-z0-9_]/.test(sql[i - 1]!))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        const end = close === -1 ? n : close + tag.length;
        out += sql.slice(i, end);
        i = end;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, count };
}

/** Index just past the closing quote of the literal opening at `start` (or the end of the text). */
function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}
