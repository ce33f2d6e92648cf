import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCoverage, loadCoverage } from './coverage.ts';
import { syllabusItemIds } from './syllabus.ts';

const projectRoot = resolve(import.meta.dirname, '../..');
const fixtureRoot = join(projectRoot, 'test/fixtures/coverage-project');
const cli = join(projectRoot, 'src/cli/coverage-syllabus.ts');

describe('computeCoverage', () => {
  it('maps lessons, labs and questions to every item and topic, and lists items without a lesson', () => {
    const coverage = computeCoverage({
      lessons: [{ id: 'l1', title: 'L1', syllabus: ['4.1.K1', '4.3.S1'], topics: ['kms'] }],
      labs: [{ id: 'lab1', syllabus: ['4.3.S1'], topics: ['kms', 'least-privilege'] }],
      questions: [
        { id: 'q1', syllabus: ['4.3.S1'] },
        { id: 'q2', syllabus: ['4.3.S1', '4.2.K3'] },
      ],
    });
    expect(coverage.items.map((i) => i.item.id)).toEqual(syllabusItemIds);
    const s1 = coverage.items.find((i) => i.item.id === '4.3.S1')!;
    expect(s1).toMatchObject({ lessons: ['l1'], labs: ['lab1'], questions: ['q1', 'q2'], taskStatement: { id: '4.3' } });
    expect(coverage.items.find((i) => i.item.id === '4.2.K3')).toMatchObject({ lessons: [], labs: [], questions: ['q2'] });
    expect(coverage.topics.find((t) => t.topic.id === 'kms')).toMatchObject({ lessons: ['l1'], labs: ['lab1'] });
    expect(coverage.totals).toEqual({ items: 32, withLesson: 2, withLab: 1, withQuestion: 2, lessons: 1, labs: 1, questions: 2 });
    expect(coverage.itemsWithoutLesson).toHaveLength(30);
    expect(coverage.itemsWithoutLesson).not.toContain('4.1.K1');
  });
});

describe('loadCoverage on a fixture project', () => {
  it('reads lessons, lab.ts default exports and question YAML (case-study sub-questions included)', async () => {
    const coverage = await loadCoverage(fixtureRoot);
    const item = (id: string) => coverage.items.find((i) => i.item.id === id)!;
    expect(item('4.1.K2')).toMatchObject({ lessons: ['fixture-lesson'], labs: ['fixture-lab'], questions: ['fixture-drift-single', 'fixture-access-case/read-the-denial'] });
    expect(item('4.3.S1')).toMatchObject({ lessons: [], labs: ['fixture-lab'], questions: ['fixture-access-case/scope-the-role', 'fixture-access-case/read-the-denial'] });
    // 4.3.S4 is listed by the case but by none of its sub-questions: it counts for the case itself.
    expect(item('4.3.S4').questions).toEqual(['fixture-access-case']);
    expect(coverage.topics.find((t) => t.topic.id === 'least-privilege')!.labs).toEqual(['fixture-lab']);
    expect(coverage.labTitles).toEqual({ 'fixture-lab': 'Fixture lab' });
  });

  it('reports what it could not count, naming the file', async () => {
    const { problems } = await loadCoverage(fixtureRoot);
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual([
      'labs/broken-lab/lab.ts syllabus',
      'labs/no-definition/lab.ts file',
      'content/questions/4.2/broken.yaml yaml',
    ]);
  });
});

describe('npm run coverage:syllabus', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('prints the table and exits 1 while items have no lesson, 0 with --report', () => {
    const strict = run('--root', fixtureRoot);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('Domain 4 syllabus coverage: 2/32 items have a lesson, 2/32 a lab, 3/32 exam questions');
    expect(strict.stdout).toMatch(/4\.1\.K2\s+K\s+fixture-lesson\s+fixture-lab\s+2/);
    expect(strict.stdout).toContain('Items without a lesson (30):');
    expect(run('--root', fixtureRoot, '--report').status).toBe(0);
  });

  it('prints JSON for scripts and rejects unknown options', () => {
    const json = run('--json', '--report');
    expect(json.status).toBe(0);
    const data = JSON.parse(json.stdout) as { totals: { items: number; lessons: number }; problems: unknown[] };
    expect(data.totals.items).toBe(32);
    expect(data.totals.lessons).toBeGreaterThanOrEqual(3);
    expect(data.problems).toEqual([]);
    const bad = run('--verbose');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown option --verbose');
  });
});
