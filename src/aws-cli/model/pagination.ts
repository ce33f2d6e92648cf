/**
 * Which operations the SDK paginates, and with which tokens: read from each client's
 * `dist-es/pagination/*Paginator.js`, which declare
 * `createPaginator(Client, Command, inputToken, outputToken, pageSizeKey)`. The CLI's own pagination
 * (--starting-token, --max-items, --page-size, automatic paging) is built on these.
 */
import { listPackageFiles, readPackageFile } from './sdk-files.ts';

export interface Paginator {
  /** Input member that carries the token (`NextToken`, `Marker`, `ContinuationToken`). */
  readonly inputToken: string;
  /** Output member with the next token (`NextToken`, `NextMarker`, `NextContinuationToken`). */
  readonly outputToken: string;
  /** Input member that limits a page (`MaxResults`, `MaxItems`, `MaxKeys`), if any. */
  readonly pageSizeKey?: string;
}

const cache = new Map<string, Map<string, Paginator>>();

/** Paginators of a package by operation name (`ListObjectsV2`). */
export function paginatorsOf(packageName: string): Map<string, Paginator> {
  let found = cache.get(packageName);
  if (!found) {
    found = new Map();
    for (const file of listPackageFiles(packageName, 'dist-es/pagination')) {
      if (!file.endsWith('Paginator.js')) continue;
      const source = readPackageFile(packageName, `dist-es/pagination/${file}`) ?? '';
      const match = /createPaginator\(\s*\w+,\s*(\w+)Command,\s*"([^"]*)",\s*"([^"]*)"(?:,\s*"([^"]*)")?\s*\)/.exec(source);
      if (match) found.set(match[1]!, { inputToken: match[2]!, outputToken: match[3]!, ...(match[4] ? { pageSizeKey: match[4] } : {}) });
    }
    cache.set(packageName, found);
  }
  return found;
}
