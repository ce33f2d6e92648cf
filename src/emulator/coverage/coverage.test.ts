import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES } from '../services/registry.ts';
import { COVERAGE_FILE, COVERAGE_HEADER, renderCoverage } from './coverage.ts';

describe('docs/emulator-coverage.md', () => {
  it('is up to date with the services (run `npm run emulator:coverage` when this fails)', async () => {
    const committed = readFileSync(join(resolve(import.meta.dirname, '../../..'), COVERAGE_FILE), 'utf8');
    const fresh = await renderCoverage(BUILTIN_SERVICES);
    expect(committed.split('\n')[0]).toBe(COVERAGE_HEADER);
    expect(committed, 'docs/emulator-coverage.md is stale: run `npm run emulator:coverage` and commit the result').toBe(fresh);
  });

  it('lists every operation of every service and marks the implemented ones', async () => {
    const text = await renderCoverage(BUILTIN_SERVICES);
    expect(text).toContain('| GetCallerIdentity | yes |');
    expect(text).toContain('| AssumeRoleWithSAML | — |');
  });
});
