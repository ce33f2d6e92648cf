/**
 * Finding lesson files on disk and splitting them into frontmatter and body. Shared by the lesson
 * validator (build and tests) and the syllabus coverage report, so both read lessons the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

/** Where lessons live, relative to the project root. */
export const LESSONS_DIR = 'content/lessons';

export interface LessonFile {
  /** Path relative to the project root with forward slashes, e.g. `content/lessons/4.2/x.mdx`: the name errors use. */
  path: string;
  /** Absolute path on disk. */
  absolutePath: string;
  /** The folder directly under `content/lessons/` (a task statement such as `4.2`), or '' for a file at the top. */
  folder: string;
  /** File name without extension: the lesson id and URL slug. */
  id: string;
  /** Number of folders between `content/lessons/` and the file (1 is the only valid depth). */
  depth: number;
  /** File extension without the dot (`mdx` is the only valid one). */
  extension: string;
}

/** Every file under `content/lessons/` (valid or not: the validator reports misplaced ones), sorted by path. */
export function findLessonFiles(root: string): LessonFile[] {
  const base = join(root, LESSONS_DIR);
  if (!existsSync(base)) return [];
  const files: LessonFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      if (entry.startsWith('.')) continue;
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const rel = relative(base, full).split(sep);
      const name = rel[rel.length - 1]!;
      const dot = name.lastIndexOf('.');
      files.push({
        path: [LESSONS_DIR, ...rel].join('/'),
        absolutePath: full,
        folder: rel.length > 1 ? rel[0]! : '',
        id: dot > 0 ? name.slice(0, dot) : name,
        depth: rel.length - 1,
        extension: dot > 0 ? name.slice(dot + 1) : '',
      });
    }
  };
  walk(base);
  return files;
}

export interface LessonSource {
  /** The frontmatter as parsed YAML (undefined when there is none or it does not parse). */
  data: unknown;
  /** Problems parsing the frontmatter, with 1-based line numbers in the file. */
  yamlErrors: { line: number; message: string }[];
  /** 1-based line in the file of a frontmatter key path (e.g. `['syllabus', 0]`), when it exists. */
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
  /** Whether the file starts with a `---` frontmatter block. */
  hasFrontmatter: boolean;
  /** Everything after the frontmatter. */
  body: string;
  /** 1-based line in the file where `body` starts (add `bodyLine - 1` to a body line number). */
  bodyLine: number;
}

/** Splits MDX source into its YAML frontmatter and body, keeping line numbers for error messages. */
export function parseLessonSource(source: string): LessonSource {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) {
    return { data: undefined, yamlErrors: [], lineOf: () => undefined, hasFrontmatter: false, body: source, bodyLine: 1 };
  }
  const yamlText = match[1]!;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  // Frontmatter starts on line 2 (line 1 is the opening ---).
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  const yamlErrors = doc.errors.map((e) => ({ line: fileLine(e.pos[0]), message: e.message.split('\n')[0]! }));
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return fileLine(node.range[0]);
      // A key whose value is missing has no node: point at its parent instead.
    }
    return undefined;
  };
  const consumed = match[0];
  return {
    data: yamlErrors.length ? undefined : doc.toJS(),
    yamlErrors,
    lineOf,
    hasFrontmatter: true,
    body: source.slice(consumed.length),
    bodyLine: consumed.split('\n').length + (consumed.endsWith('\n') ? 0 : 1),
  };
}

/** Reads and splits one lesson file. */
export function readLessonSource(file: LessonFile): LessonSource {
  return parseLessonSource(readFileSync(file.absolutePath, 'utf8'));
}
