/**
 * `npm run bench [filter…]`: runs every `test/bench/*.bench.ts` (or those whose suite matches a
 * filter) one after another, so they do not compete for the CPU, and prints one table.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { machineDescription, type Benchmark, type BenchRow } from './harness.ts';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const json = process.argv.includes('--json');
const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.ts')).sort();

const results: (BenchRow & { suite: string })[] = [];
let failed = false;
for (const file of files) {
  const bench = (await import(pathToFileURL(join(import.meta.dirname, file)).href)).default as Benchmark;
  if (filters.length && !filters.some((f) => bench.suite.includes(f) || file.includes(f))) continue;
  process.stderr.write(`bench: ${bench.suite} (${file})…\n`);
  try {
    for (const row of await bench.run()) results.push({ suite: bench.suite, ...row });
  } catch (error) {
    failed = true;
    results.push({ suite: bench.suite, measure: `failed: ${(error as Error).message}`, value: Number.NaN, unit: '' });
  }
}

if (json) {
  console.log(JSON.stringify({ machine: machineDescription(), results }, null, 2));
} else {
  const header = ['suite', 'measure', 'value', 'unit', 'goal', 'met', 'note'];
  const rows = results.map((r) => [r.suite, r.measure, format(r.value), r.unit, r.goal ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`Machine: ${machineDescription()}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
process.exitCode = failed ? 1 : 0;

function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
