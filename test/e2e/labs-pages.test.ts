/**
 * The built site lists every lab and gives each a page with its brief, how to run it and its
 * checklist — server-rendered, without client JavaScript. (The live lab console replaces the
 * "Run it" section with buttons later; links from lessons and the syllabus already resolve.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabs } from '../../src/labs/index.ts';
import { builtClientDir, startBuiltSite, type RunningSite } from './support/built-site.ts';

const labs = await loadLabs();
let site: RunningSite;
beforeAll(async () => {
  site = await startBuiltSite();
});
afterAll(async () => {
  await site?.stop();
});

describe('lab pages of the built site', () => {
  it('lists every lab on /labs, under its task statement', async () => {
    const html = await (await fetch(`${site.url}/labs`)).text();
    for (const { definition } of labs) {
      expect(html).toContain(`href="/labs/${definition.id}"`);
      expect(html).toContain(definition.title);
    }
    expect(html).toMatch(/Task 4\.3: /);
  });

  it('gives each lab a page with the story, how to run it and every task, without scripts', async () => {
    for (const { definition } of labs) {
      const response = await fetch(`${site.url}/labs/${definition.id}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`npm run lab -- start ${definition.id}`);
      expect(html).toMatch(/<h2[^>]*>The story<\/h2>/);
      for (const task of definition.tasks) expect(html).toContain(task.title.replace(/'/g, '&#39;'));
      const file = readFileSync(join(builtClientDir, 'labs', definition.id, 'index.html'), 'utf8');
      expect(file.match(/<script\b/gi) ?? []).toEqual([]);
    }
  });
});
