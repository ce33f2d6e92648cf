/**
 * Lessons as the site's pages see them: the content collection mapped to the outline shape that
 * src/curriculum/lesson-outline.ts arranges. Only for .astro pages (it reads astro:content).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { taskStatementFromFilePath, type OutlineLesson } from '../../curriculum/lesson-outline.ts';

export type LessonEntry = CollectionEntry<'lessons'>;
export type SiteLesson = OutlineLesson & { entry: LessonEntry };

export async function getSiteLessons(): Promise<SiteLesson[]> {
  const entries = await getCollection('lessons');
  return entries.map((entry) => ({
    id: entry.id,
    title: entry.data.title,
    summary: entry.data.summary,
    order: entry.data.order,
    minutes: entry.data.minutes,
    taskStatement: taskStatementFromFilePath(entry.filePath ?? ''),
    entry,
  }));
}
