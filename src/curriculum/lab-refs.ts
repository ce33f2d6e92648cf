/**
 * What the curriculum needs to know about labs: which syllabus items and topics each one practises.
 * A lab is a folder `labs/<lab-id>/` whose `lab.ts` default-exports its definition (the lab engine
 * owns the full schema); coverage only reads `syllabus` (required), and `title` and `topics` when present.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContentProblem } from './lesson-validation.ts';
import { curriculumTopicIds, isSyllabusItemId } from './syllabus.ts';

export interface LabRef {
  /** The folder name under `labs/`. */
  id: string;
  /** The lab's title, when its definition has one. */
  title?: string;
  /** Syllabus item ids the lab practises. */
  syllabus: string[];
  /** Curriculum topic ids the lab practises. */
  topics: string[];
  /** `labs/<id>/lab.ts`. */
  file: string;
}

/** Ids of the folders under `labs/` (each is a lab id, whether or not its lab.ts is valid). */
export function labFolderIds(root: string): string[] {
  const dir = join(root, 'labs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_') && statSync(join(dir, name)).isDirectory())
    .sort();
}

/**
 * Imports every `labs/<id>/lab.ts` and reads what coverage needs. Runs on Node 24 (type stripping),
 * so lab modules follow the project's rule of importing `.ts` files by their full name.
 * Problems (no lab.ts, an import error, no syllabus array, unknown ids) are returned, not thrown.
 */
export async function loadLabRefs(root: string): Promise<{ labs: LabRef[]; problems: ContentProblem[] }> {
  const labs: LabRef[] = [];
  const problems: ContentProblem[] = [];
  for (const id of labFolderIds(root)) {
    const file = `labs/${id}/lab.ts`;
    const report = (field: string, message: string) => problems.push({ file, field, message });
    const absolute = join(root, file);
    if (!existsSync(absolute)) {
      report('file', 'the lab folder has no lab.ts; every lab defines itself in labs/<lab-id>/lab.ts');
      continue;
    }
    let definition: unknown;
    try {
      definition = ((await import(/* @vite-ignore */ pathToFileURL(absolute).href)) as { default?: unknown }).default;
    } catch (error) {
      report('import', `could not be loaded: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!definition || typeof definition !== 'object') {
      report('default export', 'lab.ts must default-export the lab definition (an object)');
      continue;
    }
    const { syllabus, topics, title } = definition as { syllabus?: unknown; topics?: unknown; title?: unknown };
    if (!Array.isArray(syllabus) || syllabus.some((s) => typeof s !== 'string')) {
      report('syllabus', 'the default export needs a syllabus array of item ids such as ["4.3.S1"]');
      continue;
    }
    const ids = syllabus as string[];
    ids.forEach((s, i) => {
      if (!isSyllabusItemId(s)) report(`syllabus[${i}]`, `unknown syllabus item id "${s}" (ids look like 4.3.S1; see content/syllabus/domain4.json)`);
    });
    const topicIds = Array.isArray(topics) ? topics.filter((t): t is string => typeof t === 'string') : [];
    topicIds.forEach((t, i) => {
      if (!curriculumTopicIds.includes(t)) report(`topics[${i}]`, `unknown curriculum topic "${t}"`);
    });
    labs.push({ id, title: typeof title === 'string' ? title : undefined, syllabus: ids.filter(isSyllabusItemId), topics: topicIds, file });
  }
  return { labs, problems };
}
