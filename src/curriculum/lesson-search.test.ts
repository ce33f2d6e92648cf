import { describe, expect, it } from 'vitest';
import { searchLessons, searchTerms } from './lesson-search.ts';

const lessons = [
  {
    id: 'trails',
    title: 'CloudTrail trails',
    summary: 'Create a trail and react to events.',
    body: 'Intro about auditing.\n\n## Log file validation\n\nDigest files prove that logs were not changed.\n\n```sh\naws cloudtrail validate-logs\n```\n',
  },
  {
    id: 'keys',
    title: 'Encryption with KMS',
    summary: 'Keys, key policies and grants for ML data.',
    body: '<Callout type="note">A key policy decides who may use a key.</Callout>\n\n## Key rotation\n\nRotate keys yearly.',
  },
];

describe('searchLessons', () => {
  it('ranks title matches first and links to the best-matching section', () => {
    const [first, ...rest] = searchLessons(lessons, 'cloudtrail');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ id: 'trails', href: '/lessons/trails#log-file-validation', section: 'Log file validation' });
    expect(first!.excerpt).toContain('aws cloudtrail validate-logs');
  });

  it('requires every term to appear, matches body text without markup, and ignores case', () => {
    expect(searchLessons(lessons, 'KEY POLICY').map((r) => r.id)).toEqual(['keys']);
    expect(searchLessons(lessons, 'policy digest')).toEqual([]);
    expect(searchLessons(lessons, 'Callout')).toEqual([]);
  });

  it('returns nothing for an empty or one-letter query', () => {
    expect(searchLessons(lessons, '')).toEqual([]);
    expect(searchLessons(lessons, 'a')).toEqual([]);
  });
});

describe('searchTerms', () => {
  it('keeps AWS-style tokens whole and drops duplicates', () => {
    expect(searchTerms('s3:GetObject, S3:getobject 4.3.S1 —')).toEqual(['s3:getobject', '4.3.s1']);
  });
});
