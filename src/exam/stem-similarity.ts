/**
 * Duplicate and near-duplicate stems. Two questions that ask the same thing in slightly different
 * words inflate the bank and let a learner pass by memory, so the validator compares every pair.
 */

/** Lowercase words without punctuation, so formatting and case do not hide a duplicate. */
export function normaliseStem(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Word trigrams of normalised text (whole words when the text is shorter than three). */
export function shingles(normalised: string): Set<string> {
  const words = normalised.split(' ').filter(Boolean);
  if (words.length < 3) return new Set([words.join(' ')]);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** Jaccard similarity of two shingle sets, 0 (nothing shared) to 1 (identical). */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface StemEntry {
  /** Who owns the text: a question or sub-question id. */
  id: string;
  file: string;
  field: string;
  text: string;
}

export interface StemMatch {
  first: StemEntry;
  second: StemEntry;
  /** 1 for identical normalised text. */
  similarity: number;
}

/** Every pair at or above `threshold`, most similar first. Quadratic, fine for a few thousand stems. */
export function similarStems(entries: readonly StemEntry[], threshold: number): StemMatch[] {
  const prepared = entries.map((entry) => {
    const normalised = normaliseStem(entry.text);
    return { entry, normalised, shingles: shingles(normalised) };
  });
  const matches: StemMatch[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const a = prepared[i]!;
      const b = prepared[j]!;
      const score = a.normalised === b.normalised ? 1 : similarity(a.shingles, b.shingles);
      if (score >= threshold) matches.push({ first: a.entry, second: b.entry, similarity: score });
    }
  }
  return matches.sort((x, y) => y.similarity - x.similarity);
}
