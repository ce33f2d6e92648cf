import { describe, expect, it } from 'vitest';
import type { Question } from '../exam/question-schema.ts';
import { lessonPracticeHref, pickLessonPractice } from './lesson-practice.ts';

const option = (id: string, correct: boolean) => ({ id, text: `option ${id}`, correct, explanation: `because ${id} is what it is` });
const single = (id: string, syllabus: string[], tags: string[] = []): Question => ({
  id,
  type: 'single',
  syllabus,
  services: ['S3'],
  difficulty: 'easy',
  tags,
  stem: `stem of ${id} that is long enough to be a stem`,
  explanation: `explanation of ${id} that is long enough`,
  references: { lessons: [], docs: ['Some AWS page'] },
  options: [option('a', true), option('b', false), option('c', false), option('d', false)],
});
const ordering = (id: string, syllabus: string[]): Question => ({
  id,
  type: 'ordering',
  syllabus,
  services: ['S3'],
  difficulty: 'easy',
  tags: [],
  stem: `stem of ${id} that is long enough to be a stem`,
  explanation: `explanation of ${id} that is long enough`,
  references: { lessons: [], docs: ['Some AWS page'] },
  items: [
    { id: 'a', text: 'first', explanation: 'first because it comes first' },
    { id: 'b', text: 'second', explanation: 'second because it comes next' },
    { id: 'c', text: 'third', explanation: 'third because it comes last' },
  ],
});

describe('pickLessonPractice', () => {
  const bank = [
    single('q-a', ['4.3.S1'], ['kms']),
    single('q-b', ['4.3.S1'], ['kms', 's3']),
    single('q-c', ['4.3.K1']),
    single('q-d', ['4.1.K1'], ['kms']),
    ordering('q-e', ['4.3.S1']),
  ];

  it('prefers tag matches, then spreads the picks over the lesson items', () => {
    const { inline } = pickLessonPractice(bank, { syllabus: ['4.3.S1', '4.3.K1'], questionTags: ['kms', 's3'] }, 2);
    expect(inline.map((q) => q.id)).toEqual(['q-b', 'q-c']);
  });

  it('never shows questions on other items, nor types that need JavaScript', () => {
    const { inline } = pickLessonPractice(bank, { syllabus: ['4.3.S1'], questionTags: ['kms'] }, 5);
    expect(inline.map((q) => q.id).sort()).toEqual(['q-a', 'q-b']);
  });

  it('counts every scored item on the lesson items, whatever its type', () => {
    expect(pickLessonPractice(bank, { syllabus: ['4.3.S1'], questionTags: [] }).totalForItems).toBe(3);
  });

  it('is deterministic', () => {
    const input = { syllabus: ['4.3.S1', '4.3.K1', '4.1.K1'], questionTags: ['kms'] };
    expect(pickLessonPractice(bank, input)).toEqual(pickLessonPractice([...bank].reverse(), input));
  });

  it('links to practice scoped to the lesson', () => {
    expect(lessonPracticeHref({ id: 'least-privilege', title: 'Least privilege' }, ['4.3.S1', '4.3.K1'])).toBe(
      '/exams/?lesson=least-privilege&title=Least+privilege&items=4.3.S1%2C4.3.K1',
    );
  });
});
