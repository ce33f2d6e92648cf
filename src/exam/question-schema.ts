import { z } from 'zod';
import { isSyllabusItemId } from '../curriculum/syllabus.ts';

/**
 * Exam question files: `content/questions/<task-statement>/<question-id>.yaml`, one question per file.
 * The shapes follow MLA-C01's question types; scoring is all-or-nothing per question (case-study
 * sub-questions are scored separately), so the schema only has to say what is correct.
 */

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a kebab-case id such as s3-tls-only-policy');
const optionId = z.string().regex(/^[a-z]$/, 'option ids are single lowercase letters: a, b, c …');

const syllabusIds = z
  .array(z.string())
  .min(1)
  .superRefine((ids, ctx) => {
    for (const id of ids) {
      if (!isSyllabusItemId(id)) {
        ctx.addIssue({ code: 'custom', message: `unknown syllabus item id "${id}" (ids look like 4.3.S1; see content/syllabus/domain4.json)` });
      }
    }
  });

/** A choice in a single- or multiple-response question. */
export const choiceOptionSchema = z.strictObject({
  /** `a`, `b`, …; display order is shuffled by the engine, so ids never appear in the text. */
  id: optionId,
  /** The option as the learner reads it. */
  text: z.string().min(2),
  /** Whether choosing it is required for credit. */
  correct: z.boolean(),
  /** Why this option is right, or why it is a tempting but wrong choice. */
  explanation: z.string().min(20),
});

/** An item of an ordering question. */
export const orderingItemSchema = z.strictObject({
  /** `a`, `b`, …; the file lists items in the correct order. */
  id: optionId,
  /** The step as the learner reads it. */
  text: z.string().min(2),
  /** Why the step belongs at this position. */
  explanation: z.string().min(20),
});

/** A prompt of a matching question, with the id of the response it matches. */
export const matchingPromptSchema = z.strictObject({
  /** `a`, `b`, …. */
  id: optionId,
  /** The prompt (left column). */
  text: z.string().min(2),
  /** Id of the matching response (right column). */
  answer: z.string().regex(/^[0-9]+$/, 'response ids are numbers as strings: "1", "2" …'),
  /** Why this pair belongs together. */
  explanation: z.string().min(20),
});

/** A response of a matching question (right column). */
export const matchingResponseSchema = z.strictObject({
  /** `"1"`, `"2"`, …. */
  id: z.string().regex(/^[0-9]+$/),
  /** The response text. */
  text: z.string().min(2),
});

/** Fields every scored item has (a standalone question or a case-study sub-question). */
const scoredItemFields = {
  /** Stable kebab-case id, unique across the bank (including case-study sub-questions). */
  id: kebabId,
  /** Syllabus items this question tests; results are reported per item. */
  syllabus: syllabusIds,
  /** The scenario and the question asked. Scenario-based: a situation, then "what should the engineer do?". */
  stem: z.string().min(40),
  /** What the question teaches: why the answer is right, in a few sentences. */
  explanation: z.string().min(40),
};

const singleFields = {
  type: z.literal('single'),
  /** Exactly four options, exactly one correct. */
  options: z.array(choiceOptionSchema).length(4),
};
const multipleFields = {
  type: z.literal('multiple'),
  /** How many options to choose; shown to the learner ("Choose two."). Equals the number of correct options. */
  choose: z.number().int().min(2),
  /** Five or more options, `choose` of them correct. */
  options: z.array(choiceOptionSchema).min(5).max(8),
};
const orderingFields = {
  type: z.literal('ordering'),
  /** Three to five steps, listed in the correct order. */
  items: z.array(orderingItemSchema).min(3).max(5),
};
const matchingFields = {
  type: z.literal('matching'),
  /** Three to seven prompts, each naming its response. */
  prompts: z.array(matchingPromptSchema).min(3).max(7),
  /** The responses to match against (at least as many as are used). */
  responses: z.array(matchingResponseSchema).min(3).max(10),
};

