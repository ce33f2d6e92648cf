/**
 * The lab format: an invalid definition is refused with the file and each field named; hints keep
 * the answer for their last level; templates fill run-specific names and refuse unknown ones.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLab, loadLabs, LabDefinitionError } from './catalog.ts';
import { renderTemplate } from './context.ts';

const root = mkdtempSync(join(tmpdir(), 'mlsec-labs-'));
const kit = resolve(import.meta.dirname, 'kit/index.ts');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const brief = (id: string) => `---\nlab: ${id}\ntagline: A fixture lab used by the lab-format tests.\n---\n\nStory.\n`;

const task = (id: string, extra = '') => `{
  id: '${id}',
  title: 'Task ${id}',
  goal: 'The bucket keeps every version of its objects.',
  why: 'Overwrites and deletes can be undone.',
  checks: [{ check: 's3-bucket-versioning', resource: 'bucket' }],
  hints: {
    nudge: 'S3 can keep every version of every object instead of overwriting it.',
    where: 'It is the bucket setting PutBucketVersioning; the status you want is Enabled.',
    command: 'aws s3api put-bucket-versioning --bucket {{bucket}} --versioning-configuration Status=Enabled',
  },${extra}
}`;

function writeLab(id: string, body: string, withBrief = true): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lab.ts'), `import { defineLab } from ${JSON.stringify(kit)};\nexport default defineLab(${body});\n`);
  if (withBrief) writeFileSync(join(dir, 'brief.mdx'), brief(id));
  return dir;
}

const validBody = (id: string, tasks = [task('a'), task('b'), task('c')].join(',\n'), extra = '') => `{
  id: '${id}',
  title: 'A fixture lab for tests',
  summary: 'A lab that exists only to exercise the lab definition schema in tests.',
  syllabus: ['4.3.S1'],
  difficulty: 'introductory',
  estimatedMinutes: 10,
  services: ['s3'],
  resources: { bucket: { type: 's3:bucket', name: 'data', title: 'the data bucket' } },
  setup: [{ title: 'Create the bucket', run: async () => {} }],
  tasks: [${tasks}],
  solution: [
    { task: 'a', title: 'Enable versioning', run: async () => {} },
    { task: 'b', title: 'Enable versioning', run: async () => {} },
    { task: 'c', title: 'Enable versioning', run: async () => {} },
  ],
  nearMisses: [{ id: 'suspend', title: 'Suspending versioning', explanation: 'Suspended is not enabled: new overwrites are final again.', task: 'a', apply: async () => {} }],${extra}
}`;

async function issuesOf(dir: string): Promise<{ path: string; message: string }[]> {
  try {
    await loadLab(dir, root);
  } catch (error) {
    expect(error).toBeInstanceOf(LabDefinitionError);
    return (error as LabDefinitionError).issues;
  }
  throw new Error('expected the lab to be invalid');
}

describe('lab definition validation', () => {
  it('accepts a valid lab', async () => {
    const lab = await loadLab(writeLab('valid-lab', validBody('valid-lab')), root);
    expect(lab.definition.tasks.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(lab.definition.timeLimitMinutes).toBeUndefined();
  });

  it('names the file and every field that is wrong', async () => {
    const body = validBody('broken-lab')
      .replace("syllabus: ['4.3.S1']", "syllabus: ['4.9.S9']")
      .replace("services: ['s3']", "services: ['s3', 'teleport']")
      .replace("resource: 'bucket' }],\n  hints", "resource: 'bucket', params: { x: 1 } }],\n  hints");
    const dir = writeLab('broken-lab', body);
    const error = (await loadLab(dir, root).catch((e: unknown) => e)) as LabDefinitionError;
    expect(error.message).toMatch(/^mlsec-labs-[^/]+\/broken-lab\/lab\.ts is not a valid lab:/);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['syllabus.0', 'services.1', 'tasks.0.checks.0.params']));
    expect(error.issues.find((i) => i.path === 'tasks.0.checks.0.params')!.message).toMatch(/takes no parameters/);
  });

  it('refuses unknown checks, resources of the wrong kind, and missing solutions', async () => {
    const tasks = [task('a').replace("check: 's3-bucket-versioning'", "check: 's3-bucket-teleportation'"), task('b').replace("check: 's3-bucket-versioning'", "check: 's3-account-block-public-access'"), task('c')].join(',\n');
    const body = validBody('bad-refs', tasks).replace("{ task: 'c', title: 'Enable versioning', run: async () => {} },", '');
    const issues = await issuesOf(writeLab('bad-refs', body));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['tasks.0.checks.0.check']).toMatch(/no check with this id/);
    expect(byPath['tasks.1.checks.0.resource']).toMatch(/about AWS::::Account, not|evaluates AWS::::Account/);
    expect(byPath.solution).toMatch(/task "c" has no reference solution step/);
  });

  it('keeps the answer out of the first two hint levels', async () => {
    const leaky = task('a').replace("where: 'It is the bucket setting PutBucketVersioning; the status you want is Enabled.'", "where: 'Run aws s3api put-bucket-versioning --bucket x --versioning-configuration Status=Enabled'");
    const issues = await issuesOf(writeLab('leaky-hints', validBody('leaky-hints', [leaky, task('b'), task('c')].join(',\n'))));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^tasks\.0\.hints\.where: must not contain an AWS CLI command/), expect.stringMatching(/^tasks\.0\.hints\.where: must not contain CLI flags/)]));
  });

  it('requires at least three tasks, a near-miss, a brief, and an id equal to the folder', async () => {
    const few = await issuesOf(writeLab('too-small', validBody('too-small', task('a')).replace(/nearMisses: \[.*\],/s, 'nearMisses: [],').replace(/\{ task: 'b'.*?\},\n\s*\{ task: 'c'.*?\},/s, '')));
    expect(few.map((i) => i.path)).toEqual(expect.arrayContaining(['tasks', 'nearMisses']));
    const noBrief = await issuesOf(writeLab('no-brief', validBody('no-brief'), false));
    expect(noBrief).toEqual([{ path: 'brief.mdx', message: expect.stringMatching(/is missing/) }]);
    const renamed = await issuesOf(writeLab('folder-name', validBody('another-name')));
    expect(renamed).toEqual([{ path: 'id', message: 'must equal the folder name "folder-name"' }]);
  });

  it('collects every invalid lab of a folder into one error', async () => {
    await expect(loadLabs(root)).rejects.toThrow(/broken-lab\/lab\.ts is not a valid lab[\s\S]*leaky-hints\/lab\.ts is not a valid lab/);
  });
});

describe('templates', () => {
  const vars = { names: { bucket: 'mlsec-abcd1234-data' }, facts: { keyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' }, accountId: '111122223333', region: 'us-east-1', partition: 'aws', runId: 'abcd1234' };

  it('fills resource names, facts and built-ins', () => {
    expect(renderTemplate('{{bucket}} {{fact.keyArn}} {{accountId}} {{region}} {{prefix}}', vars)).toBe('mlsec-abcd1234-data arn:aws:kms:us-east-1:111122223333:key/k 111122223333 us-east-1 mlsec-abcd1234');
  });

  it('refuses a placeholder that names nothing', () => {
    expect(() => renderTemplate('{{bukket}}', vars)).toThrow(/\{\{bukket\}\} names nothing this lab declares/);
    expect(() => renderTemplate('{{fact.missing}}', vars)).toThrow(/setup recorded no fact "missing"/);
  });
});
