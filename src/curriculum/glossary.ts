/**
 * The glossary (`content/glossary.yaml`): loading with legible errors, and finding the lessons that
 * teach each term by searching their text for the term and its aliases — so "taught in" links are
 * computed, never maintained by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { glossarySchema, type GlossaryEntry } from './glossary-schema.ts';
import type { ContentProblem } from './lesson-validation.ts';

export const GLOSSARY_FILE = 'content/glossary.yaml';

export interface GlossaryLoad {
  entries: GlossaryEntry[];
  problems: ContentProblem[];
}

export function loadGlossary(root: string): GlossaryLoad {
  const path = join(root, GLOSSARY_FILE);
  if (!existsSync(path)) return { entries: [], problems: [{ file: GLOSSARY_FILE, field: 'file', message: 'is missing; the /glossary page needs it' }] };
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { entries: [], problems: [{ file: GLOSSARY_FILE, field: 'yaml', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  return checkGlossary(data);
}

/** Validates parsed glossary data: schema, unique terms, "see also" naming real terms, alphabetical order. */
export function checkGlossary(data: unknown): GlossaryLoad {
  const parsed = glossarySchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...rest] = issue.path;
      const term = typeof index === 'number' && Array.isArray(data) ? (data[index] as { term?: unknown })?.term : undefined;
      const where = typeof index === 'number' ? `entry ${index + 1}${typeof term === 'string' ? ` ("${term}")` : ''}` : 'the file';
      return { file: GLOSSARY_FILE, field: `${where}${rest.length ? ` ${rest.join('.')}` : ''}`, message: issue.message };
    });
    return { entries: [], problems };
  }
  const entries = parsed.data;
  const problems: ContentProblem[] = [];
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    const key = entry.term.toLowerCase();
    if (byKey.has(key)) problems.push({ file: GLOSSARY_FILE, field: `"${entry.term}"`, message: 'is defined twice; merge the two entries' });
    byKey.set(key, entry.term);
  }
  for (const entry of entries) {
    for (const other of entry.seeAlso) {
      if (!byKey.has(other.toLowerCase())) problems.push({ file: GLOSSARY_FILE, field: `"${entry.term}" seeAlso`, message: `names "${other}", which is not a term of the glossary` });
    }
  }
  const sorted = [...entries].sort((a, b) => sortKey(a.term).localeCompare(sortKey(b.term)));
  const firstOut = entries.findIndex((e, i) => e !== sorted[i]);
  if (firstOut !== -1) {
    problems.push({ file: GLOSSARY_FILE, field: `"${entries[firstOut]!.term}"`, message: `is out of alphabetical order; it belongs where "${sorted[firstOut]!.term}" is` });
  }
  return { entries, problems };
}

/** Terms sort by their words without a leading "AWS"/"Amazon", as readers look them up. */
export function sortKey(term: string): string {
  return term.replace(/^(AWS|Amazon)\s+/, '').toLowerCase();
}

/** A stable anchor for a term on the /glossary page. */
export function termAnchor(term: string): string {
  return `term-${term.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

export interface LessonText {
  id: string;
  title: string;
  /** Plain text of the lesson (no markup). */
  text: string;
}

/** Lessons whose text mentions the term or one of its aliases, most mentions first (at most `limit`). */
export function lessonsTeaching(entry: GlossaryEntry, lessons: readonly LessonText[], limit = 4): LessonText[] {
  const patterns = [entry.term.replace(/\s*\([^)]*\)$/, ''), ...entry.aliases].map(
    (phrase) => new RegExp(`(?<![\\w:/-])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'gi'),
  );
  return lessons
    .map((lesson) => ({ lesson, hits: patterns.reduce((n, p) => n + (lesson.text.match(p)?.length ?? 0), 0) }))
    .filter((r) => r.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.lesson.title.localeCompare(b.lesson.title))
    .slice(0, limit)
    .map((r) => r.lesson);
}
