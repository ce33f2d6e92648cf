import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AT_A_GLANCE_FILE, loadAtAGlance } from './at-a-glance.ts';
import { syllabusItemIds } from './syllabus.ts';

const root = resolve(import.meta.dirname, '../..');

describe('Domain 4 at a glance', () => {
  it('is valid and touches every syllabus item', () => {
    const page = loadAtAGlance(root);
    const items = new Set(page.taskStatements.flatMap((t) => t.facts.flatMap((f) => f.items)));
    expect(syllabusItemIds.filter((id) => !items.has(id))).toEqual([]);
  });

  it('names the file and field of a wrong item id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-glance-'));
    try {
      mkdirSync(join(dir, 'content'));
      const text = readFileSync(join(root, AT_A_GLANCE_FILE), 'utf8').replace('items: [4.1.K1]', 'items: [4.1.K9]');
      writeFileSync(join(dir, AT_A_GLANCE_FILE), text);
      expect(() => loadAtAGlance(dir)).toThrow(/content\/at-a-glance\.yaml {2}taskStatements\.0\.facts\.0\.items: unknown syllabus item id "4\.1\.K9"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
