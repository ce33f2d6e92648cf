/**
 * Every operation the emulator implements is driven through its real SDK client somewhere in these
 * integration tests (`<Operation>Command`). A new handler without a contract test fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES } from '../../../src/emulator/index.ts';

const dir = import.meta.dirname;
const sources = readdirSync(dir).filter((f) => f.endsWith('.test.ts') && f !== 'contract-coverage.test.ts').map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');

describe('contract tests', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`cover every implemented ${service.id} operation with the real SDK client`, () => {
      const missing = Object.keys(service.handlers).filter((op) => !new RegExp(`\\b${op}Command\\b`).test(sources));
      expect(missing, `${service.id} operations without a contract test`).toEqual([]);
    });
  }
});
