import { z } from 'zod';
import { isSyllabusItemId } from './syllabus.ts';

/** One fact worth knowing cold, with the syllabus items it supports (linked to their lessons). */
const factSchema = z.strictObject({
  /** The fact, in one or two sentences. */
  text: z.string().min(30).max(400),
  /** Syllabus item ids the fact belongs to; each must exist. */
  items: z
    .array(z.string())
    .min(1)
    .superRefine((ids, ctx) => {
      for (const id of ids) if (!isSyllabusItemId(id)) ctx.addIssue({ code: 'custom', message: `unknown syllabus item id "${id}"` });
    }),
});

/** The one-page summary of Domain 4 (`content/at-a-glance.yaml`). */
export const atAGlanceSchema = z.strictObject({
  /** What Domain 4 is and how the exam asks about it. */
  intro: z.string().min(100),
  /** One section per task statement, in order 4.1, 4.2, 4.3. */
  taskStatements: z
    .array(
      z.strictObject({
        /** `4.1`, `4.2` or `4.3`. */
        id: z.enum(['4.1', '4.2', '4.3']),
        /** What the task statement is about, in a sentence or two. */
        focus: z.string().min(50),
        /** The facts to know. */
        facts: z.array(factSchema).min(4),
        /** Tempting wrong answers the exam sets. */
        traps: z.array(z.string().min(20)).min(2),
      }),
    )
    .length(3),
});

export type AtAGlance = z.infer<typeof atAGlanceSchema>;
