import { describe, expect, it } from 'vitest';
import { extractTryItBlocks, splitShellWords } from './try-it.ts';

const fence = '```';

describe('extractTryItBlocks', () => {
  it('returns each block with its title, line and commands split into argv', () => {
    const source = [
      'Some text.', // 1
      '', // 2
      '<TryIt title="Lock down the bucket">', // 3
      '', // 4
      `${fence}sh`, // 5
      '# create it first', // 6
      'aws s3api create-bucket --bucket mlsec-demo-training-data', // 7
      '', // 8
      `aws s3api put-bucket-policy --bucket mlsec-demo-training-data --policy '{"Version":"2012-10-17","Statement":[]}'`, // 9
      fence, // 10
      '', // 11
      '</TryIt>', // 12
    ].join('\n');
    const [block, ...rest] = extractTryItBlocks(source);
    expect(rest).toEqual([]);
    expect(block).toMatchObject({ title: 'Lock down the bucket', line: 3, problems: [] });
    expect(block!.commands.map((c) => c.line)).toEqual([7, 9]);
    expect(block!.commands[0]!.argv).toEqual(['aws', 's3api', 'create-bucket', '--bucket', 'mlsec-demo-training-data']);
    expect(block!.commands[1]!.argv.at(-1)).toBe('{"Version":"2012-10-17","Statement":[]}');
  });

  it('ignores sh code blocks outside TryIt and TryIt written inside code', () => {
    const source = [`${fence}sh`, 'aws sts get-caller-identity', fence, '', `${fence}mdx`, '<TryIt>', fence].join('\n');
    expect(extractTryItBlocks(source)).toEqual([]);
  });

  it('finds several blocks in order, without a title when none is given', () => {
    const block = (cmd: string) => ['<TryIt>', '', `${fence}sh`, cmd, fence, '', '</TryIt>'].join('\n');
    const blocks = extractTryItBlocks(`${block('aws sts get-caller-identity')}\n\nText\n\n${block('aws iam list-roles')}`);
    expect(blocks.map((b) => [b.title, b.commands.map((c) => c.text)])).toEqual([
      [undefined, ['aws sts get-caller-identity']],
      [undefined, ['aws iam list-roles']],
    ]);
  });

  it.each([
    ['aws s3api list-buckets --endpoint-url http://localhost:4566', '--endpoint-url'],
    ['aws s3 ls s3://$BUCKET', 'shell variables'],
    ['aws s3 ls s3://<bucket-name>', 'placeholders'],
    ['aws s3 ls | grep demo', 'pipes'],
    ['aws s3api list-buckets \\', 'continuation'],
    ['curl http://example.com', 'one `aws …` command'],
    ["aws iam create-role --role-name x --assume-role-policy-document '{", 'unterminated single quote'],
  ])('reports %s', (command, expected) => {
    const source = ['<TryIt>', '', `${fence}sh`, command, fence, '', '</TryIt>'].join('\n');
    const [block] = extractTryItBlocks(source);
    expect(block!.problems.map((p) => p.message).join('\n')).toContain(expected);
    expect(block!.problems[0]!.line).toBe(4);
  });

  it('reports a block that is not closed, has no code, or uses another language', () => {
    expect(extractTryItBlocks('<TryIt>\n\n```sh\naws sts get-caller-identity\n```\n')[0]!.problems[0]!.message).toContain('never closed');
    expect(extractTryItBlocks('<TryIt>\nRun things.\n</TryIt>')[0]!.problems[0]!.message).toContain('no ```sh code block');
    expect(extractTryItBlocks('<TryIt>\n\n```bash\naws sts get-caller-identity\n```\n\n</TryIt>')[0]!.problems[0]!.message).toContain('use ```sh');
    expect(extractTryItBlocks('<TryIt />')[0]!.problems[0]!.message).toContain('empty');
  });
});

describe('splitShellWords', () => {
  it('handles single quotes, double quotes with escapes, and backslashes', () => {
    expect(splitShellWords(`aws x --a 'b c' --d "e \\"f\\" g" h\\ i`)).toEqual(['aws', 'x', '--a', 'b c', '--d', 'e "f" g', 'h i']);
    expect(splitShellWords(`--query 'Trails[?Name==\`x\`].TrailARN'`)).toEqual(['--query', 'Trails[?Name==`x`].TrailARN']);
    expect(splitShellWords('  spaced   out  ')).toEqual(['spaced', 'out']);
    expect(splitShellWords(`''`)).toEqual(['']);
  });

  it('throws on an unterminated quote', () => {
    expect(() => splitShellWords('aws "oops')).toThrow('unterminated double quote');
  });
});
