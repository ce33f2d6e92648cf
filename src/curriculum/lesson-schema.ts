import { z } from 'zod';
import { curriculumTopicIds, isSyllabusItemId } from './syllabus.ts';

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a kebab-case id such as s3-data-protection');

/**
 * Frontmatter of a lesson (`content/lessons/<task-statement>/<lesson-id>.mdx`).
 * The lesson id is its file name without extension; it is also its URL: `/lessons/<lesson-id>`.
 */
export const lessonFrontmatterSchema = z.strictObject({
  /** Page title and first heading, in sentence case. */
  title: z.string().min(5).max(90),
  /** One or two sentences: what the learner will be able to do afterwards. Shown in lists and search. */
  summary: z.string().min(20).max(300),
  /** Syllabus item ids this lesson teaches (e.g. `4.3.S1`); each must exist in the Domain 4 syllabus. */
  syllabus: z
    .array(z.string())
    .min(1)
    .superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        if (!isSyllabusItemId(id)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `unknown syllabus item id "${id}" (ids look like 4.3.S1; see content/syllabus/domain4.json)` });
        }
      });
    }),
  /** Curriculum topics from the founding brief this lesson teaches (ids from `content/syllabus/domain4.json` topics). */
  topics: z
    .array(z.string())
    .default([])
    .superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        if (!curriculumTopicIds.includes(id)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `unknown curriculum topic "${id}" (known: ${curriculumTopicIds.join(', ')})` });
        }
      });
    }),
  /** Lesson ids a learner should read first. */
  prerequisites: z.array(kebabId).default([]),
  /** Estimated reading time in minutes, including the knowledge check. */
  minutes: z.number().int().min(3).max(90),
  /** Lab ids (folders under `labs/`) that practise this lesson hands-on. */
  labs: z.array(kebabId).default([]),
  /** Tags used to draw this lesson's knowledge check from the question bank (besides its syllabus items). */
  questionTags: z.array(kebabId).default([]),
  /** Date the technical content was last checked against AWS documentation (YYYY-MM-DD). */
  lastReviewed: z.coerce.date(),
  /** Position within its task statement in the lesson sidebar (ascending). */
  order: z.number().int().min(1),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
