import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { checkGlossary, lessonsTeaching, loadGlossary, termAnchor } from './glossary.ts';

const root = resolve(import.meta.dirname, '../..');
const entry = (term: string, extra: Record<string, unknown> = {}) => ({ term, definition: `${term} means something that takes forty characters to say.`, ...extra });

describe('the glossary', () => {
  it('is valid: schema, unique terms, see-also links, alphabetical order', () => {
    const { entries, problems } = loadGlossary(root);
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(60);
  });

  it('names the entry and field of a broken entry', () => {
    const { problems } = checkGlossary([entry('Alpha'), { term: 'Beta', definition: 'too short' }]);
    expect(problems).toEqual([expect.objectContaining({ file: 'content/glossary.yaml', field: 'entry 2 ("Beta") definition' })]);
  });

  it('refuses duplicates, unknown see-also terms and disorder', () => {
    const { problems } = checkGlossary([entry('Beta', { seeAlso: ['Gamma'] }), entry('Alpha'), entry('alpha')]);
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      '"alpha": is defined twice; merge the two entries',
      '"Beta" seeAlso: names "Gamma", which is not a term of the glossary',
      '"Beta": is out of alphabetical order; it belongs where "Alpha" is',
    ]);
  });

  it('finds the lessons that mention a term or an alias, as whole words', () => {
    const lessons = [
      { id: 'a', title: 'A', text: 'Use an SCP. SCPs are guardrails. An SCP again.' },
      { id: 'b', title: 'B', text: 'A service control policy sets limits.' },
      { id: 'c', title: 'C', text: 'SCPX is something else; aws:SCP is a key.' },
    ];
    const scp = { term: 'Service control policy (SCP)', aliases: ['SCP', 'SCPs'], definition: '', seeAlso: [] };
    expect(lessonsTeaching(scp, lessons).map((l) => l.id)).toEqual(['a', 'b']);
  });

  it('gives every term a stable anchor', () => {
    expect(termAnchor('Service control policy (SCP)')).toBe('term-service-control-policy-scp');
  });
});
