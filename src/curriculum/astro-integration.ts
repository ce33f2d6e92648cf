/**
 * Astro integration that runs the lesson validator before anything is built: `astro build` and
 * `astro sync` stop with the validator's list of problems (file, line, field, what to do);
 * `astro dev` prints the list and keeps serving, and re-checks whenever a lesson changes.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatContentProblems, validateLessons } from './lesson-validation.ts';

export function curriculumValidation(): AstroIntegration {
  let root = process.cwd();
  const check = () => validateLessons(root);
  const summary = (problems: number) => `Lesson content has ${problems === 1 ? '1 problem' : `${problems} problems`}:`;
  return {
    name: 'mlsec-curriculum-validation',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        const { lessons, problems } = check();
        if (problems.length === 0) {
          logger.info(`${lessons.length} lessons valid`);
          return;
        }
        const message = `${summary(problems.length)}\n${formatContentProblems(problems)}`;
        if (command === 'dev') {
          logger.error(message);
          return;
        }
        throw new Error(`${message}\nFix the files named above (schema: src/curriculum/lesson-schema.ts; guide: docs/lessons.md).`);
      },
      'astro:server:setup': ({ server, logger }) => {
        server.watcher.on('all', (_event, path) => {
          if (!/[\\/]content[\\/]lessons[\\/]/.test(path) && !/[\\/]labs[\\/]/.test(path)) return;
          const { problems } = check();
          if (problems.length) logger.error(`${summary(problems.length)}\n${formatContentProblems(problems)}`);
          else logger.info('lessons valid again');
        });
      },
    },
  };
}
