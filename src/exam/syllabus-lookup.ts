/**
 * The Domain 4 syllabus for code that runs in the browser. It reads the same data file as
 * `src/curriculum/syllabus.ts` but without its zod validation, which would add zod to every exam
 * page; the file is validated by that module in `npm test` and the build.
 */
import rawSyllabus from '../../content/syllabus/domain4.json' with { type: 'json' };
import type { Syllabus } from '../curriculum/syllabus-schema.ts';

export const syllabusData = rawSyllabus as Syllabus;

/** Task statements (4.1 …) with their items, in exam-guide order. */
export const taskStatements = syllabusData.taskStatements;

/** Every item id, in exam-guide order. */
export const syllabusItemIds: readonly string[] = taskStatements.flatMap((t) => t.items.map((i) => i.id));

/** The task statement (`4.1`…) an item id belongs to. */
export function taskStatementOf(itemId: string): string {
  return itemId.split('.').slice(0, 2).join('.');
}

/** The item's exam-guide wording, or the id itself when unknown. */
export function itemText(itemId: string): string {
  for (const task of taskStatements) {
    const item = task.items.find((i) => i.id === itemId);
    if (item) return item.text;
  }
  return itemId;
}
