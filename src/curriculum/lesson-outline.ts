/**
 * How lessons are arranged for readers: grouped by task statement (4.1, 4.2, 4.3) in syllabus
 * order, and by each lesson's `order` within a group. Used by the sidebar, the lesson index, the
 * home page and previous/next links, so they always agree.
 */
import { syllabus } from './syllabus.ts';
import type { TaskStatement } from './syllabus-schema.ts';

/** What the outline needs to know about a lesson. */
export interface OutlineLesson {
  id: string;
  title: string;
  summary: string;
  order: number;
  minutes: number;
  /** The task statement folder the lesson file sits in, e.g. `4.2`. */
  taskStatement: string;
}

export interface OutlineGroup<L extends OutlineLesson = OutlineLesson> {
  task: TaskStatement;
  lessons: L[];
}

/** The lesson id for a collection entry path such as `4.2/cloudtrail-trails-and-retraining.mdx`. */
export function lessonIdFromEntryPath(entry: string): string {
  const name = entry.split('/').pop()!;
  return name.replace(/\.mdx$/, '');
}

/** The task statement for a collection entry's file path (`content/lessons/4.2/x.mdx` → `4.2`). */
export function taskStatementFromFilePath(filePath: string): string {
  const parts = filePath.split(/[\\/]/);
  return parts[parts.length - 2] ?? '';
}

/** Every task statement in syllabus order with its lessons sorted by `order` (groups may be empty). */
export function lessonOutline<L extends OutlineLesson>(lessons: readonly L[]): OutlineGroup<L>[] {
  return syllabus.taskStatements.map((task) => ({
    task,
    lessons: lessons.filter((l) => l.taskStatement === task.id).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)),
  }));
}

/** The lessons before and after `id` in reading order (across task statements). */
export function neighbours<L extends OutlineLesson>(lessons: readonly L[], id: string): { previous?: L; next?: L } {
  const flat = lessonOutline(lessons).flatMap((g) => g.lessons);
  const index = flat.findIndex((l) => l.id === id);
  if (index < 0) return {};
  return { previous: flat[index - 1], next: flat[index + 1] };
}
