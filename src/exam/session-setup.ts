/**
 * Creating sessions. Everything random comes from the session's seed: the same bank, options and
 * seed give the same questions in the same order with the same option order.
 */
import { examAvailability, describeScope, EXAM_FORMATS, isValidScope, MINUTES_PER_QUESTION, selectExamItems, selectPracticeItems, type ExamFormat, type PracticeScope } from './blueprint.ts';
import { seededRandom, shuffled, shuffledAwayFrom } from './random.ts';
import type { QuestionBank, ScoredItem } from './scored-items.ts';
import type { ExamSession, SessionConfig, SessionSlot } from './session-types.ts';

export class SessionSetupError extends Error {
  override name = 'SessionSetupError';
}

interface Common {
  /** Unique id for the store. */
  id: string;
  seed: string;
  /** Epoch ms. */
  now: number;
}

export interface PracticeOptions extends Common {
  scope: PracticeScope;
  /** How many questions; null for every question in scope. */
  count?: number | null;
}

export interface ExamOptions extends Common {
  format: ExamFormat;
  /** Domain set only: number of questions (default 25). */
  questions?: number;
  /** Domain set only: minutes (default 2 per question). */
  minutes?: number;
}

/** Practice by task statement or syllabus item, with feedback after each answer. */
export function startPractice(bank: QuestionBank, options: PracticeOptions): ExamSession {
  if (!isValidScope(options.scope)) throw new SessionSetupError(`unknown practice scope ${JSON.stringify(options.scope)}; use a task statement (4.1), a syllabus item (4.3.S1) or a list of items`);
  const count = options.count ?? null;
  const items = selectPracticeItems(bank, options.scope, options.seed, count);
  const scope = describeScope(options.scope);
  if (items.length === 0) throw new SessionSetupError(`the bank has no questions on ${scope} yet`);
  const notes = count !== null && items.length < count ? [`The bank has ${items.length} questions on ${scope}; this set uses all of them.`] : [];
  return newSession(bank, options, { mode: 'practice', scope: options.scope, count }, `Practice: ${scope}`, items, [], notes);
}

/** A timed exam: a Domain 4 set (default 25 in 50 minutes) or the full-pace 65 in 130 with 15 unscored. */
export function startExam(bank: QuestionBank, options: ExamOptions): ExamSession {
  const requested = options.format === 'domain-set' ? (options.questions ?? EXAM_FORMATS['domain-set'].questions) : undefined;
  const availability = examAvailability(bank, options.format, requested);
  if (!availability.available) throw new SessionSetupError(availability.reason ?? 'this exam is not available');
  const { items, unscored } = selectExamItems(bank, options.format, options.seed, requested);
  const minutes =
    options.format === 'full-pace' ? EXAM_FORMATS['full-pace'].minutes : (options.minutes ?? items.length * MINUTES_PER_QUESTION);
  if (!(minutes > 0)) throw new SessionSetupError(`an exam needs a positive number of minutes (got ${minutes})`);
  const notes: string[] = [];
  if (availability.reason) notes.push(availability.reason);
  if (requested !== undefined && items.length < availability.questions) {
    notes.push(`Case studies are kept whole, so this set has ${items.length} questions instead of ${availability.questions}.`);
  }
  const title =
    options.format === 'full-pace'
      ? `Full-pace exam: ${items.length} questions, ${minutes} minutes`
      : `Domain 4 set: ${items.length} questions, ${minutes} minutes`;
  const config: SessionConfig = { mode: 'exam', format: options.format, questions: items.length, minutes };
  const session = newSession(bank, options, config, title, items, unscored, notes);
  return { ...session, timing: { limitMs: minutes * 60_000, usedMs: 0, runningSince: options.now, warned: [] } };
}

/** A drill of the items the schedule chose (see drill-schedule.ts). */
export function startDrillSession(bank: QuestionBank, options: Common & { itemIds: string[]; count: number }): ExamSession {
  const items = options.itemIds.map((id) => bank.itemById.get(id)).filter((i): i is ScoredItem => i !== undefined);
  if (items.length === 0) throw new SessionSetupError('nothing to drill yet: answer some practice or exam questions first');
  return newSession(bank, options, { mode: 'drill', count: options.count }, `Drill: ${items.length} questions from your weak spots`, items, [], []);
}

function newSession(
  bank: QuestionBank,
  common: Common,
  config: SessionConfig,
  title: string,
  items: readonly ScoredItem[],
  unscored: readonly string[],
  notes: string[],
): ExamSession {
  const unscoredSet = new Set(unscored);
  return {
    format: 'mlsec-exam-session',
    version: 1,
    id: common.id,
    mode: config.mode,
    title,
    config,
    seed: common.seed,
    bankVersion: bank.version,
    createdAt: common.now,
    updatedAt: common.now,
    status: 'active',
    slots: items.map((item) => slotFor(item, common.seed, unscoredSet.has(item.id))),
    current: 0,
    answers: {},
    flagged: [],
    checked: [],
    scheduled: [],
    timing: null,
    submittedAt: null,
    submitReason: null,
    result: null,
    notes,
  };
}

/** Option order depends only on the seed and the item, not on which other items were drawn. */
export function slotFor(item: ScoredItem, seed: string, unscored: boolean): SessionSlot {
  const random = seededRandom(`${seed}:${item.id}`);
  switch (item.type) {
    case 'single':
    case 'multiple':
      return { itemId: item.id, order: shuffled(item.options.map((o) => o.id), random), unscored };
    case 'ordering':
      return { itemId: item.id, order: shuffledAwayFrom(item.items.map((s) => s.id), random), unscored };
    case 'matching':
      return {
        itemId: item.id,
        order: shuffled(item.prompts.map((p) => p.id), random),
        responseOrder: shuffled(item.responses.map((r) => r.id), random),
        unscored,
      };
  }
}
