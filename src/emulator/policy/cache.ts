/**
 * The decision cache: answers keyed by everything a decision depends on — principal, action,
 * resource and its account, the exact compiled policies, and the values of the context keys those
 * policies read. Policies changed through `compilePolicy` get new ids, so their old answers are
 * never found again; `invalidate()` (the generation counter) drops everything at once, for callers
 * that prefer to bump it on every policy change. Least-recently-used entries go first.
 */
import type { AuthorizationResult } from './types.ts';

export class DecisionCache {
  #entries = new Map<string, AuthorizationResult>();
  #generation = 0;
  #hits = 0;
  #misses = 0;
  readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  get generation(): number {
    return this.#generation;
  }

  get stats(): { size: number; hits: number; misses: number; generation: number } {
    return { size: this.#entries.size, hits: this.#hits, misses: this.#misses, generation: this.#generation };
  }

  get(key: string): AuthorizationResult | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    // Re-insert to mark as recently used.
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit;
  }

  set(key: string, result: AuthorizationResult): void {
    if (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, result);
  }

  /** Bumps the generation and forgets every answer. Call after any policy, tag or organisation change. */
  invalidate(): number {
    this.#entries.clear();
    return ++this.#generation;
  }
}
