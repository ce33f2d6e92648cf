import { describe, expect, it } from 'vitest';
import { completeAwsCommand } from './complete.ts';
import { createMemoryFileStore } from './files/file-store.ts';

describe('completeAwsCommand', () => {
  it('completes services, operations and options of the current operation', async () => {
    expect((await completeAwsCommand('aws sage')).candidates).toEqual(['sagemaker', 'sagemaker-runtime']);
    expect(await completeAwsCommand('aws s3api put-bucket-pol')).toEqual({ candidates: ['put-bucket-policy'], from: 10, to: 24 });
    const options = (await completeAwsCommand('aws s3api put-bucket-policy --bucket b --')).candidates;
    expect(options).toContain('--policy');
    expect(options).not.toContain('--bucket'); // already given
    expect(options).toContain('--output');
  });

  it('completes enum values the model lists, and global option choices', async () => {
    expect((await completeAwsCommand('aws s3api put-object --bucket b --key k --acl pub')).candidates).toEqual(['public-read', 'public-read-write']);
    expect((await completeAwsCommand('aws sts get-caller-identity --output t')).candidates).toEqual(['table', 'text']);
    expect((await completeAwsCommand('aws cloudwatch get-metric-statistics --statistics Average Ma')).candidates).toEqual(['Maximum']);
  });

  it('completes the session\'s files after file:// and the cursor may sit mid-line', async () => {
    const files = createMemoryFileStore({ 'policy.json': '{}', 'trust.json': '{}' });
    expect((await completeAwsCommand('aws s3api put-bucket-policy --bucket b --policy file://p', undefined, { files })).candidates).toEqual(['file://policy.json']);
    expect((await completeAwsCommand('aws ec2 des --dry-run', 11)).candidates).toContain('describe-vpcs');
  });

  it('offers nothing for unknown services instead of failing', async () => {
    expect((await completeAwsCommand('aws nope list-')).candidates).toEqual([]);
    expect((await completeAwsCommand('')).candidates).toEqual(['aws']);
  });
});
