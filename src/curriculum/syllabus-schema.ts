import { z } from 'zod';

/** A syllabus item id such as `4.3.S1`: task statement, then K (knowledge) or S (skill) and a number. */
export const syllabusItemId = z
  .string()
  .regex(/^4\.[1-3]\.[KS]\d{1,2}$/, 'a syllabus item id looks like 4.3.S1 (task statement, K or S, number)');

/** One knowledge or skill item of a task statement. */
export const syllabusItemSchema = z.strictObject({
  /** Stable id used by lessons, labs and questions, e.g. `4.1.K2`. */
  id: syllabusItemId,
  /** Whether the exam guide lists it under "knowledge of" or "skills in". */
  kind: z.enum(['knowledge', 'skill']),
  /** The item's wording, close to the exam guide. */
  text: z.string().min(5),
});

/** One task statement (4.1, 4.2, 4.3) with its items. */
export const taskStatementSchema = z.strictObject({
  /** `4.1`, `4.2` or `4.3`. */
  id: z.string().regex(/^4\.[1-3]$/),
  /** The task statement's title as the exam guide words it. */
  title: z.string().min(5),
  /** Its knowledge and skill items, in exam-guide order. */
  items: z.array(syllabusItemSchema).min(1),
});

/** A topic the product's curriculum must teach beyond the exam guide's own items. */
export const curriculumTopicSchema = z.strictObject({
  /** Stable kebab-case id that lessons list under `topics`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** What the topic covers. */
  title: z.string().min(3),
  /** True when the exam itself does not test it (taught as context only). */
  outOfExamScope: z.boolean().optional(),
});

/** The whole Domain 4 syllabus file (`content/syllabus/domain4.json`). */
export const syllabusSchema = z
  .strictObject({
    /** Exam code, `MLA-C01`. */
    exam: z.literal('MLA-C01'),
    /** The domain this product covers. */
    domain: z.strictObject({ id: z.literal('4'), title: z.string(), weightPercent: z.number().int() }),
    /** Task statements 4.1–4.3. */
    taskStatements: z.array(taskStatementSchema).length(3),
    /** Topics from the founding brief that lessons must teach too. */
    topics: z.array(curriculumTopicSchema),
  })
  .superRefine((syllabus, ctx) => {
    const seen = new Set<string>();
    for (const task of syllabus.taskStatements) {
      for (const item of task.items) {
        if (!item.id.startsWith(`${task.id}.`)) {
          ctx.addIssue({ code: 'custom', message: `item ${item.id} is listed under task statement ${task.id}` });
        }
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate syllabus item id ${item.id}` });
        seen.add(item.id);
      }
    }
  });

export type SyllabusItem = z.infer<typeof syllabusItemSchema>;
export type TaskStatement = z.infer<typeof taskStatementSchema>;
export type CurriculumTopic = z.infer<typeof curriculumTopicSchema>;
export type Syllabus = z.infer<typeof syllabusSchema>;
