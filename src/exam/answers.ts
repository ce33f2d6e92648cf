/**
 * Learners' answers and how they are marked. MLA-C01 gives no partial credit: a multiple-response
 * item needs exactly the right set, an ordering item every step in place, a matching item every
 * pair right. An unanswered item is wrong; there is no penalty for guessing.
 */
import type { ScoredItem } from './scored-items.ts';

export type Answer =
  | { type: 'single'; choice: string }
  | { type: 'multiple'; choices: string[] }
  | { type: 'ordering'; order: string[] }
  | { type: 'matching'; pairs: Record<string, string> };

/** `none`: nothing chosen; `partial`: started but not complete (e.g. 2 of 4 prompts matched); `complete`. */
export type AnswerProgress = 'none' | 'partial' | 'complete';

export function answerProgress(item: ScoredItem, answer: Answer | undefined): AnswerProgress {
  if (!answer || answer.type !== item.type) return 'none';
  switch (answer.type) {
    case 'single':
      return answer.choice ? 'complete' : 'none';
    case 'multiple': {
      if (answer.choices.length === 0) return 'none';
      const choose = item.type === 'multiple' ? item.choose : 0;
      return answer.choices.length >= choose ? 'complete' : 'partial';
    }
    case 'ordering':
      return answer.order.length > 0 ? 'complete' : 'none';
    case 'matching': {
      const prompts = item.type === 'matching' ? item.prompts : [];
      const matched = prompts.filter((p) => answer.pairs[p.id]).length;
      return matched === 0 ? 'none' : matched === prompts.length ? 'complete' : 'partial';
    }
  }
}

/** All-or-nothing marking; `undefined` (unanswered) is wrong. */
export function isCorrect(item: ScoredItem, answer: Answer | undefined): boolean {
  if (!answer || answer.type !== item.type) return false;
  switch (item.type) {
    case 'single':
      return answer.type === 'single' && item.options.some((o) => o.correct && o.id === answer.choice);
    case 'multiple': {
      if (answer.type !== 'multiple') return false;
      const chosen = new Set(answer.choices);
      const correct = item.options.filter((o) => o.correct).map((o) => o.id);
      return chosen.size === correct.length && correct.every((id) => chosen.has(id));
    }
    case 'ordering':
      return answer.type === 'ordering' && answer.order.length === item.items.length && item.items.every((step, i) => answer.order[i] === step.id);
    case 'matching':
      return answer.type === 'matching' && item.prompts.every((p) => answer.pairs[p.id] === p.answer);
  }
}

/** The answer that earns the mark. */
export function correctAnswer(item: ScoredItem): Answer {
  switch (item.type) {
    case 'single':
      return { type: 'single', choice: item.options.find((o) => o.correct)!.id };
    case 'multiple':
      return { type: 'multiple', choices: item.options.filter((o) => o.correct).map((o) => o.id) };
    case 'ordering':
      return { type: 'ordering', order: item.items.map((s) => s.id) };
    case 'matching':
      return { type: 'matching', pairs: Object.fromEntries(item.prompts.map((p) => [p.id, p.answer])) };
  }
}

/** Rejects answers that do not fit the item (wrong type, unknown option ids) before they are stored. */
export function answerProblem(item: ScoredItem, answer: Answer): string | undefined {
  if (answer.type !== item.type) return `question ${item.id} is a ${item.type} question; got a ${answer.type} answer`;
  const unknown = (ids: string[], known: string[], what: string) => {
    const bad = ids.find((id) => !known.includes(id));
    return bad === undefined ? undefined : `question ${item.id} has no ${what} "${bad}"`;
  };
  switch (answer.type) {
    case 'single':
      return item.type === 'single' ? unknown([answer.choice], item.options.map((o) => o.id), 'option') : undefined;
    case 'multiple':
      if (new Set(answer.choices).size !== answer.choices.length) return `question ${item.id}: an option is chosen twice`;
      return item.type === 'multiple' ? unknown(answer.choices, item.options.map((o) => o.id), 'option') : undefined;
    case 'ordering': {
      if (item.type !== 'ordering') return undefined;
      const ids = item.items.map((s) => s.id);
      if (answer.order.length !== ids.length || new Set(answer.order).size !== ids.length) {
        return `question ${item.id}: an order must list each of its ${ids.length} steps exactly once`;
      }
      return unknown(answer.order, ids, 'step');
    }
    case 'matching':
      if (item.type !== 'matching') return undefined;
      return unknown(Object.keys(answer.pairs), item.prompts.map((p) => p.id), 'prompt') ??
        unknown(Object.values(answer.pairs), item.responses.map((r) => r.id), 'response');
  }
}
