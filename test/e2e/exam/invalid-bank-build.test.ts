/** An invalid question fails the site build with the file, line and field named, like the validator. */
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSiteCopy, projectRoot } from './fixture-site.ts';

describe('site build with an invalid question bank', () => {
  it('fails and names the file and the field', () => {
    const { dir, ok, output } = buildSiteCopy(join(projectRoot, 'test/fixtures/questions/broken'));
    try {
      expect(ok).toBe(false);
      expect(output).toContain('The question bank has 3 problem(s); fix them and build again:');
      expect(output).toContain('content/questions/4.3/fx-broken-option.yaml:19  options[2].explanation: is missing; it must be text');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
