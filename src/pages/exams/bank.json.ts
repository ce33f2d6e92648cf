/**
 * `/exams/bank.json`: the validated question bank, generated at build time for the exam pages.
 * An invalid question fails the build here with the same messages as `npm run exam -- validate`.
 */
import type { APIRoute } from 'astro';
import { loadBankFromDisk } from '../../exam/bank-files.ts';
import { toPayload } from '../../exam/bank-payload.ts';
import { formatProblem } from '../../exam/bank-validate.ts';

export const prerender = true;

export const GET: APIRoute = () => {
  // Astro builds from the project root, so content/questions is found from the working directory.
  const loaded = loadBankFromDisk({ root: process.cwd() });
  if (loaded.errors.length) {
    const list = loaded.errors.map((e) => `  ${formatProblem(e)}`).join('\n');
    throw new Error(`The question bank has ${loaded.errors.length} problem(s); fix them and build again:\n${list}\n(Full report: npm run exam -- validate)`);
  }
  const payload = toPayload(
    loaded.questions.map((q) => q.question),
    loaded.knownLessons,
  );
  return new Response(JSON.stringify(payload), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
