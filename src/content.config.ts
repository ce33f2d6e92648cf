/**
 * Content collections: wires loaders to schemas, nothing more. The rules beyond a single file's
 * frontmatter (links, prerequisites, labs, lesson structure) live in src/curriculum/lesson-validation.ts.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonFrontmatterSchema } from './curriculum/lesson-schema.ts';
import { lessonIdFromEntryPath } from './curriculum/lesson-outline.ts';

export const collections = {
  lessons: defineCollection({
    loader: glob({ base: './content/lessons', pattern: '*/*.mdx', generateId: ({ entry }) => lessonIdFromEntryPath(entry) }),
    schema: lessonFrontmatterSchema,
  }),
};