const single = z.strictObject({ ...scoredItemFields, ...singleFields });
const multiple = z.strictObject({ ...scoredItemFields, ...multipleFields });
const ordering = z.strictObject({ ...scoredItemFields, ...orderingFields });
const matching = z.strictObject({ ...scoredItemFields, ...matchingFields });

/** A sub-question of a case study: any non-case-study type, scored on its own. */
export const subQuestionSchema = z.discriminatedUnion('type', [single, multiple, ordering, matching]);

/** Fields of a whole question file. */
const questionFileFields = {
  /** AWS services the question involves, by their short names (e.g. `S3`, `KMS`, `SageMaker`). */
  services: z.array(z.string().min(2)).min(1),
  /** How hard it is for a learner who studied the lessons. */
  difficulty: z.enum(['easy', 'medium', 'hard']),
  /** Free tags lessons use to draw knowledge checks (kebab-case). */
  tags: z.array(kebabId).default([]),
  /** Where to learn more: lesson ids, and AWS documentation page titles (titles, not copied text). */
  references: z.strictObject({
    lessons: z.array(kebabId).default([]),
    docs: z.array(z.string().min(5)).min(1),
  }),
};

const caseStudy = z.strictObject({
  id: kebabId,
  type: z.literal('case-study'),
  /** Syllabus items of the whole case (each sub-question lists its own too). */
  syllabus: syllabusIds,
  /** The shared scenario all sub-questions refer to. */
  scenario: z.string().min(200),
  /** Two or more sub-questions, each scored separately. */
  questions: z.array(subQuestionSchema).min(2),
  /** Summary of what the case teaches. */
  explanation: z.string().min(40),
  ...questionFileFields,
});

/** One question file. Cross-checks that need the whole option list live in `superRefine`. */
export const questionSchema = z
  .discriminatedUnion('type', [
    single.extend(questionFileFields),
    multiple.extend(questionFileFields),
    ordering.extend(questionFileFields),
    matching.extend(questionFileFields),
    caseStudy,
  ])
  .superRefine((question, ctx) => {
    const items = question.type === 'case-study' ? question.questions.map((q, i) => [q, ['questions', i]] as const) : [[question, []] as const];
    for (const [item, path] of items) checkScoredItem(item, [...path], ctx);
  });

type ScoredItem = z.infer<typeof subQuestionSchema>;

function checkScoredItem(item: ScoredItem, path: (string | number)[], ctx: z.RefinementCtx): void {
  const issue = (message: string, at: (string | number)[] = []) => ctx.addIssue({ code: 'custom', path: [...path, ...at], message });
  const uniqueIds = (ids: string[], what: string) => {
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) issue(`duplicate ${what} id "${dup}"`);
  };
  switch (item.type) {
    case 'single': {
      uniqueIds(item.options.map((o) => o.id), 'option');
      const correct = item.options.filter((o) => o.correct).length;
      if (correct !== 1) issue(`a single-answer question has exactly 1 correct option of 4; this one has ${correct}`, ['options']);
      break;
    }
    case 'multiple': {
      uniqueIds(item.options.map((o) => o.id), 'option');
      const correct = item.options.filter((o) => o.correct).length;
      if (correct < 2) issue(`a multiple-response question has 2 or more correct options; this one has ${correct}`, ['options']);
      if (correct !== item.choose) issue(`"choose" is ${item.choose} but ${correct} options are marked correct`, ['choose']);
      break;
    }
    case 'ordering':
      uniqueIds(item.items.map((o) => o.id), 'item');
      break;
    case 'matching': {
      uniqueIds(item.prompts.map((p) => p.id), 'prompt');
      uniqueIds(item.responses.map((r) => r.id), 'response');
      const responseIds = new Set(item.responses.map((r) => r.id));
      item.prompts.forEach((p, i) => {
        if (!responseIds.has(p.answer)) issue(`prompt "${p.id}" names response "${p.answer}", which is not listed in responses`, ['prompts', i, 'answer']);
      });
      break;
    }
  }
}

export type Question = z.infer<typeof questionSchema>;
export type SubQuestion = z.infer<typeof subQuestionSchema>;
export type QuestionType = Question['type'];
