/**
 * The exam engine's public face for pages and islands. Pure TypeScript with no Node or DOM APIs,
 * so it runs in the browser and in tests alike. (Reading the bank from disk is bank-files.ts,
 * which only the CLI and the build use.)
 */
export type { Question, QuestionType, SubQuestion } from './question-schema.ts';
export { indexBank, scoredItemsOf, type QuestionBank, type ScoredItem, type ScoredItemType } from './scored-items.ts';
export { bankFromPayload, toPayload, type BankPayload } from './bank-payload.ts';
export { answerProgress, correctAnswer, isCorrect, type Answer, type AnswerProgress } from './answers.ts';
export {
  describeScope,
  EXAM_FORMATS,
  examAvailability,
  isValidScope,
  itemsInScope,
  MINUTES_PER_QUESTION,
  type Availability,
  type ExamFormat,
  type PracticeScope,
} from './blueprint.ts';
export { startDrillSession, startExam, startPractice, SessionSetupError } from './session-setup.ts';
export { applyAction, SessionActionError, type SessionAction, type SessionEvent } from './session-actions.ts';
export { deadline, describeDuration, formatClock, timeLeftMs, TIME_WARNINGS_MINUTES } from './session-clock.ts';
export type { ExamSession, SessionMode, SessionSlot, SessionStatus } from './session-types.ts';
export { readinessRows, scoreSession, type ExamResult, type ItemOutcome, type ReadinessRow, type Tally } from './scoring.ts';
export { ASSUMED_PASS_FRACTION, estimateScaledScore, SCALED_MAX, SCALED_MIN, SCALED_PASS, scaleFraction, type ScaledEstimate } from './scaled-score.ts';
export {
  BOX_INTERVAL_DAYS,
  drillOverview,
  emptySchedule,
  markScheduled,
  pendingOutcomes,
  planDrill,
  recordOutcomes,
  scheduleTallies,
  type DrillOverview,
  type DrillSchedule,
  type Outcome,
  type WeakItem,
} from './drill-schedule.ts';
export { createMemoryStore, type ExamStore, type SessionSummary, type UnreadableRecord } from './store.ts';
export { createWebStorageStore, type StorageLike } from './web-storage-store.ts';
export { AttemptRefusedError, createSyncedStore, type AttemptServer, type SyncedExamStore, type SyncReport } from './synced-store.ts';
export { StoredStateError } from './stored-state.ts';
export { newSeed, seededRandom, shuffled } from './random.ts';
