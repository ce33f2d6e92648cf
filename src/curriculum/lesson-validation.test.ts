import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertValidLessons, formatContentProblems, LESSON_COMPONENTS_BARREL, validateLessons } from './lesson-validation.ts';

const projectRoot = resolve(import.meta.dirname, '../..');

describe('the lessons in content/lessons', () => {
  it('are all valid (any problem here also fails npm run build)', () => {
    const { lessons, problems } = validateLessons(projectRoot);
    expect(formatContentProblems(problems)).toBe('');
    expect(lessons.length).toBeGreaterThanOrEqual(3);
  });
});

// A fixture project: a temp folder with the lesson barrel, labs/ and lessons written by each test.
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'mlsec-lessons-'));
  roots.push(root);
  mkdirSync(join(root, dirname(LESSON_COMPONENTS_BARREL)), { recursive: true });
  cpSync(join(projectRoot, LESSON_COMPONENTS_BARREL), join(root, LESSON_COMPONENTS_BARREL));
  mkdirSync(join(root, 'labs/exposed-training-data-bucket'), { recursive: true });
  return root;
}

const validFrontmatter: Record<string, string> = {
  title: 'A valid lesson title',
  summary: 'A summary that is long enough to pass the schema.',
  syllabus: '[4.3.S1]',
  minutes: '10',
  lastReviewed: '2026-11-26',
  order: '1',
};

const validBody = [
  'Intro.',
  '',
  '<Objectives>',
  '',
  '- Do a thing',
  '',
  '</Objectives>',
  '',
  '## First section',
  '',
  '<TryIt>',
  '',
  '```sh',
  'aws sts get-caller-identity',
  '```',
  '',
  '</TryIt>',
  '',
  '## Knowledge check',
  '',
  '<KnowledgeCheck>',
  '</KnowledgeCheck>',
].join('\n');

function writeLesson(root: string, path: string, frontmatter: Record<string, string | undefined> = {}, body = validBody): string {
  const fields = { ...validFrontmatter, ...frontmatter };
  const yaml = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const file = join(root, 'content/lessons', path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `---\n${yaml}\n---\n\n${body}\n`);
  return `content/lessons/${path}`;
}

function problemsOf(root: string): string {
  return formatContentProblems(validateLessons(root).problems);
}

