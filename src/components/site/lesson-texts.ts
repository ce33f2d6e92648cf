/**
 * Plain text of every lesson, read from disk at build time, for pages that search lesson text
 * (the glossary's "taught in" links). Lessons that fail validation never reach a build, so no
 * checks are repeated here.
 */
import { findLessonFiles, readLessonSource } from '../../curriculum/lesson-files.ts';
import type { LessonText } from '../../curriculum/glossary.ts';
import { plainText } from '../../curriculum/mdx-scan.ts';

export function lessonTexts(root: string): LessonText[] {
  return findLessonFiles(root)
    .filter((file) => file.extension === 'mdx')
    .map((file) => {
      const source = readLessonSource(file);
      const title = (source.data as { title?: unknown } | undefined)?.title;
      // Code blocks and SVG markup are not prose a term is "taught" in.
      const prose = source.body.replace(/```[\s\S]*?```/g, ' ').replace(/<svg[\s\S]*?<\/svg>/g, ' ');
      return { id: file.id, title: typeof title === 'string' ? title : file.id, text: plainText(prose) };
    });
}
