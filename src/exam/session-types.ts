/**
 * The state of one practice, exam or drill session. A plain serialisable object (JSON in, JSON
 * out) so any store can keep it: the browser's localStorage today, a server-side table later.
 */
import type { Answer } from './answers.ts';
import type { ExamFormat, PracticeScope } from './blueprint.ts';
import type { ExamResult } from './scoring.ts';

export type SessionMode = 'practice' | 'exam' | 'drill';
export type SessionStatus = 'active' | 'paused' | 'submitted';

export interface SessionSlot {
  itemId: string;
  /** Display order of option ids (single, multiple), the starting order of steps (ordering) or of prompts (matching). */
  order: string[];
  /** Matching only: display order of response ids. */
  responseOrder?: string[];
  /** Full-pace exams: part of the exam, not of the score, and not identified until review. */
  unscored: boolean;
}

export interface SessionTiming {
  limitMs: number;
  /** Time used before the current running stretch. */
  usedMs: number;
  /** Epoch ms when the clock last started; null while paused. */
  runningSince: number | null;
  /** Warnings (minutes left) already given, so each is announced once. */
  warned: number[];
}

export type SessionConfig =
  | { mode: 'practice'; scope: PracticeScope; count: number | null }
  | { mode: 'exam'; format: ExamFormat; questions: number; minutes: number }
  | { mode: 'drill'; count: number };

export interface ExamSession {
  format: 'mlsec-exam-session';
  version: 1;
  id: string;
  mode: SessionMode;
  /** For people: "Domain 4 set — 25 questions, 50 minutes". */
  title: string;
  config: SessionConfig;
  seed: string;
  /** The bank version the session was built from (see scored-items.ts). */
  bankVersion: string;
  createdAt: number;
  updatedAt: number;
  status: SessionStatus;
  slots: SessionSlot[];
  /** Index of the slot on screen. */
  current: number;
  answers: Record<string, Answer>;
  flagged: string[];
  /** Practice and drill: items whose answer was checked (feedback shown, answer locked). */
  checked: string[];
  /** Items whose outcome is already recorded in the drill schedule. */
  scheduled: string[];
  /** Timed exams only. */
  timing: SessionTiming | null;
  submittedAt: number | null;
  submitReason: 'learner' | 'time-up' | null;
  /** Result computed when the session was submitted. */
  result: ExamResult | null;
  /** Things the learner should know about how the session was built (e.g. a bank smaller than asked). */
  notes: string[];
}
