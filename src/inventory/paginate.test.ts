import { describe, expect, it } from 'vitest';
import { mapLimit, paginate } from './paginate.ts';

describe('pagination helpers', () => {
  it('follows tokens to the last page', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = { start: { items: [1, 2], next: 'a' }, a: { items: [3], next: 'b' }, b: { items: [4, 5] } };
    const seen: (string | undefined)[] = [];
    expect(await paginate(async (token) => (seen.push(token), pages[token ?? 'start']!))).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([undefined, 'a', 'b']);
  });

  it('stops instead of looping when an endpoint repeats a token', async () => {
    await expect(paginate(async () => ({ items: [1], next: 'same' }))).rejects.toThrow(/same page token twice/);
  });

  it('caps the number of pages', async () => {
    let n = 0;
    await expect(paginate(async () => ({ items: [], next: String(n++) }), { maxPages: 5 })).rejects.toThrow(/more than 5 pages/);
  });

  it('limits concurrency and keeps order', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
