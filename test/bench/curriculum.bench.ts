/**
 * Curriculum tooling speed and lesson page weight: how long the lesson validator (run by every
 * build) and the coverage report take on the real content, and how heavy a built lesson page is.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCoverage } from '../../src/curriculum/coverage.ts';
import { validateLessons } from '../../src/curriculum/lesson-validation.ts';
import { goalRow, percentile, timeEach, type Benchmark, type BenchRow } from './harness.ts';

const root = resolve(import.meta.dirname, '../..');

const benchmark: Benchmark = {
  suite: 'curriculum',
  async run() {
    const lessons = validateLessons(root).lessons.length;
    const validate = await timeEach(30, async () => validateLessons(root));
    const coverage = await timeEach(10, () => loadCoverage(root));
    const rows: BenchRow[] = [
      goalRow('validate all lessons (p50)', percentile(validate, 50), 'ms', { below: 250 }, `${lessons} lessons, 30 runs`),
      goalRow('load syllabus coverage (p50)', percentile(coverage, 50), 'ms', { below: 1000 }, 'lessons + labs + question YAML, 10 runs'),
    ];
    const dist = join(root, 'dist/client/lessons');
    if (existsSync(dist)) {
      const sizes = readdirSync(dist)
        .filter((d) => statSync(join(dist, d)).isDirectory())
        .map((d) => readFileSync(join(dist, d, 'index.html')).length / 1024);
      rows.push(goalRow('largest lesson page HTML', Math.max(...sizes), 'KB', { below: 200 }, `${sizes.length} built lesson pages, uncompressed`));
    } else {
      rows.push({ measure: 'largest lesson page HTML', value: Number.NaN, unit: 'KB', note: 'skipped: run npm run build first' });
    }
    return rows;
  },
};

export default benchmark;
