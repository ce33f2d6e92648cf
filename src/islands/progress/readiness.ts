/**
 * Readiness per syllabus item from the three kinds of evidence: a lesson on it read, a lab on it
 * passed (without the solution), and recent exam answers on it. Pure, for the progress page.
 */
export interface ItemEvidence {
  id: string;
  text: string;
  task: string;
  lessonRead: boolean;
  hasLesson: boolean;
  /** `none` when no lab practises the item. */
  lab: 'passed' | 'passed-assisted' | 'attempted' | 'not-started' | 'none';
  /** Share right of the recent answers on the item, and how many. */
  exam?: { accuracy: number; answers: number };
}

export type Readiness = 'ready' | 'progressing' | 'not-started';

/** Ready: 70%+ of at least 3 recent answers right, the lesson read, and the lab passed unaided (if there is one). */
export function readinessOf(item: ItemEvidence): Readiness {
  const examOk = !!item.exam && item.exam.answers >= 3 && item.exam.accuracy >= 0.7;
  const lessonOk = item.lessonRead || !item.hasLesson;
  const labOk = item.lab === 'passed' || item.lab === 'none';
  if (examOk && lessonOk && labOk) return 'ready';
  const any = item.lessonRead || (item.lab !== 'none' && item.lab !== 'not-started') || (item.exam?.answers ?? 0) > 0;
  return any ? 'progressing' : 'not-started';
}

export function countsByTask(items: readonly ItemEvidence[]): { task: string; ready: number; progressing: number; notStarted: number; total: number }[] {
  const tasks = [...new Set(items.map((i) => i.task))];
  return tasks.map((task) => {
    const mine = items.filter((i) => i.task === task).map(readinessOf);
    return { task, ready: mine.filter((r) => r === 'ready').length, progressing: mine.filter((r) => r === 'progressing').length, notStarted: mine.filter((r) => r === 'not-started').length, total: mine.length };
  });
}
