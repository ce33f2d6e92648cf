/**
 * Which bank questions a lesson shows as "Practice questions from the exam bank", and how many the
 * bank holds for the lesson's items. Pure: the page passes the validated bank in.
 *
 * Only single- and multiple-response questions are shown inline (they render without JavaScript as
 * a choice list with a reveal); every type is reachable through the practice link.
 */
import type { Question } from '../exam/question-schema.ts';

export type InlineQuestion = Extract<Question, { type: 'single' | 'multiple' }>;

export interface LessonPracticeInput {
  syllabus: readonly string[];
  questionTags: readonly string[];
}

export interface LessonPractice {
  /** Questions to show on the page, best first. */
  inline: InlineQuestion[];
  /** Scored items in the bank (case-study parts counted separately) that test any of the lesson's syllabus items. */
  totalForItems: number;
}

export function pickLessonPractice(bank: readonly Question[], lesson: LessonPracticeInput, count = 3): LessonPractice {
  const items = new Set(lesson.syllabus);
  const tags = new Set(lesson.questionTags);
  const scored = bank
    .filter((q): q is InlineQuestion => (q.type === 'single' || q.type === 'multiple') && q.syllabus.some((id) => items.has(id)))
    .map((question) => ({
      question,
      // Tags say what the lesson is about more precisely than the broad exam items do.
      score: 2 * question.tags.filter((t) => tags.has(t)).length + question.syllabus.filter((id) => items.has(id)).length,
    }))
    .sort((a, b) => b.score - a.score || a.question.id.localeCompare(b.question.id));

  // Greedy: prefer a question that tests an item not yet shown, so three questions span the lesson.
  const inline: InlineQuestion[] = [];
  const shownItems = new Set<string>();
  const remaining = [...scored];
  while (inline.length < count && remaining.length > 0) {
    const fresh = remaining.findIndex((c) => c.question.syllabus.some((id) => items.has(id) && !shownItems.has(id)));
    const [chosen] = remaining.splice(fresh === -1 ? 0 : fresh, 1);
    inline.push(chosen!.question);
    chosen!.question.syllabus.forEach((id) => shownItems.add(id));
  }

  let totalForItems = 0;
  for (const q of bank) {
    const parts = q.type === 'case-study' ? q.questions : [q];
    totalForItems += parts.filter((part) => part.syllabus.some((id) => items.has(id))).length;
  }
  return { inline, totalForItems };
}

/**
 * Link to the exam simulator's practice mode, scoped to a lesson's items. No #fragment: the offer
 * it leads to is rendered in the browser, so the served page has no element to point at (the site's
 * link check, test/e2e/links.test.ts, requires every fragment to exist).
 */
export function lessonPracticeHref(lesson: { id: string; title: string }, syllabus: readonly string[]): string {
  const params = new URLSearchParams({ lesson: lesson.id, title: lesson.title, items: syllabus.join(',') });
  return `/exams/?${params.toString()}`;
}
