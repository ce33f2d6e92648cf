import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateQuestionSources, formatProblem, type BankProblem, type QuestionSource } from '../../../src/exam/bank-validate.ts';
import { loadBankFromDisk } from '../../../src/exam/bank-files.ts';
import { reportBank } from '../../../src/exam/bank-report.ts';
import { root, validFixtures } from './helpers.ts';

const single = readFileSync(join(root, validFixtures, '4.3/fx-kms-access-denied.yaml'), 'utf8');
const singlePath = 'content/questions/4.3/fx-kms-access-denied.yaml';
const caseStudy = readFileSync(join(root, validFixtures, '4.3/fx-isolated-notebooks-case.yaml'), 'utf8');

function validate(sources: QuestionSource[], options = {}) {
  return validateQuestionSources(sources, options);
}
function only(problems: BankProblem[]): BankProblem {
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return problems[0]!;
}

describe('question bank validation', () => {
  it('accepts every fixture question, one of each type, with no errors', () => {
    const loaded = loadBankFromDisk({ root, questionsDir: validFixtures, lessonsDir: 'test/fixtures/lessons' });
    expect(loaded.errors).toEqual([]);
    expect(loaded.questions.map((q) => q.question.type).sort()).toEqual(['case-study', 'matching', 'multiple', 'ordering', 'single', 'single']);
  });

  it('names file, field and line when a field is missing', () => {
    const text = single.replace(/\n  - id: b\n    text: Add s3:GetObjectAcl to the execution role.\n/, '\n  - id: b\n');
    const problem = only(validate([{ path: singlePath, text }]).errors.filter((p) => p.field === 'options[1].text'));
    expect(problem.file).toBe(singlePath);
    expect(problem.message).toBe('is missing; it must be text');
    expect(problem.line).toBe(text.split('\n').findIndex((l) => l === '  - id: b') + 1);
    expect(formatProblem(problem)).toBe(`${singlePath}:${problem.line}  options[1].text: is missing; it must be text`);
  });

  it('explains a single-answer question with two correct options', () => {
    const text = single.replace('Add s3:GetObjectAcl to the execution role.\n    correct: false', 'Add s3:GetObjectAcl to the execution role.\n    correct: true');
    const problem = only(validate([{ path: singlePath, text }]).errors);
    expect(problem).toMatchObject({ field: 'options', rule: 'schema' });
    expect(problem.message).toBe('a single-answer question has exactly 1 correct option of 4; this one has 2');
  });

  it('counts options when a single-answer question does not have four', () => {
    const text = single.replace(/  - id: d\n[\s\S]*?(?=explanation: >-\n  SSE-KMS)/, '');
    const problem = only(validate([{ path: singlePath, text }]).errors);
    expect(problem.field).toBe('options');
    expect(problem.message).toBe('has 3 options; it needs exactly 4');
  });

  it('suggests quoting when YAML reads a value as a number or boolean', () => {
    const text = single.replace('  - id: b\n', '  - id: 7\n');
    const problem = only(validate([{ path: singlePath, text }]).errors);
    expect(problem.field).toBe('options[1].id');
    expect(problem.message).toBe('must be text, but it is number 7 (put it in quotes: "7")');
  });

  it('lists the allowed fields when an unknown one appears', () => {
    const text = single.replace('difficulty: medium', 'difficulty: medium\ndificulty: hard');
    const problem = only(validate([{ path: singlePath, text }]).errors);
    expect(problem.message).toMatch(/^has an unknown field "dificulty" \(check the spelling; the fields allowed here are: id, syllabus, stem, explanation, type, options, services, difficulty, tags, references\)$/);
    expect(problem.line).toBe(text.split('\n').findIndex((l) => l.startsWith('id:')) + 1);
  });

  it('names the allowed question types when "type" is wrong', () => {
    const problem = only(validate([{ path: singlePath, text: single.replace('type: single', 'type: singel') }]).errors);
    expect(problem.field).toBe('type');
    expect(problem.message).toBe('must be one of: single, multiple, ordering, matching, case-study (it is the text "singel")');
  });

  it('rejects unknown syllabus ids and unknown enum values in words', () => {
    const text = single.replace('syllabus: [4.3.S4]', 'syllabus: [4.3.S9]').replace('difficulty: medium', 'difficulty: tricky');
    const errors = validate([{ path: singlePath, text }]).errors;
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'syllabus: unknown syllabus item id "4.3.S9" (ids look like 4.3.S1; see content/syllabus/domain4.json)',
      'difficulty: must be one of "easy", "medium", "hard" (it is the text "tricky")',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const text = single.replace('difficulty: medium', 'difficulty: [medium');
    const problem = validate([{ path: singlePath, text }]).errors[0]!;
    expect(problem.rule).toBe('yaml');
    expect(problem.message).toMatch(/^is not valid YAML: /);
    expect(problem.line).toBeGreaterThan(0);
  });

  it('rejects empty files, several documents in one file, and files outside a task folder', () => {
    expect(only(validate([{ path: singlePath, text: '# nothing yet\n' }]).errors).message).toMatch(/the file is empty/);
    expect(only(validate([{ path: singlePath, text: `${single}\n---\n${single}` }]).errors).message).toMatch(/holds 2 YAML documents/);
    const misplaced = validate([{ path: 'content/questions/security/fx-kms-access-denied.yaml', text: single }]).errors;
    expect(misplaced.map((e) => e.rule)).toEqual(['folder']);
    expect(only(validate([{ path: 'content/questions/4.3/fx-kms-access-denied.yml', text: single }]).errors).message).toMatch(/rename it to \.yaml/);
  });

  it('requires the file name to be the id and the folder to match the syllabus', () => {
    const renamed = only(validate([{ path: 'content/questions/4.3/kms-question.yaml', text: single }]).errors);
    expect(renamed).toMatchObject({ rule: 'file-name', field: 'id' });
    expect(renamed.message).toBe('the file name must be the question id: id is "fx-kms-access-denied", so name the file fx-kms-access-denied.yaml');
    const moved = only(validate([{ path: 'content/questions/4.1/fx-kms-access-denied.yaml', text: single }]).errors);
    expect(moved).toMatchObject({ rule: 'task-statement', field: 'syllabus' });
    expect(moved.message).toMatch(/sits in folder 4\.1\/ but tests only 4\.3 items/);
  });

  it('checks case-study sub-questions with their full path', () => {
    const text = caseStudy.replace('    choose: 2\n', '').replace('      - id: d\n        text: Enable network isolation', '      - id: c\n        text: Enable network isolation');
    const problem = only(validate([{ path: 'content/questions/4.3/fx-isolated-notebooks-case.yaml', text }]).errors);
    expect(problem.field).toBe('questions[0]');
    expect(problem.message).toBe('duplicate option id "c"');
  });

  it('fails duplicate ids across files, case-study sub-questions included', () => {
    const sub = 'fx-isolated-notebooks-case-fix-notebooks';
    const clash = single.replace('id: fx-kms-access-denied', `id: ${sub}`).replace('A training job fails', 'A processing job fails');
    const result = validate([
      { path: 'content/questions/4.3/fx-isolated-notebooks-case.yaml', text: caseStudy },
      { path: `content/questions/4.3/${sub}.yaml`, text: clash },
    ]);
    // Files are read in path order, so the case study (sorted after the clash) gets the error.
    const problem = only(result.errors);
    expect(problem).toMatchObject({ rule: 'duplicate-id', file: 'content/questions/4.3/fx-isolated-notebooks-case.yaml', field: 'questions[0].id' });
    expect(problem.message).toBe(`id "${sub}" is already used in content/questions/4.3/${sub}.yaml (id); ids must be unique across the bank, sub-questions included`);
  });

  it('fails duplicate and near-duplicate stems, and warns about merely similar ones', () => {
    const copy = (id: string, stem: (s: string) => string) => {
      const text = single.replace('id: fx-kms-access-denied', `id: ${id}`).replace(/stem: >-\n([\s\S]*?)\noptions:/, (_m, s: string) => `stem: >-\n${stem(s)}\noptions:`);
      return { path: `content/questions/4.3/${id}.yaml`, text };
    };
    const base = { path: singlePath, text: single };
    const sameWords = copy('fx-copy', (s) => s.toUpperCase().replace(/\./g, '!'));
    const nearly = copy('fx-nearly', (s) => s.replace('What is the most likely fix?', 'What is the likely fix?'));
    // Same situation, different ask: worth a look, not a failure.
    const similar = copy('fx-similar', (s) => s.replace('A training job', 'A processing job').replace('What is the most likely fix?', 'Which change should the engineer make first?'));
    const pairs = (problems: BankProblem[], rule: string) =>
      problems
        .filter((p) => p.rule === rule)
        .map((p) => [p.file, /in (\S+) \(|as (\S+) \(|of (\S+) \(|to (\S+) \(/.exec(p.message)!.slice(1).find(Boolean)].sort().join(' & '));
    const pair = (a: QuestionSource, b: QuestionSource) => [a.path, b.path].sort().join(' & ');
    const result = validate([base, sameWords, nearly, similar]);
    expect(pairs(result.errors, 'duplicate-stem')).toEqual([pair(base, sameWords)]);
    expect(pairs(result.errors, 'near-duplicate-stem')).toEqual(expect.arrayContaining([pair(base, nearly), pair(sameWords, nearly)]));
    expect(result.errors.filter((e) => e.message.includes(similar.path) || e.file === similar.path)).toEqual([]);
    expect(pairs(result.warnings, 'similar-stem')).toContain(pair(base, similar));
    const duplicate = result.errors.find((e) => e.rule === 'duplicate-stem')!;
    expect(duplicate.field).toBe('stem');
    expect(duplicate.message).toMatch(/^is the same text as content\/questions\/4\.3\/fx-\S+\.yaml \(stem\); every question needs its own scenario$/);
  });

  it('warns about lessons that do not exist, with a suggestion, and can make that an error', () => {
    const known = new Set(['troubleshooting-access-denied', 'encryption-kms-and-secret']);
    const warned = validate([{ path: singlePath, text: single }], { knownLessons: known });
    expect(warned.errors).toEqual([]);
    const warning = only(warned.warnings);
    expect(warning).toMatchObject({ rule: 'unknown-lesson', field: 'references.lessons[1]' });
    expect(warning.message).toBe('names lesson "encryption-kms-and-secrets", which does not exist under content/lessons/ (did you mean "encryption-kms-and-secret"?)');
    const strict = validate([{ path: singlePath, text: single }], { knownLessons: known, lessonsAsErrors: true });
    expect(only(strict.errors).rule).toBe('unknown-lesson');
  });

  it('warns when explanations are copy-pasted or the stem repeats "(Choose two.)"', () => {
    const multiple = readFileSync(join(root, validFixtures, '4.3/fx-least-privilege-artifacts.yaml'), 'utf8')
      .replace('Which actions meet\n  these goals?', 'Which actions meet\n  these goals? (Choose two.)')
      .replace(/(- id: e\n[\s\S]*?explanation: >-\n)[\s\S]*?(?=explanation: >-\n  Least)/, `$1      Versioning helps recover overwritten objects but does not restrict who can read or write\n      them.\n`);
    const result = validate([{ path: 'content/questions/4.3/fx-least-privilege-artifacts.yaml', text: multiple }]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.rule} ${w.field}`).sort()).toEqual(['choose-in-stem stem', 'same-explanation options[4].explanation']);
  });

  it('reports an empty bank without failing', () => {
    const result = validate([]);
    expect(result.errors).toEqual([]);
    const report = reportBank(result.questions);
    expect(report.total).toBe(0);
    expect(report.floor.met).toBe(false);
    expect(report.uncoveredItems).toHaveLength(32);
  });
});
