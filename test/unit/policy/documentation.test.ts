/** docs/iam-evaluation.md stays true to the code: every limitation and operator is listed. */
import { describe, expect, it } from 'vitest';

describe('documentation', () => {
  it('lists every exported limitation and condition operator in docs/iam-evaluation.md', async () => {
    const { readFileSync } = await import('node:fs');
    const { limitations, SUPPORTED_OPERATORS } = await import('../../../src/emulator/policy/index.ts');
    const text = readFileSync(new URL('../../../docs/iam-evaluation.md', import.meta.url), 'utf8');
    for (const l of limitations) {
      expect(l.aws.length).toBeGreaterThan(20);
      expect(l.engine.length).toBeGreaterThan(20);
      expect(text, `docs/iam-evaluation.md lacks limitation ${l.id}`).toContain(`| \`${l.id}\` |`);
    }
    expect(new Set(limitations.map((l) => l.id)).size).toBe(limitations.length);
    for (const op of SUPPORTED_OPERATORS) expect(text).toMatch(new RegExp(`\\b${op}\\b`));
  });
});
