import { describe, expect, it } from 'vitest';
import { columnsOf, commonPrefix, LineEditor } from '../../../src/islands/lab/line-editor.ts';

describe('the terminal line editor', () => {
  it('inserts typed and pasted text at the cursor, and moves with arrows, Home and End', () => {
    const e = new LineEditor();
    e.input('aws s3api');
    expect(e.buffer).toBe('aws s3api');
    e.input('\x1b[D\x1b[D\x1b[D');
    expect(e.cursor).toBe(6);
    e.input('X');
    expect(e.buffer).toBe('aws s3Xapi');
    e.input('\x01');
    expect(e.cursor).toBe(0);
    e.input('\x1b[F');
    expect(e.cursor).toBe(10);
    e.input('\x7f\x7f');
    expect(e.buffer).toBe('aws s3Xa');
    e.input('\x1b[H\x1b[3~');
    expect(e.buffer).toBe('ws s3Xa');
  });

  it('submits on Enter and runs each line of a multi-line paste', () => {
    const e = new LineEditor();
    expect(e.input('aws sts get-caller-identity\r')).toContainEqual({ kind: 'submit', line: 'aws sts get-caller-identity' });
    const results = e.input('aws help\r\naws s3api help\n');
    expect(results.filter((r) => r.kind === 'submit')).toEqual([
      { kind: 'submit', line: 'aws help' },
      { kind: 'submit', line: 'aws s3api help' },
    ]);
    expect(e.buffer).toBe('');
  });

  it('walks the history with Up and Down and keeps the line being typed', () => {
    const e = new LineEditor(['aws one']);
    e.input('aws two\r');
    e.input('aws two\r'); // a repeat is not stored twice
    e.input('  \r'); // nor a blank line
    expect(e.history).toEqual(['aws one', 'aws two']);
    e.input('draft');
    e.input('\x1b[A');
    expect(e.buffer).toBe('aws two');
    e.input('\x1b[A\x1b[A');
    expect(e.buffer).toBe('aws one');
    e.input('\x1b[B\x1b[B');
    expect(e.buffer).toBe('draft');
  });

  it('asks for completion on Tab, cancels on Ctrl+C, clears on Ctrl+L, and edits words with Ctrl+W/U/K', () => {
    const e = new LineEditor();
    expect(e.input('aws s3\t')).toContainEqual({ kind: 'complete' });
    e.replace(4, 6, 's3api ');
    expect(e.buffer).toBe('aws s3api ');
    e.input('list-buckets');
    e.input('\x17');
    expect(e.buffer).toBe('aws s3api ');
    e.input('\x03');
    expect(e.buffer).toBe('');
    expect(e.input('\x0c')).toEqual([{ kind: 'clear' }]);
    e.input('abc def\x1b[D\x1b[D\x1b[D\x0b');
    expect(e.buffer).toBe('abc ');
    e.input('\x15');
    expect(e.buffer).toBe('');
  });

  it('renders the prompt and line with the cursor put back in place', () => {
    const e = new LineEditor();
    e.input('abc\x1b[D');
    expect(e.render()).toBe('\r\x1b[K\x1b[1;32m$\x1b[0m abc\x1b[1D');
  });

  it('finds the common prefix of candidates and lays them out in columns', () => {
    expect(commonPrefix(['put-bucket-acl', 'put-bucket-policy'])).toBe('put-bucket-');
    expect(commonPrefix([])).toBe('');
    expect(columnsOf(['a', 'bb', 'ccc'], 10).split('\r\n')).toEqual(['a    bb', 'ccc']);
  });
});
