/**
 * `npm run emulator` must start Node with the emulator's flags (node-flags.ts): package.json repeats
 * them because npm scripts cannot import, so this keeps the two from drifting apart.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_NODE_FLAGS } from './node-flags.ts';

describe('the emulator\'s Node flags', () => {
  it('are passed by `npm run emulator` before the entry point', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    const words = pkg.scripts.emulator!.split(/\s+/);
    expect(words[0]).toBe('node');
    const entry = words.indexOf('src/emulator/cli.js');
    expect(entry).toBeGreaterThan(0);
    expect(words.slice(1, entry)).toEqual([...EMULATOR_NODE_FLAGS]);
  });

  it('are flags this Node accepts and applies', () => {
    // V8 ignores nothing silently here: an unknown flag makes Node exit with "bad option".
    const semi = spawnSync(process.execPath, [...EMULATOR_NODE_FLAGS, '-e', "process.stdout.write(String(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size <= 32 * 2 ** 20))"], { encoding: 'utf8' });
    expect(semi.stderr).toBe('');
    expect(semi.status).toBe(0);
    expect(semi.stdout).toBe('true');
  });
});
