/**
 * The real build refuses a lesson with a wrong syllabus id and names the file: a temporary copy of
 * the project (sources and content copied, node_modules linked) gets one broken lesson, and
 * `astro build` must fail with the validator's message. Nothing is written into content/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '../..');
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'mlsec-build-'));
  for (const entry of ['src', 'content', 'labs', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(projectRoot, entry))) cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run build with an invalid lesson', () => {
  it('fails and names the file, line and field of a wrong syllabus id', () => {
    const good = join(copy, 'content/lessons/4.3/least-privilege-for-ml-artifacts.mdx');
    const broken = readFileSync(good, 'utf8').replace(/^syllabus: \[[^\]]*\]$/m, 'syllabus: [4.3.S1, 4.3.S42]');
    expect(broken).toContain('4.3.S42');
    mkdirSync(join(copy, 'content/lessons/4.3'), { recursive: true });
    writeFileSync(join(copy, 'content/lessons/4.3/broken-syllabus-id.mdx'), broken.replace(/^order: \d+$/m, 'order: 99'));

    const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 120_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).not.toBe(0);
    expect(output).toMatch(/content\/lessons\/4\.3\/broken-syllabus-id\.mdx:\d+ {2}syllabus\[1\]: unknown syllabus item id "4\.3\.S42"/);
    expect(existsSync(join(copy, 'dist/client/lessons/broken-syllabus-id'))).toBe(false);
  });
});
