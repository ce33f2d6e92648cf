import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { root } from './helpers.ts';

function exam(...args: string[]) {
  const run = spawnSync(process.execPath, ['src/cli/exam.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run exam -- validate', () => {
  it('prints the bank as JSON with totals by type and by syllabus item', () => {
    const { code, stdout } = exam('validate', '--json', '--dir', 'test/fixtures/questions/valid');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.total).toBe(6);
    expect(report.byType).toEqual({ single: 2, multiple: 1, ordering: 1, matching: 1, 'case-study': 1 });
    expect(Object.keys(report.byItem)).toHaveLength(32);
    expect(report.byItem['4.3.S5']).toBe(1);
    expect(report.byItem['4.1.K1']).toBe(0);
    expect(report.scoredItems).toBe(7);
    expect(report.errors).toEqual([]);
    expect(report.floor).toMatchObject({ met: false, enforced: false });
    expect(report.ok).toBe(true);
  });

  it('prints a human report with the floor and the warnings', () => {
    const { code, stdout } = exam('validate', '--dir', 'test/fixtures/questions/valid', '--lessons-dir', 'test/fixtures/no-lessons');
    expect(code).toBe(0);
    expect(stdout).toMatch(/6 files read, 6 valid questions, 7 scored items/);
    expect(stdout).toMatch(/case-study\s+1/);
    expect(stdout).toMatch(/questions\s+>= 160\s+6\s+NO/);
    expect(stdout).toMatch(/reported only \(run with --strict to fail on it\)/);
    expect(stdout).toContain('Warnings: 7 references to 7 lessons not under content/lessons/ yet (--lessons-as-errors makes them errors):');
    expect(stdout).toMatch(/  cloudtrail-trails-and-retraining +1  test\/fixtures\/questions\/valid\/4\.2\/fx-trail-with-the-cli\.yaml/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('OK: 6 valid questions, 0 errors, 7 warnings.');
  });

  it('fails on the floor only with --strict', () => {
    const { code, stdout } = exam('validate', '--strict', '--dir', 'test/fixtures/questions/valid', '--lessons-dir', 'test/fixtures/no-lessons');
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('FAILED: 6 valid questions, 0 errors, 7 warnings; floor not met.');
  });

  it('fails on invalid questions, naming the file, the line and the field', () => {
    const { code, stdout } = exam('validate', '--dir', 'test/fixtures/questions/broken', '--lessons-dir', 'test/fixtures/no-lessons');
    expect(code).toBe(1);
    expect(stdout).toContain('test/fixtures/questions/broken/4.3/fx-broken-option.yaml:13  options[0].correct: must be true or false, but it is the text "yes"');
    expect(stdout).toContain('test/fixtures/questions/broken/4.3/fx-broken-option.yaml:19  options[2].explanation: is missing; it must be text');
    expect(stdout).toContain('test/fixtures/questions/broken/4.3/fx-misnamed.yaml:2  id: the file name must be the question id: id is "fx-named-differently", so name the file fx-named-differently.yaml');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('FAILED: 1 valid question, 3 errors, 1 warning.');
    const json = JSON.parse(exam('validate', '--json', '--dir', 'test/fixtures/questions/broken').stdout);
    expect(json.ok).toBe(false);
    expect(json.errors).toContainEqual({
      file: 'test/fixtures/questions/broken/4.3/fx-broken-option.yaml',
      line: 19,
      field: 'options[2].explanation',
      rule: 'schema',
      message: 'is missing; it must be text',
    });
  });

  it('reports an empty bank without failing', () => {
    const { code, stdout } = exam('validate', '--dir', 'test/fixtures/questions/empty');
    expect(code).toBe(0);
    expect(stdout).toMatch(/No question files yet, so the bank is empty \(not an error\)/);
  });

  it('explains usage mistakes with exit code 2', () => {
    expect(exam('validate', '--jsn').code).toBe(2);
    const unknown = exam('grade');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "grade"/);
    const missing = exam('validate', '--dir', 'test/fixtures/questions/nowhere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
