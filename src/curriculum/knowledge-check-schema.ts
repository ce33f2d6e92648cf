import { z } from 'zod';

/**
 * Props of one knowledge-check question in a lesson (`<Question … />` inside `<KnowledgeCheck>`).
 * The component validates its props with this schema, so a malformed question fails the build
 * with the question's stem in the message instead of rendering a broken quiz.
 */

/** One answer option. */
export const knowledgeCheckOptionSchema = z.strictObject({
  /** The option as the learner reads it. `code` in backticks is rendered as code. */
  text: z.string().min(1),
  /** Whether this option is (one of) the right answer(s). */
  correct: z.boolean().default(false),
  /** Why it is right, or why it is a tempting but wrong choice. Shown after the learner reveals the answer. */
  explanation: z.string().min(10),
});

export const knowledgeCheckQuestionSchema = z
  .strictObject({
    /** The scenario and the question, exam style. `code` in backticks is rendered as code. */
    stem: z.string().min(20),
    /** Three to six options; one correct (single answer) or two or more (the learner is told how many to choose). */
    options: z.array(knowledgeCheckOptionSchema).min(3).max(6),
    /** Optional one- or two-sentence takeaway shown under the answer. */
    takeaway: z.string().min(10).optional(),
  })
  .superRefine((question, ctx) => {
    const correct = question.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'no option is marked correct: true' });
    if (correct === question.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'every option is marked correct; a question needs at least one wrong option' });
  });

export type KnowledgeCheckQuestion = z.infer<typeof knowledgeCheckQuestionSchema>;
export type KnowledgeCheckQuestionInput = z.input<typeof knowledgeCheckQuestionSchema>;