describe('validateLessons on fixtures', () => {
  it('accepts a minimal valid lesson', () => {
    const root = fixtureRoot();
    writeLesson(root, '4.3/valid-lesson.mdx');
    expect(problemsOf(root)).toBe('');
    expect(validateLessons(root).lessons.map((l) => [l.id, l.taskStatement])).toEqual([['valid-lesson', '4.3']]);
  });

  it('names the file, line and field of an unknown syllabus id', () => {
    const root = fixtureRoot();
    const file = writeLesson(root, '4.3/wrong-syllabus.mdx', { syllabus: '[4.3.S1, 4.3.S9]' });
    const [problem] = validateLessons(root).problems;
    expect(problem).toMatchObject({ file, line: 4, field: 'syllabus[1]' });
    expect(problem!.message).toContain('unknown syllabus item id "4.3.S9"');
    expect(() => assertValidLessons(root)).toThrow(`${file}:4  syllabus[1]: unknown syllabus item id "4.3.S9"`);
  });

  it('names a missing field', () => {
    const root = fixtureRoot();
    const file = writeLesson(root, '4.3/no-summary.mdx', { summary: undefined });
    expect(problemsOf(root)).toContain(`${file}:2  summary: is missing`);
  });

  it('names an unknown frontmatter field', () => {
    const root = fixtureRoot();
    writeLesson(root, '4.3/extra.mdx', { author: 'someone' });
    expect(problemsOf(root)).toContain('author: unknown frontmatter field');
  });

  it('reports invalid YAML with its line', () => {
    const root = fixtureRoot();
    const file = writeLesson(root, '4.3/bad-yaml.mdx', { syllabus: '[4.3.S1' });
    expect(problemsOf(root)).toContain(`${file}:`);
    expect(problemsOf(root)).toContain('frontmatter: is not valid YAML');
  });

  it('reports unknown prerequisites with a suggestion, self-references and cycles', () => {
    const root = fixtureRoot();
    writeLesson(root, '4.3/first-lesson.mdx', { prerequisites: '[second-lesson]' });
    writeLesson(root, '4.3/second-lesson.mdx', { order: '2', prerequisites: '[first-lesson, frist-lesson, second-lesson]' });
    const text = problemsOf(root);
    expect(text).toContain('second-lesson.mdx:8  prerequisites[1]: unknown lesson id "frist-lesson": no file content/lessons/*/frist-lesson.mdx exists (did you mean "first-lesson"?)');
    expect(text).toContain('prerequisites[2]: a lesson cannot be its own prerequisite');
    expect(text).toContain('prerequisites form a cycle: first-lesson → second-lesson → first-lesson');
  });

  it('reports a lab id that is not a folder under labs/', () => {
    const root = fixtureRoot();
    writeLesson(root, '4.3/with-labs.mdx', { labs: '[exposed-training-data-bucket, no-such-lab]' });
    const text = problemsOf(root);
    expect(text).toContain('labs[1]: unknown lab id "no-such-lab": there is no folder labs/no-such-lab/');
    expect(text).not.toContain('labs[0]');
  });

  it('reports broken internal links and anchors, with their lines', () => {
    const root = fixtureRoot();
    writeLesson(root, '4.3/target-lesson.mdx', { order: '2' });
    const body = `${validBody}\n\nSee [a](/lessons/target-lesson#first-section), [b](/lessons/missing-lesson), [c](/lessons/target-lesson#nowhere), [d](#first-sectoin), [e](#knowledge-check), [f](/syllabus#4.3.S1), [g](/syllabus#9.9.K9), [h](/labs/no-such-lab), [i](https://docs.aws.amazon.com/), [j](relative/path).`;
    const file = writeLesson(root, '4.3/linking-lesson.mdx', {}, body);
    const problems = validateLessons(root).problems.filter((p) => p.file === file);
    expect(problems.map((p) => p.field)).toEqual([
      'link "/lessons/missing-lesson"',
      'link "/lessons/target-lesson#nowhere"',
      'link "#first-sectoin"',
      'link "/syllabus#9.9.K9"',
      'link "/labs/no-such-lab"',
      'link "relative/path"',
    ]);
    expect(problems.every((p) => p.line === 33)).toBe(true);
    expect(problems[2]!.message).toContain('(did you mean "first-section"?)');
  });

  it('reports misplaced files, bad ids, duplicate ids and orders, and a folder the syllabus does not match', () => {
    const root = fixtureRoot();
    writeLesson(root, 'top-level.mdx');
    writeLesson(root, '4.9/unknown-task.mdx');
    writeLesson(root, '4.3/Not_Kebab.mdx', { order: '5' });
    writeLesson(root, '4.3/notes.md');
    writeLesson(root, '4.3/same-id.mdx', { order: '2' });
    writeLesson(root, '4.2/same-id.mdx', { syllabus: '[4.2.S2]' });
    writeLesson(root, '4.1/wrong-folder.mdx', { order: '3' });
    writeLesson(root, '4.1/same-order.mdx', { order: '3', syllabus: '[4.1.K1]' });
    const text = problemsOf(root);
    expect(text).toContain('content/lessons/top-level.mdx  folder:');
    expect(text).toContain('content/lessons/4.9/unknown-task.mdx  folder:');
    expect(text).toContain('Not_Kebab.mdx  file name: the file name is the lesson id and URL, so it must be kebab-case');
    expect(text).toContain('notes.md  file name: only .mdx files');
    expect(text).toContain('lesson id "same-id" is already used by content/lessons/4.2/same-id.mdx');
    expect(text).toContain('wrong-folder.mdx:4  syllabus: the lesson sits in folder 4.1 but teaches no 4.1 item');
    expect(text).toMatch(/order 3 is already used by content\/lessons\/4\.1\/(same-order|wrong-folder)\.mdx/);
  });

  it('enforces the lesson structure: required components, known components, headings, TryIt blocks and labelled SVGs', () => {
    const root = fixtureRoot();
    const body = [
      '# A second title',
      '',
      '## Section',
      '',
      '#### Too deep',
      '',
      '<Marquee>old</Marquee>',
      '',
      '<TryIt>',
      '',
      '```sh',
      'aws s3 ls --endpoint-url http://localhost:4566',
      '```',
      '',
      '</TryIt>',
      '',
      '<svg viewBox="0 0 10 10"><rect /></svg>',
    ].join('\n');
    const file = writeLesson(root, '4.3/unstructured.mdx', {}, body);
    const text = problemsOf(root);
    expect(text).toContain(`${file}:10  heading: "# A second title": the page title is the only top-level heading`);
    expect(text).toContain(`${file}:14  heading: "#### Too deep" skips a level`);
    expect(text).toContain(`${file}:16  <Marquee>: unknown component`);
    expect(text).toContain(`${file}:21  <TryIt>: remove --endpoint-url`);
    expect(text).toContain(`${file}:26  <svg>: an inline diagram needs role="img"`);
    expect(text).toContain('<svg>: an inline diagram needs a <title> and a <desc>');
    expect(text).toContain('<Objectives>: every lesson needs a <Objectives>');
    expect(text).toContain('<KnowledgeCheck>: every lesson needs a <KnowledgeCheck>');
  });

  it('reports a file without frontmatter', () => {
    const root = fixtureRoot();
    const file = join(root, 'content/lessons/4.3/bare.mdx');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, validBody);
    expect(problemsOf(root)).toContain('content/lessons/4.3/bare.mdx:1  frontmatter: the file has no frontmatter');
  });
});
