/**
 * Seeded randomness for exams. The same seed always gives the same questions in the same order
 * with the same option order, so a session can be rebuilt, shared or tested exactly.
 */

/** A 32-bit hash of a string (FNV-1a); turns a human-readable seed into PRNG state. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator of floats in [0, 1) (mulberry32: tiny, fast, good enough for shuffling). */
export type Random = () => number;

export function seededRandom(seed: string): Random {
  let state = hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates); the input is left untouched. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * A shuffled copy that differs from the input order whenever it can (two or more distinct items).
 * Ordering questions use it so that the order a learner is shown is never already the answer.
 */
export function shuffledAwayFrom<T>(items: readonly T[], random: Random): T[] {
  if (items.length < 2) return [...items];
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = shuffled(items, random);
    if (candidate.some((item, i) => item !== items[i])) return candidate;
  }
  // Astronomically unlikely; rotate by one so the result is still deterministic and different.
  return [...items.slice(1), items[0]!];
}

/** A fresh random seed for a new session (not reproducible on purpose; stored in the session). */
export function newSeed(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
