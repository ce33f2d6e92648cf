/** Loading `content/at-a-glance.yaml` with errors that name the field. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { atAGlanceSchema, type AtAGlance } from './at-a-glance-schema.ts';

export const AT_A_GLANCE_FILE = 'content/at-a-glance.yaml';

export function loadAtAGlance(root: string): AtAGlance {
  const result = atAGlanceSchema.safeParse(parse(readFileSync(join(root, AT_A_GLANCE_FILE), 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${AT_A_GLANCE_FILE}  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new Error(`${AT_A_GLANCE_FILE} is invalid:\n${problems}`);
  }
  const order = result.data.taskStatements.map((t) => t.id).join(',');
  if (order !== '4.1,4.2,4.3') throw new Error(`${AT_A_GLANCE_FILE} is invalid:\n  taskStatements: list them in the order 4.1, 4.2, 4.3 (found ${order})`);
  return result.data;
}
