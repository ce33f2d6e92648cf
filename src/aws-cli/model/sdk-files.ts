/**
 * Reads files that ship inside an installed SDK package (type declarations with documentation,
 * paginator definitions). Only ever `node_modules`, never a user's files. Returns undefined when a
 * file is not there (a trimmed install, a bundled deployment): callers degrade, they do not fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const roots = new Map<string, string | undefined>();

/** The installed package's root folder (the one with package.json). */
export function packageRoot(packageName: string): string | undefined {
  if (!roots.has(packageName)) {
    let root: string | undefined;
    try {
      let dir = dirname(require.resolve(packageName));
      while (dir !== dirname(dir) && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
      root = existsSync(join(dir, 'package.json')) ? dir : undefined;
    } catch {
      root = undefined;
    }
    roots.set(packageName, root);
  }
  return roots.get(packageName);
}

export function readPackageFile(packageName: string, relativePath: string): string | undefined {
  const root = packageRoot(packageName);
  if (!root) return undefined;
  try {
    return readFileSync(join(root, relativePath), 'utf8');
  } catch {
    return undefined;
  }
}

export function listPackageFiles(packageName: string, relativeDir: string): string[] {
  const root = packageRoot(packageName);
  if (!root) return [];
  try {
    return readdirSync(join(root, relativeDir)).sort();
  } catch {
    return [];
  }
}
