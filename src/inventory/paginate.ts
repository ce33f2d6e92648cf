/** One page of a listing: its items and the token for the next page, if any. */
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

/**
 * Follows a token-paginated listing to the end. Stops with an error instead of looping forever when
 * an endpoint hands back the token it was given, and caps the number of pages.
 */
export async function paginate<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>, options: { maxPages?: number } = {}): Promise<T[]> {
  const maxPages = options.maxPages ?? 1_000;
  const all: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(token);
    all.push(...result.items);
    if (!result.next) return all;
    if (seen.has(result.next)) throw new Error(`The listing returned the same page token twice ("${result.next.slice(0, 40)}"); stopping instead of looping.`);
    seen.add(result.next);
    token = result.next;
  }
  throw new Error(`The listing had more than ${maxPages} pages; stopping.`);
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the input order. */
export async function mapLimit<T, U>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const results = new Array<U>(items.length);
  let nextIndex = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
