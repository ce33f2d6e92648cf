import rawSyllabus from '../../content/syllabus/domain4.json' with { type: 'json' };
import { syllabusSchema, type Syllabus, type SyllabusItem, type TaskStatement } from './syllabus-schema.ts';

/** The validated Domain 4 syllabus; importing this module fails loudly if the data file is invalid. */
export const syllabus: Syllabus = parseSyllabus(rawSyllabus);

/** Every item id, in exam-guide order. */
export const syllabusItemIds: readonly string[] = syllabus.taskStatements.flatMap((t) => t.items.map((i) => i.id));

/** Every curriculum topic id. */
export const curriculumTopicIds: readonly string[] = syllabus.topics.map((t) => t.id);

const itemsById = new Map<string, SyllabusItem & { taskStatement: TaskStatement }>(
  syllabus.taskStatements.flatMap((task) => task.items.map((item) => [item.id, { ...item, taskStatement: task }] as const)),
);

export function isSyllabusItemId(id: string): boolean {
  return itemsById.has(id);
}

export function getSyllabusItem(id: string): (SyllabusItem & { taskStatement: TaskStatement }) | undefined {
  return itemsById.get(id);
}

/** The task statement (`4.1`…) an item id belongs to. */
export function taskStatementOf(itemId: string): string {
  return itemId.split('.').slice(0, 2).join('.');
}

function parseSyllabus(data: unknown): Syllabus {
  const result = syllabusSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`content/syllabus/domain4.json is invalid:\n${problems}`);
  }
  return result.data;
}
