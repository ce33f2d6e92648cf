import { describe, expect, it } from 'vitest';
import { countsByTask, readinessOf, type ItemEvidence } from '../../../src/islands/progress/readiness.ts';

const base: ItemEvidence = { id: '4.3.S1', text: 't', task: '4.3', lessonRead: false, hasLesson: true, lab: 'not-started' };

describe('readiness per syllabus item', () => {
  it('is ready only with the lesson read, the lab passed unaided and 70% of 3+ recent answers right', () => {
    const all: ItemEvidence = { ...base, lessonRead: true, lab: 'passed', exam: { accuracy: 0.75, answers: 4 } };
    expect(readinessOf(all)).toBe('ready');
    expect(readinessOf({ ...all, lab: 'passed-assisted' })).toBe('progressing');
    expect(readinessOf({ ...all, exam: { accuracy: 1, answers: 2 } })).toBe('progressing');
    expect(readinessOf({ ...all, exam: { accuracy: 0.6, answers: 10 } })).toBe('progressing');
    expect(readinessOf({ ...all, lessonRead: false })).toBe('progressing');
    expect(readinessOf({ ...all, lab: 'none' })).toBe('ready');
  });

  it('is not started without any evidence, and counts per task statement', () => {
    expect(readinessOf(base)).toBe('not-started');
    expect(readinessOf({ ...base, lab: 'attempted' })).toBe('progressing');
    const items = [base, { ...base, id: 'x', lessonRead: true }, { ...base, id: 'y', task: '4.1', lessonRead: true, lab: 'none' as const, exam: { accuracy: 1, answers: 3 } }];
    expect(countsByTask(items)).toEqual([
      { task: '4.3', ready: 0, progressing: 1, notStarted: 1, total: 2 },
      { task: '4.1', ready: 1, progressing: 0, notStarted: 0, total: 1 },
    ]);
  });
});
