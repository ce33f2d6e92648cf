/**
 * Paging for List/Describe operations — the one implementation every service uses, whatever its
 * wire names (NextToken, Marker/NextMarker, IsTruncated …). A token carries the position of the next
 * item (an index, or a key for services that continue after a key) and a fingerprint of the request's
 * filters, so a token replayed with other filters, or one that was edited, is refused as AWS refuses
 * it. Each service names its own error (InvalidNextTokenException, KMS's InvalidMarkerException,
 * Organizations' InvalidInputException with reason INVALID_PAGINATION_TOKEN …).
 */
import { createHash } from 'node:crypto';
import type { AwsServiceError } from './errors.ts';

export interface TokenPage<T> {
  items: T[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** Why a token was refused: not one of ours at all, or one issued for a request with other filters. */
export type InvalidTokenReason = 'malformed' | 'foreign';

export interface TokenPaging {
  nextToken?: string;
  maxResults?: number;
  /** Page size when the caller gives none. */
  defaultMaxResults: number;
  /** The filters the listing was made with (anything JSON-serialisable); part of the token. */
  scope?: unknown;
  /** The service's error for a token it did not issue for this listing. */
  invalidToken: (reason: InvalidTokenReason, token: string) => AwsServiceError;
}

function fingerprint(scope: unknown): string {
  return createHash('sha256').update(JSON.stringify(scope ?? null)).digest('base64url').slice(0, 10);
}

/** An opaque token for continuing a listing at `position` (an index or a key), bound to `scope`. */
export function encodeScopedToken(position: number | string, scope?: unknown): string {
  return Buffer.from(JSON.stringify([position, fingerprint(scope)])).toString('base64url');
}

/**
 * The position a token continues at; undefined when there is no token. A token that is not one of
 * ours, or was issued for another scope, gets the service's error.
 */
export function decodeScopedToken(token: string | undefined, scope: unknown, invalid: (reason: InvalidTokenReason, token: string) => AwsServiceError): number | string | undefined {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('malformed', token);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || (typeof decoded[0] !== 'number' && typeof decoded[0] !== 'string') || typeof decoded[1] !== 'string') throw invalid('malformed', token);
  if (typeof decoded[0] === 'number' && (!Number.isInteger(decoded[0]) || decoded[0] < 0)) throw invalid('malformed', token);
  // The same bytes must come back: a token with extra or altered characters is not ours.
  if (Buffer.from(JSON.stringify(decoded)).toString('base64url') !== token) throw invalid('malformed', token);
  if (decoded[1] !== fingerprint(scope)) throw invalid('foreign', token);
  return decoded[0];
}

/** One page of `items` (already in the service's order). */
export function pageByToken<T>(items: readonly T[], paging: TokenPaging): TokenPage<T> {
  const position = decodeScopedToken(paging.nextToken, paging.scope, paging.invalidToken);
  if (typeof position === 'string') throw paging.invalidToken('malformed', paging.nextToken!);
  const start = position ?? 0;
  const size = paging.maxResults ?? paging.defaultMaxResults;
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: encodeScopedToken(end, paging.scope) } : { items: page };
}
