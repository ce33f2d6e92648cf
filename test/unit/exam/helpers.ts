/** Shared test helpers: the fixture bank from disk, and synthetic banks of any size. */
import { resolve } from 'node:path';
import { loadBankFromDisk } from '../../../src/exam/bank-files.ts';
import { questionSchema, type Question } from '../../../src/exam/question-schema.ts';
import { indexBank, type QuestionBank } from '../../../src/exam/scored-items.ts';
import { syllabus } from '../../../src/curriculum/syllabus.ts';

export const root = resolve(import.meta.dirname, '../../..');
export const validFixtures = 'test/fixtures/questions/valid';

/** The valid fixture bank (one question of every type, a two-part case study), validated like the real bank. */
export function fixtureBank(): QuestionBank {
  const loaded = loadBankFromDisk({ root, questionsDir: validFixtures });
  if (loaded.errors.length) throw new Error(`fixture bank is invalid: ${JSON.stringify(loaded.errors, null, 2)}`);
  return indexBank(loaded.questions.map((q) => q.question));
}

const itemIdsByTask = Object.fromEntries(syllabus.taskStatements.map((t) => [t.id, t.items.map((i) => i.id)]));

const text = (what: string, n: number) => `${what} number ${n}: ${'a scenario that a learner reads carefully '.repeat(2)}`;
const option = (id: string, correct: boolean) => ({ id, text: `option ${id}`, correct, explanation: `why option ${id} is ${correct ? 'right' : 'wrong'} here` });

/** A schema-valid question of `type` on task statement `task`; `n` makes ids and stems unique. */
export function syntheticQuestion(n: number, type: Question['type'], task = '4.3'): Question {
  const items = itemIdsByTask[task]!;
  const syllabusIds = [items[n % items.length]!];
  const file = { services: ['S3'], difficulty: 'medium', tags: [], references: { lessons: [], docs: ['A documentation title'] } };
  const scored = (id: string, kind: string) => {
    const base = { id, syllabus: syllabusIds, stem: text(`stem ${id}`, n), explanation: text('explanation', n) };
    switch (kind) {
      case 'single':
        return { ...base, type: 'single', options: [option('a', true), option('b', false), option('c', false), option('d', false)] };
      case 'multiple':
        return { ...base, type: 'multiple', choose: 2, options: [option('a', true), option('b', true), option('c', false), option('d', false), option('e', false)] };
      case 'ordering':
        return { ...base, type: 'ordering', items: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `step ${id}`, explanation: `step ${id} comes at this point` })) };
      default:
        return {
          ...base,
          type: 'matching',
          prompts: ['a', 'b', 'c'].map((id, i) => ({ id, text: `prompt ${id}`, answer: String(i + 1), explanation: `prompt ${id} pairs with ${i + 1}` })),
          responses: ['1', '2', '3', '4'].map((id) => ({ id, text: `response ${id}` })),
        };
    }
  };
  const raw =
    type === 'case-study'
      ? {
          id: `syn-${n}`,
          type,
          syllabus: syllabusIds,
          scenario: text('scenario', n).repeat(3),
          questions: [scored(`syn-${n}-one`, 'single'), scored(`syn-${n}-two`, 'multiple'), scored(`syn-${n}-three`, 'ordering')],
          explanation: text('case explanation', n),
          ...file,
        }
      : { ...scored(`syn-${n}`, type), ...file };
  return questionSchema.parse(raw);
}

/** A bank with `perTask` questions per task statement, cycling through the types. */
export function syntheticBank(counts: Record<string, number>, types: Question['type'][] = ['single', 'multiple', 'ordering', 'matching', 'single', 'case-study']): QuestionBank {
  const questions: Question[] = [];
  let n = 0;
  for (const [task, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i++, n++) questions.push(syntheticQuestion(n, types[n % types.length]!, task));
  }
  return indexBank(questions);
}
