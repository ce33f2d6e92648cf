/**
 * Lesson search for the server-rendered /search page: plain term matching over titles, summaries,
 * headings and body text, ranked by where the terms appear. Small on purpose: ~25 lessons need no
 * index, and the page ships no JavaScript.
 */
import { extractHeadings, scanLines } from './mdx-scan.ts';

export interface SearchableLesson {
  id: string;
  title: string;
  summary: string;
  /** The MDX body (frontmatter removed). */
  body: string;
}

export interface SearchResult {
  id: string;
  title: string;
  summary: string;
  /** Link target: the lesson, or the section where the best body match is. */
  href: string;
  /** The heading of that section, when there is one. */
  section?: string;
  /** A short excerpt around the first match in the body, when the body matched. */
  excerpt?: string;
  score: number;
}

const WEIGHTS = { title: 8, summary: 4, heading: 3, body: 1 };

/** Lower-case words of at least two characters (keeps ids such as s3 or 4.3.s1 whole). */
export function searchTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/[^a-z0-9.:_-]+/).map((t) => t.replace(/^[.:_-]+|[.:_-]+$/g, '')).filter((t) => t.length >= 2))];
}

export function searchLessons(lessons: readonly SearchableLesson[], query: string, limit = 20): SearchResult[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const results: SearchResult[] = [];
  for (const lesson of lessons) {
    const sections = sectionsOf(lesson.body);
    const title = lesson.title.toLowerCase();
    const summary = lesson.summary.toLowerCase();
    let score = 0;
    let everyTermFound = true;
    for (const term of terms) {
      const inTitle = count(title, term);
      const inSummary = count(summary, term);
      const inHeadings = sections.reduce((n, s) => n + count(s.heading.toLowerCase(), term), 0);
      const inBody = sections.reduce((n, s) => n + count(s.text, term), 0);
      if (inTitle + inSummary + inHeadings + inBody === 0) everyTermFound = false;
      score += inTitle * WEIGHTS.title + inSummary * WEIGHTS.summary + inHeadings * WEIGHTS.heading + Math.min(inBody, 10) * WEIGHTS.body;
    }
    // Every term must appear somewhere: "kms policy" should not return every lesson that says "policy".
    if (!everyTermFound || score === 0) continue;
    const best = sections
      .map((s) => ({ s, hits: terms.reduce((n, t) => n + count(s.text, t) + count(s.heading.toLowerCase(), t) * 3, 0) }))
      .filter((x) => x.hits > 0)
      .sort((a, b) => b.hits - a.hits)[0]?.s;
    results.push({
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      href: best?.slug ? `/lessons/${lesson.id}#${best.slug}` : `/lessons/${lesson.id}`,
      section: best?.heading || undefined,
      excerpt: best ? excerpt(best.original, terms) : undefined,
      score,
    });
  }
  return results.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, limit);
}

interface Section {
  heading: string;
  slug: string;
  /** Lower-cased plain text, for matching. */
  text: string;
  /** Plain text with its case, for excerpts. */
  original: string;
}

/** The body split at level-2 and level-3 headings, reduced to readable text. */
function sectionsOf(body: string): Section[] {
  const headings = extractHeadings(body).filter((h) => h.depth === 2 || h.depth === 3);
  const lines = scanLines(body);
  const sections: Section[] = [];
  let current = { heading: '', slug: '', parts: [] as string[] };
  const flush = () => {
    const original = plain(current.parts.join('\n'));
    sections.push({ heading: current.heading, slug: current.slug, text: original.toLowerCase(), original });
  };
  for (const line of lines) {
    const heading = !line.inCode && headings.find((h) => h.line === line.line);
    if (heading) {
      flush();
      current = { heading: heading.text, slug: heading.slug, parts: [] };
    } else current.parts.push(line.text);
  }
  flush();
  return sections;
}

/** MDX reduced to words: no tags, attribute syntax, fences or markdown punctuation. */
function plain(mdx: string): string {
  return mdx
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/^\s*(`{3,}|~{3,}).*$/gm, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function count(haystack: string, term: string): number {
  let n = 0;
  for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + term.length)) n++;
  return n;
}

function excerpt(text: string, terms: string[], radius = 90): string {
  const lower = text.toLowerCase();
  const at = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) return text.slice(0, radius * 2);
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
