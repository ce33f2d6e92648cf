/**
 * Every internal link on the built site works: starting from the home page, follow each link to a
 * page of ours, expect HTTP 200, and check that every #fragment names an element on the target
 * page. Also checks the basics every page needs: a language, a title, and exactly one h1.
 * Complements the source-level link check of the lesson validator with the real rendered ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltSite, type RunningSite } from './support/built-site.ts';

let site: RunningSite;
beforeAll(async () => {
  site = await startBuiltSite();
});
afterAll(async () => {
  await site?.stop();
});

interface Page {
  status: number;
  ids: Set<string>;
  links: string[];
  html: string;
}

function decode(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

async function fetchPage(path: string): Promise<Page> {
  const response = await fetch(`${site.url}${path}`);
  const html = await response.text();
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)));
  const links = [...html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)].map((m) => decode(m[1]!));
  return { status: response.status, ids, links, html };
}

describe('internal links of the built site', () => {
  it('all resolve, including #fragments, starting from the home page', async () => {
    const pages = new Map<string, Page>();
    const queue = ['/', '/search?q=kms'];
    const problems: string[] = [];
    const fragments: { from: string; path: string; fragment: string }[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      if (pages.has(path)) continue;
      const page = await fetchPage(path);
      pages.set(path, page);
      if (page.status !== 200) continue;
      for (const href of page.links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue; // external
        const url = new URL(href, `${site.url}${path}`);
        const target = url.pathname + url.search;
        if (url.hash) fragments.push({ from: path, path: target, fragment: decodeURIComponent(url.hash.slice(1)) });
        if (!pages.has(target) && !queue.includes(target)) queue.push(target);
      }
    }
    for (const [path, page] of pages) {
      if (page.status !== 200) problems.push(`${path}: HTTP ${page.status}`);
    }
    for (const { from, path, fragment } of fragments) {
      const target = pages.get(path);
      if (target?.status === 200 && !target.ids.has(fragment)) problems.push(`${from}: link to ${path}#${fragment}, but that page has no element with id "${fragment}"`);
    }
    expect(problems).toEqual([]);
    expect([...pages.keys()]).toEqual(expect.arrayContaining(['/', '/lessons', '/labs', '/exams', '/syllabus']));
    expect([...pages.keys()].filter((p) => p.startsWith('/lessons/')).length).toBeGreaterThanOrEqual(3);
    expect(fragments.length).toBeGreaterThan(10);

    for (const [path, page] of pages) {
      if (!path.startsWith('/') || path.endsWith('.json')) continue;
      expect(page.html, path).toMatch(/<html lang="en"/);
      expect(page.html, path).toMatch(/<title>[^<]{3,}<\/title>/);
      // Pages built from server-rendered HTML have their h1 in it; pages whose content is a React
      // island may render the heading in the browser, which the browser tests cover.
      if (!page.html.includes('<astro-island')) expect(page.html.match(/<h1\b/g)?.length, `${path} has exactly one h1`).toBe(1);
    }
  });

  it('answers an unknown path with the 404 page', async () => {
    const page = await fetchPage('/lessons/no-such-lesson');
    expect(page.status).toBe(404);
    expect(page.html).toContain('Page not found');
  });
});
