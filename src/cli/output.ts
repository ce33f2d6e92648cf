/**
 * Terminal output for the CLIs: colour only on a terminal that wants it (NO_COLOR, TERM=dumb and
 * pipes turn it off; FORCE_COLOR turns it on), and a progress line that redraws itself on a
 * terminal and prints one line per step everywhere else.
 */
import type { WriteStream } from 'node:tty';

type Stream = NodeJS.WriteStream | WriteStream;

export function colourEnabled(stream: Stream = process.stdout, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): boolean {
  if (argv.includes('--no-color') || argv.includes('--json')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  cyan: [36, 39],
  grey: [90, 39],
} as const;

export type Colour = keyof typeof codes;

export interface Painter {
  enabled: boolean;
  paint(text: string, ...styles: Colour[]): string;
}

export function painter(enabled: boolean): Painter {
  return {
    enabled,
    paint(text, ...styles) {
      if (!enabled) return text;
      return styles.reduce((t, s) => `\u001b[${codes[s][0]}m${t}\u001b[${codes[s][1]}m`, text);
    },
  };
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A progress reporter on stderr (stdout stays clean for `--json`). */
export function progressLine(stream: Stream = process.stderr, enabled = colourEnabled(stream as NodeJS.WriteStream)) {
  const live = enabled && stream.isTTY === true;
  let text = '';
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    stream.write(`\r\u001b[2K${frames[frame++ % frames.length]} ${text}`);
  };
  return {
    update(next: string) {
      if (next === text) return;
      text = next;
      if (live) {
        timer ??= setInterval(draw, 80);
        draw();
      } else {
        stream.write(`  ${next}\n`);
      }
    },
    done(final?: string) {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (live && text) stream.write('\r\u001b[2K');
      if (final) stream.write(`${final}\n`);
      text = '';
    },
  };
}

/** Minutes and hours for people: "1 h 05 min", "12 min", "less than a minute". */
export function duration(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Indents every line of a block. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** Quotes a value for a POSIX shell `export`. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
