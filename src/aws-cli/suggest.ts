/** "Did you mean …": the valid names closest to what was typed (Damerau–Levenshtein distance, plus prefix and substring hits). */

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to `limit` candidates close to `typed`, best first; empty when nothing is reasonably close. */
export function closest(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const input = typed.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const lower = name.toLowerCase();
    let score = editDistance(input, lower);
    if (lower.startsWith(input) && input.length >= 3) score = Math.min(score, 1);
    else if (input.length >= 4 && lower.includes(input)) score = Math.min(score, 2);
    const allowed = Math.max(2, Math.floor(Math.max(input.length, 1) / 3));
    if (score <= allowed) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** ` Did you mean: a, b?` or an empty string. */
export function didYouMean(typed: string, candidates: Iterable<string>, limit = 3): string {
  const found = closest(typed, candidates, limit);
  return found.length ? ` Did you mean: ${found.join(', ')}?` : '';
}
