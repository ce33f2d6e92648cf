import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { root } from './helpers.ts';

/** Runtime imports (type-only imports are erased) reachable from a module, following relative paths. */
function runtimeImports(entry: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(entry)) return seen;
  const source = readFileSync(entry, 'utf8');
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  seen.set(entry, specifiers);
  for (const spec of specifiers) {
    if (spec.startsWith('.') && /\.(ts|tsx)$/.test(spec)) runtimeImports(resolve(dirname(entry), spec), seen);
  }
  return seen;
}

describe('exam code that runs in the browser', () => {
  it('uses no Node built-ins and does not pull zod into the pages', () => {
    const islands = readdirSync(join(root, 'src/islands/exam')).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'));
    const graph = new Map<string, string[]>();
    for (const entry of [join(root, 'src/exam/index.ts'), ...islands.map((f) => join(root, 'src/islands/exam', f))]) runtimeImports(entry, graph);
    const offending = [...graph.entries()].flatMap(([file, specs]) =>
      specs.filter((s) => s.startsWith('node:') || s === 'zod' || s.includes('bank-files') || s.includes('curriculum/syllabus.ts')).map((s) => `${relative(root, file)} imports ${s}`),
    );
    expect(offending).toEqual([]);
    expect(graph.size).toBeGreaterThan(15);
  });
});
