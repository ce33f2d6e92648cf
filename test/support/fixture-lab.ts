/** Writes a small, valid lab into a folder, for tests that need a lab with particular needs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const kit = resolve(import.meta.dirname, '../../src/labs/kit/index.ts');
// Absolute, so the lab also loads from a temporary folder outside the project (no node_modules there).
const s3Sdk = import.meta.resolve('@aws-sdk/client-s3');

export function writeFixtureLab(root: string, id: string, options: { operations?: string[]; services?: string[]; investigation?: boolean } = {}): string {
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
  // An investigation task: a graded answer (a fact recorded at setup) and a probe graded by its outcome.
  const investigation = options.investigation
    ? `,{
    id: 'investigate', title: 'Name the bucket', goal: 'Answer which bucket holds the data, and make sure it can still be read.', why: 'Investigations start by naming the asset.',
    checks: [{ check: 'lab-probe-outcome', resource: 'lab', params: { probe: 'readVersioning', expect: 'allowed' } }],
    questions: [{ id: 'which-bucket', prompt: 'Which bucket holds the data?', answer: { fact: 'bucketName' } }],
    hints: {
      nudge: 'Every bucket the lab created starts with the run prefix.',
      where: 'List the buckets of the account and look for the data bucket.',
      command: 'aws s3api list-buckets --query "Buckets[].Name"',
    },
  }`
    : '';
  const probes = options.investigation
    ? `probes: { readVersioning: { description: 'GetBucketVersioning on the data bucket', run: async (ctx) => { try { const s3 = await ctx.aws.client('s3'); await s3.send(new GetBucketVersioningCommand({ Bucket: ctx.names.bucket })); return { description: 'GetBucketVersioning on the data bucket', outcome: 'allowed' }; } catch (e) { return { description: 'GetBucketVersioning on the data bucket', outcome: 'denied', errorCode: e.name, message: e.message }; } } } },`
    : '';
  writeFileSync(
    join(dir, 'lab.ts'),
    `import { GetBucketVersioningCommand, PutBucketVersioningCommand } from ${JSON.stringify(s3Sdk)};
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
  setup: [{ title: 'Create the bucket', run: async (ctx) => { await createBucket(ctx, ctx.names.bucket); ctx.setFact('bucketName', ctx.names.bucket); } }],
  tasks: [${['a', 'b', 'c'].map(task).join(',')}${investigation}],
  solution: [...['a', 'b', 'c'].map((task) => ({ task, title: 'Enable versioning', run: enable }))${options.investigation ? ", { task: 'investigate', title: 'Name the bucket', run: async () => {}, answers: { 'which-bucket': '{{bucket}}' } }" : ''}],
  ${probes}
  nearMisses: [{ id: 'nothing', title: 'Doing nothing at all', explanation: 'Nothing changes, so versioning stays off and the task fails.', task: 'a', apply: async () => {} }],
});
`,
  );
  writeFileSync(join(dir, 'brief.mdx'), `---\nlab: ${id}\ntagline: A fixture lab used by the engine's tests.\n---\n\n## The story\n\nA fixture.\n`);
  return dir;
}
