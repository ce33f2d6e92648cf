import { describe, expect, it } from 'vitest';
import { extractComponentNames, extractExplicitIds, extractHeadings, extractInlineSvgs, extractLinks, plainText } from './mdx-scan.ts';

describe('extractHeadings', () => {
  it('gives the GitHub-style ids the site uses, de-duplicated, and skips code blocks', () => {
    const source = ['## How the exam asks it', '', '```sh', '# not a heading', '```', '### The `aws cloudtrail` command', '## How the exam asks it', '#### S3 **data** events'].join('\n');
    expect(extractHeadings(source)).toEqual([
      { depth: 2, text: 'How the exam asks it', slug: 'how-the-exam-asks-it', line: 1 },
      { depth: 3, text: 'The aws cloudtrail command', slug: 'the-aws-cloudtrail-command', line: 6 },
      { depth: 2, text: 'How the exam asks it', slug: 'how-the-exam-asks-it-1', line: 7 },
      { depth: 4, text: 'S3 data events', slug: 's3-data-events', line: 8 },
    ]);
  });

  it('reduces inline markdown to text', () => {
    expect(plainText('Use [IAM](https://x) and `s3:GetObject` with *care*')).toBe('Use IAM and s3:GetObject with care');
  });
});

describe('extractLinks', () => {
  it('finds markdown links and href attributes, not code', () => {
    const source = ['See [the syllabus](/syllabus#4.1.K2 "items") and <a href="/lessons/x">x</a>.', '`[not](/a-link)`', '```', '[nope](/nope)', '```', "<a href={'/labs'}>labs</a>"].join('\n');
    expect(extractLinks(source)).toEqual([
      { href: '/syllabus#4.1.K2', line: 1 },
      { href: '/lessons/x', line: 1 },
      { href: '/labs', line: 6 },
    ]);
  });
});

describe('other extractors', () => {
  it('finds explicit ids, component names and inline SVGs', () => {
    const source = ['<Figure caption="x">', '  <svg role="img"', '    aria-labelledby="a b" viewBox="0 0 10 10">', '    <title id="a">T</title><desc id="b">D</desc>', '  </svg>', '</Figure>', '`<NotAComponent>`'].join('\n');
    expect(extractExplicitIds(source).map((i) => i.id)).toEqual(['a', 'b']);
    expect(extractComponentNames(source)).toEqual([{ name: 'Figure', line: 1 }]);
    const [svg] = extractInlineSvgs(source);
    expect(svg!.line).toBe(2);
    expect(svg!.openingTag).toBe('<svg role="img" aria-labelledby="a b" viewBox="0 0 10 10">');
    expect(svg!.markup).toContain('<desc id="b">');
  });
});
