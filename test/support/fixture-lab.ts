/** Writes a small, valid lab into a folder, for tests that need a lab with particular needs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const kit = resolve(import.meta.dirname, '../../src/labs/kit/index.ts');
// Absolute, so the lab also loads from a temporary folder outside the project (no node_modules there).
const s3Sdk = import.meta.resolve('@aws-sdk/client-s3');

export function writeFixtureLab(root: string, id: string, options: { operations?: string[]; services?: string[] } = {}): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  const task = (t: string) => `{
    id: '${t}', title: 'Keep every version ${t}', goal: 'The bucket keeps every version of its objects.', why: 'Overwrites and deletes can be undone.',
    checks: [{ check: 's3-bucket-versioning', resource: 'bucket' }],
    hints: {
      nudge: 'S3 can keep every version of every object instead of overwriting it.',
      where: 'It is the bucket setting PutBucketVersioning; the status you want is Enabled.',
      command: 'aws s3api put-bucket-versioning --bucket {{bucket}} --versioning-configuration Status=Enabled',
    },
  }`;
  writeFileSync(
    join(dir, 'lab.ts'),
    `import { PutBucketVersioningCommand } from ${JSON.stringify(s3Sdk)};
import { createBucket, defineLab } from ${JSON.stringify(kit)};
const enable = async (ctx) => { const s3 = await ctx.aws.client('s3'); await s3.send(new PutBucketVersioningCommand({ Bucket: ctx.names.bucket, VersioningConfiguration: { Status: 'Enabled' } })); };
export default defineLab({
  id: '${id}',
  title: 'A fixture lab for tests',
  summary: 'A lab that exists only to exercise the lab engine in tests.',
  syllabus: ['4.3.S1'],
  difficulty: 'introductory',
  estimatedMinutes: 10,
  services: ${JSON.stringify(options.services ?? ['s3'])},
  operations: ${JSON.stringify(options.operations ?? [])},
  resources: { bucket: { type: 's3:bucket', name: 'data', title: 'the data bucket' } },
  setup: [{ title: 'Create the bucket', run: (ctx) => createBucket(ctx, ctx.names.bucket) }],
  tasks: [${['a', 'b', 'c'].map(task).join(',')}],
  solution: ['a', 'b', 'c'].map((task) => ({ task, title: 'Enable versioning', run: enable })),
  nearMisses: [{ id: 'nothing', title: 'Doing nothing at all', explanation: 'Nothing changes, so versioning stays off and the task fails.', task: 'a', apply: async () => {} }],
});
`,
  );
  writeFileSync(join(dir, 'brief.mdx'), `---\nlab: ${id}\ntagline: A fixture lab used by the engine's tests.\n---\n\n## The story\n\nA fixture.\n`);
  return dir;
}
