import { describe, expect, it } from 'vitest';
import { colourEnabled, duration, painter, shellQuote } from './output.ts';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe('terminal output', () => {
  it('colours a terminal, not a pipe, and obeys NO_COLOR, FORCE_COLOR, TERM=dumb, --no-color and --json', () => {
    expect(colourEnabled(tty, {}, [])).toBe(true);
    expect(colourEnabled(pipe, {}, [])).toBe(false);
    expect(colourEnabled(tty, { NO_COLOR: '1' }, [])).toBe(false);
    expect(colourEnabled(pipe, { FORCE_COLOR: '1' }, [])).toBe(true);
    expect(colourEnabled(tty, { FORCE_COLOR: '0' }, [])).toBe(true);
    expect(colourEnabled(tty, { TERM: 'dumb' }, [])).toBe(false);
    expect(colourEnabled(tty, {}, ['--no-color'])).toBe(false);
    expect(colourEnabled(tty, {}, ['--json'])).toBe(false);
  });

  it('paints only when enabled', () => {
    expect(painter(false).paint('x', 'red')).toBe('x');
    expect(painter(true).paint('x', 'red', 'bold')).toBe('\u001b[1m\u001b[31mx\u001b[39m\u001b[22m');
  });

  it('quotes values for a POSIX shell', () => {
    expect(shellQuote('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('a b')).toBe("'a b'");
  });

  it('says durations in words', () => {
    expect(duration(10_000)).toBe('less than a minute');
    expect(duration(12 * 60_000)).toBe('12 min');
    expect(duration(125 * 60_000)).toBe('2 h 05 min');
  });
});
