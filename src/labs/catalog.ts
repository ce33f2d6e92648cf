/**
 * Loads `labs/<lab-id>/lab.ts` files and validates them against the lab schema. An invalid lab is
 * an error naming the file and each field, never a half-working lab.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { labDefinitionSchema, type LabDefinition } from './definition.ts';

export class LabDefinitionError extends Error {
  readonly file: string;
  readonly issues: { path: string; message: string }[];
  constructor(file: string, issues: { path: string; message: string }[]) {
    super(`${file} is not a valid lab:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'LabDefinitionError';
    this.file = file;
    this.issues = issues;
  }
}

/** `labs/` at the project root (MLSEC_LABS_DIR overrides it, for tests with fixture labs). */
export function labsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.MLSEC_LABS_DIR || join(import.meta.dirname, '../../labs'));
}

export const briefFrontmatterSchema = z.strictObject({
  /** The lab this brief belongs to (its folder name). */
  lab: z.string(),
  /** One line under the title on the lab page. */
  tagline: z.string().min(10).max(160),
});

export interface LoadedLab {
  definition: LabDefinition;
  dir: string;
  /** The learner-facing story, without frontmatter. */
  brief: string;
  briefFile: string;
}

/** Validates one lab folder. */
export async function loadLab(dir: string, root = labsRoot()): Promise<LoadedLab> {
  const file = join(dir, 'lab.ts');
  const shown = relative(resolve(root, '..'), file) || file;
  if (!existsSync(file)) throw new LabDefinitionError(shown, [{ path: '', message: 'lab.ts is missing' }]);
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new LabDefinitionError(shown, [{ path: '', message: `cannot be loaded: ${(error as Error).message}` }]);
  }
  if (exported === undefined) throw new LabDefinitionError(shown, [{ path: '', message: 'has no default export (export default defineLab({ … }))' }]);
  const parsed = labDefinitionSchema.safeParse(exported);
  const folder = dir.split(/[\\/]/).at(-1)!;
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (parsed.success && parsed.data.id !== folder) issues.push({ path: 'id', message: `must equal the folder name "${folder}"` });

  const briefFile = join(dir, 'brief.mdx');
  let brief = '';
  if (!existsSync(briefFile)) {
    issues.push({ path: 'brief.mdx', message: 'is missing: every lab needs a learner-facing brief' });
  } else {
    const text = readFileSync(briefFile, 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    if (!match) {
      issues.push({ path: 'brief.mdx', message: 'needs frontmatter (--- lab: <id> / tagline: … ---)' });
    } else {
      const front = briefFrontmatterSchema.safeParse(parseYaml(match[1]!));
      if (!front.success) for (const i of front.error.issues) issues.push({ path: `brief.mdx.${i.path.join('.')}`, message: i.message });
      else if (front.data.lab !== folder) issues.push({ path: 'brief.mdx.lab', message: `must be "${folder}"` });
      brief = match[2]!;
    }
  }
  if (issues.length > 0 || !parsed.success) throw new LabDefinitionError(shown, issues);
  return { definition: parsed.data, dir, brief, briefFile };
}

/** Every lab under `root`, sorted by id. Collects every invalid lab into one error. */
export async function loadLabs(root = labsRoot()): Promise<LoadedLab[]> {
  if (!existsSync(root)) return [];
  const dirs = readdirSync(root)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_') && statSync(join(root, name)).isDirectory())
    .sort();
  const labs: LoadedLab[] = [];
  const errors: LabDefinitionError[] = [];
  for (const name of dirs) {
    try {
      labs.push(await loadLab(join(root, name), root));
    } catch (error) {
      if (error instanceof LabDefinitionError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new Error(errors.map((e) => e.message).join('\n'));
  return labs;
}

export async function findLab(id: string, root = labsRoot()): Promise<LoadedLab> {
  const dir = join(root, id);
  if (!/^[a-z0-9-]+$/.test(id) || !existsSync(dir)) {
    const known = existsSync(root) ? readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory() && !n.startsWith('_')) : [];
    throw new Error(`There is no lab "${id}". Labs: ${known.join(', ') || 'none'}. See them with \`npm run lab -- list\`.`);
  }
  return loadLab(dir, root);
}
