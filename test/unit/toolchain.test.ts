import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';

describe('toolchain', () => {
  it('runs on the Node 24 that the `node` devDependency provides', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(24);
  });

  it('has node:sqlite built in, so no native addon is compiled', () => {
    const db = new DatabaseSync(':memory:');
    expect(db.prepare('select 40 + 2 as answer').get()).toEqual({ answer: 42 });
    db.close();
  });
});
