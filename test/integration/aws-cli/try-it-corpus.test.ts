/**
 * Every command in every lesson's Try it blocks parses and maps to a known operation with valid
 * parameters — without running it. This is the "equivalent SDK path" for machines without the AWS
 * CLI: checkAwsCommand gives the SDK command and input each line stands for.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAwsCommand } from '../../../src/aws-cli/index.ts';
import { findLessonFiles } from '../../../src/curriculum/lesson-files.ts';
import { extractTryItBlocks } from '../../../src/curriculum/try-it.ts';
import { startAwsTarget } from '../../support/aws-target.ts';

const root = resolve(import.meta.dirname, '../../..');
const lessons = findLessonFiles(root).filter((f) => f.extension === 'mdx');

describe('Try it commands map to SDK calls', () => {
  it('has lessons with Try it blocks', () => expect(lessons.length).toBeGreaterThan(10));

  it.each(lessons.map((l) => [l.path]))('%s', async (path) => {
    const blocks = extractTryItBlocks(readFileSync(join(root, path), 'utf8'));
    const problems: string[] = [];
    let checked = 0;
    for (const block of blocks) {
      for (const command of block.commands) {
        const result = await checkAwsCommand(command.text);
        if (!result.ok) problems.push(`${path}:${command.line} ${result.message}\n    ${command.text.slice(0, 120)}`);
        else checked++;
      }
    }
    expect(problems.join('\n')).toBe('');
    expect(checked).toBeGreaterThan(0);
  });
});

const target = await startAwsTarget();
if (!target) console.warn('[aws-cli engine] runTryItLine test SKIPPED: neither the embedded emulator nor moto_server is available.');

describe.skipIf(!target)('runTryItLine (the Try it runner without the AWS CLI)', () => {
  it(`runs a lesson command against the ${target?.kind ?? 'emulator'} with the CLI's result shape`, async () => {
    const { runTryItLine, createMemoryFileStore } = await import('../../../src/aws-cli/index.ts');
    const emulator = target!;
    try {
      const files = createMemoryFileStore();
      const created = await runTryItLine(['aws', 's3api', 'create-bucket', '--bucket', 'mlsec-demo-try-it'], { endpoint: emulator.url, files });
      expect(created.status).toBe(0);
      const listed = await runTryItLine(`aws s3api list-buckets --query 'Buckets[].Name' --output text`, { endpoint: emulator.url, files });
      expect(listed).toEqual({ status: 0, stdout: 'mlsec-demo-try-it\n', stderr: '' });
      expect((await runTryItLine('aws s3api get-bucket-policy --bucket nope-try-it', { endpoint: emulator.url })).status).toBe(254);
    } finally {
      await emulator.stop();
    }
  });
});
