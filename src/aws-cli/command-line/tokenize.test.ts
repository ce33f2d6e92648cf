import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../curriculum/try-it.ts';
import { CliUsageError } from '../errors.ts';
import { quoteWord, splitWords, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits words as a POSIX shell does for single quotes, double quotes and backslashes', () => {
    expect(splitWords(`aws s3api put-bucket-policy --bucket b --policy '{"Version": "2012-10-17"}'`)).toEqual(['aws', 's3api', 'put-bucket-policy', '--bucket', 'b', '--policy', '{"Version": "2012-10-17"}']);
    expect(splitWords(`aws iam x --a "say \\"hi\\" \\\\ \\$5" --b it\\'s --c ''`)).toEqual(['aws', 'iam', 'x', '--a', 'say "hi" \\ $5', '--b', "it's", '--c', '']);
    expect(splitWords(`--query 'Vpcs[?IsDefault].VpcId' a'b'"c"`)).toEqual(['--query', 'Vpcs[?IsDefault].VpcId', 'abc']);
    expect(splitWords('aws sts get-caller-identity # who am I')).toEqual(['aws', 'sts', 'get-caller-identity']);
  });

  it('records where each word starts and ends, quotes included', () => {
    expect(tokenize(`aws  'a b' c`)).toEqual([
      { value: 'aws', start: 0, end: 3 },
      { value: 'a b', start: 5, end: 10 },
      { value: 'c', start: 11, end: 12 },
    ]);
  });

  it('expands nothing: globs and tildes stay as typed', () => {
    expect(splitWords('aws s3api x --key *.csv --path ~/data')).toEqual(['aws', 's3api', 'x', '--key', '*.csv', '--path', '~/data']);
  });

  it.each([
    ['aws s3api list-buckets | head', '|', 23],
    ['aws s3api list-buckets > out.json', '>', 23],
    ['aws sts get-caller-identity; rm -rf /', ';', 27],
    ['aws sts get-caller-identity && echo ok', '&', 28],
    ['aws iam get-role --role-name $ROLE', 'variables', 29],
    ['aws iam get-role --role-name "$(whoami)"', '$(…)', 30],
    ['aws iam get-role --role-name `whoami`', '`', 29],
  ])('refuses shell features: %s', (line, words, position) => {
    let error: unknown;
    try {
      tokenize(line);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as CliUsageError).message).toContain(words);
    expect((error as CliUsageError).position).toBe(position);
  });

  it('points at an unterminated quote, and accepts it in lenient mode (completion)', () => {
    expect(() => tokenize(`aws iam get-role --role-name 'abc`)).toThrow(/single quote at column 30 is never closed/);
    expect(tokenize(`aws iam get-role --role-name 'ab`, { lenient: true }).at(-1)).toEqual({ value: 'ab', start: 29, end: 32, openQuote: "'" });
  });

  it('agrees with the Try it extractor on every word quoteWord produces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 12 }).filter((s) => !s.includes('\n')), { minLength: 1, maxLength: 6 }), (words) => {
        const line = words.map(quoteWord).join(' ');
        expect(splitWords(line)).toEqual(words);
        expect(splitShellWords(line)).toEqual(words);
      }),
    );
  });
});
