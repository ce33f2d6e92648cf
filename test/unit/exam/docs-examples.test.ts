import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateQuestionSources } from '../../../src/exam/bank-validate.ts';
import { root } from './helpers.ts';

describe('docs/exams.md', () => {
  it('shows a valid example of every question type', () => {
    const doc = readFileSync(join(root, 'docs/exams.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n(# (content\/questions\/\S+)\n[\s\S]*?)```/g)].map((m) => ({ path: m[2]!, text: m[1]! }));
    const result = validateQuestionSources(blocks);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.question.type).sort()).toEqual(['case-study', 'matching', 'multiple', 'ordering', 'single']);
  });
});
