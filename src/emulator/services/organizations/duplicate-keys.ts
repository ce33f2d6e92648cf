/**
 * Finds object keys that appear twice in one JSON object. `JSON.parse` silently keeps the last
 * one, but AWS rejects such policies ("more than one Statement element"), so the text is scanned.
 * Only call this on text `JSON.parse` accepted: it tracks structure, it does not check syntax.
 */

interface Frame {
  readonly object: boolean;
  readonly path: string;
  readonly keys: Set<string>;
  expectKey: boolean;
  lastKey?: string;
  /** Arrays: the position of the current element. */
  position: number;
}

/** Paths (`Statement`, `Statement[0].Action`…) of keys repeated within the same object. */
export function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  const childPath = (frame: Frame | undefined): string => {
    if (!frame) return '';
    if (frame.object) return frame.path ? `${frame.path}.${frame.lastKey}` : frame.lastKey ?? '';
    return `${frame.path}[${frame.position}]`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) found.push(top.path ? `${top.path}.${key}` : key);
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ object: c === '{', path: childPath(top), keys: new Set(), expectKey: c === '{', position: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.object) top.expectKey = true;
      else top.position++;
    }
  }
  return found;
}
