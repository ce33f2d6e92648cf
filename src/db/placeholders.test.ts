import { describe, expect, it } from 'vitest';
import { numberPlaceholders } from './placeholders.ts';

describe('numbering ? placeholders for PostgreSQL', () => {
  it('numbers placeholders in order', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)', count: 3 });
  });

  it('leaves ? alone inside literals, quoted identifiers, dollar quotes and comments', () => {
    const sql = `SELECT 'what?', 'it''s ?', E'a\\'?', "odd?col", $$?$$, $tag$ ? $tag$ -- why?
      , x /* not ? /* nested ? */ still ? */ FROM t WHERE y = ?`;
    const { text, count } = numberPlaceholders(sql);
    expect(count).toBe(1);
    expect(text).toBe(sql.replace(/= \?$/, '= $1'));
  });

  it('treats $1-like text and identifiers with $ as plain text', () => {
    expect(numberPlaceholders('SELECT a$b, ? FROM t')).toEqual({ text: 'SELECT a$b, $1 FROM t', count: 1 });
  });

  it('survives an unterminated literal (the server reports the syntax error)', () => {
    expect(numberPlaceholders("SELECT ? , 'open ?")).toEqual({ text: "SELECT $1 , 'open ?", count: 1 });
  });
});
