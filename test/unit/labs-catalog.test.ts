/**
 * Standards every lab in labs/ meets (issue 6's quality bar, checked mechanically): it loads and
 * validates, has at least three tasks with three hint levels whose placeholders all resolve, at
 * least one near-miss, a brief that tells the story and names every task, and syllabus items.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate, resourceNames } from '../../src/labs/context.ts';
import { loadLabs } from '../../src/labs/index.ts';

const labs = await loadLabs();

describe('lab catalog', () => {
  it('has the first lab', () => {
    expect(labs.map((l) => l.definition.id)).toContain('exposed-training-data-bucket');
  });

  for (const lab of labs) {
    const def = lab.definition;
    describe(def.id, () => {
      it('has at least three tasks, a near-miss per lab, and a solution step per task', () => {
        expect(def.tasks.length).toBeGreaterThanOrEqual(3);
        expect(def.nearMisses.length).toBeGreaterThanOrEqual(1);
        for (const task of def.tasks) expect(def.solution.some((s) => s.task === task.id)).toBe(true);
      });

      it('fills every hint placeholder with run-specific names', () => {
        // Facts exist only after setup; any fact name stands in for one here, resource names must be declared.
        const facts = new Proxy({}, { get: (_t, key) => `<fact ${String(key)}>` }) as Record<string, string>;
        const vars = { names: resourceNames(def, 'abcd1234'), facts, accountId: '111122223333', region: 'us-east-1', partition: 'aws', runId: 'abcd1234' };
        for (const task of def.tasks) for (const text of Object.values(task.hints)) expect(() => renderTemplate(text, vars)).not.toThrow();
        for (const task of def.tasks) {
          const command = renderTemplate(task.hints.command, vars);
          expect(command).toMatch(/\baws [a-z0-9-]+ [a-z0-9-]+/);
          expect(command).not.toMatch(/<[a-z-]+>/); // concrete names, not <placeholders>
        }
      });

      it('has a brief that tells a story, names every task and says what good looks like', () => {
        expect(lab.brief.length).toBeGreaterThan(1500);
        expect(lab.brief).toMatch(/^## The story$/m);
        expect(lab.brief).toMatch(/^## What good looks like$/m);
        for (const task of def.tasks) expect(lab.brief, `brief does not mention "${task.title}"`).toContain(task.title);
      });
    });
  }
});
