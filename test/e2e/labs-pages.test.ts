/**
 * The built site lists every lab and gives each a page with its brief, its checklist and the live
 * console (rendered on request; the console itself is tested in lab-console-api and learner-journey),
 * plus how to run it from the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabs } from '../../src/labs/index.ts';
import { startBuiltSite, type RunningSite } from './support/built-site.ts';

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
    // This server's lab target answers nowhere: availability is "not known", with the reason.
    expect(html).toMatch(/data-availability="unknown"/);
    expect(html).toMatch(/cannot be (used|opened)/);
  });

  it('gives each lab a page with the story, the console, how to run it from the command line and every task', async () => {
    for (const { definition } of labs) {
      const response = await fetch(`${site.url}/labs/${definition.id}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`npm run lab -- start ${definition.id}`);
      expect(html).toMatch(/<h2[^>]*>The story<\/h2>/);
      expect(html).toContain('Start the lab');
      for (const task of definition.tasks) expect(html).toContain(task.title.replace(/'/g, '&#39;'));
    }
  });
});
