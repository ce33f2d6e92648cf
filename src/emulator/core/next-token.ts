/**
 * NextToken paging for List/Describe operations. A token carries the position of the next item and
 * a fingerprint of the request's filters, so a token replayed with other filters, or one that was
 * edited, is refused as AWS refuses it. Each service names its own error (InvalidNextTokenException,
 * Organizations' InvalidInputException with reason INVALID_PAGINATION_TOKEN …).
 */
import { createHash } from 'node:crypto';
import type { AwsServiceError } from './errors.ts';

export interface TokenPage<T> {
  items: T[];
  /** Absent on the last page. */
  nextToken?: string;
}

export interface TokenPaging {
  nextToken?: string;
  maxResults?: number;
  /** Page size when the caller gives none. */
  defaultMaxResults: number;
  /** The filters the listing was made with (anything JSON-serialisable); part of the token. */
  scope?: unknown;
  /** The service's error for a token it did not issue for this listing. */
  invalidToken: () => AwsServiceError;
}

function fingerprint(scope: unknown): string {
  return createHash('sha256').update(JSON.stringify(scope ?? null)).digest('base64url').slice(0, 10);
}

/** One page of `items` (already in the service's order). */
export function pageByToken<T>(items: readonly T[], paging: TokenPaging): TokenPage<T> {
  const scope = fingerprint(paging.scope);
  let start = 0;
  if (paging.nextToken !== undefined) {
    const text = Buffer.from(paging.nextToken, 'base64url').toString('utf8');
    const m = /^(\d{1,9})\.([\w-]{10})$/.exec(text);
    if (!m || m[2] !== scope) throw paging.invalidToken();
    start = Number(m[1]);
  }
  const size = paging.maxResults ?? paging.defaultMaxResults;
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: Buffer.from(`${end}.${scope}`).toString('base64url') } : { items: page };
}
