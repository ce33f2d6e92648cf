/**
 * The labs, for the site's pages: every `labs/<id>/lab.ts` validated by the lab schema (an invalid
 * lab fails the build, naming the file and fields) with its rendered `brief.mdx`.
 */
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { labDefinitionSchema, type LabDefinition } from '../../labs/definition.ts';

export interface SiteLab {
  id: string;
  definition: LabDefinition;
  tagline: string;
  Brief: AstroComponentFactory;
}

const definitions = import.meta.glob<{ default: unknown }>('/labs/*/lab.ts', { eager: true });
const briefs = import.meta.glob<{ default: AstroComponentFactory; frontmatter: { tagline?: string } }>('/labs/*/brief.mdx', { eager: true });

let cached: SiteLab[] | undefined;

export function getSiteLabs(): SiteLab[] {
  if (cached) return cached;
  const labs: SiteLab[] = [];
  const problems: string[] = [];
  for (const [file, mod] of Object.entries(definitions)) {
    const id = file.split('/')[2]!;
    const parsed = labDefinitionSchema.safeParse(mod.default);
    if (!parsed.success) {
      problems.push(`labs/${id}/lab.ts: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
      continue;
    }
    const brief = briefs[`/labs/${id}/brief.mdx`];
    if (!brief) {
      problems.push(`labs/${id}/brief.mdx is missing`);
      continue;
    }
    labs.push({ id, definition: parsed.data, tagline: brief.frontmatter.tagline ?? parsed.data.summary, Brief: brief.default });
  }
  if (problems.length) throw new Error(`Invalid labs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  cached = labs.sort((a, b) => a.id.localeCompare(b.id));
  return cached;
}

/** The task statement (4.1, 4.2, 4.3) a lab belongs to: that of its first syllabus item. */
export function taskStatementOfLab(lab: SiteLab): string {
  return lab.definition.syllabus[0]!.split('.').slice(0, 2).join('.');
}
