/**
 * The workshop API's shapes, shared by the routes and the pages (the contract in
 * docs/workshops.md). Plain JSON: timestamps are ISO-8601 strings.
 */
import type { TargetDescription } from '../aws/index.ts';

export type LabStatus = 'not-started' | 'provisioning' | 'ready' | 'checking' | 'passed' | 'failed' | 'torn-down';

export type WorkshopState = 'scheduled' | 'running' | 'ended';

export interface Instructor {
  id: string;
  email: string;
  displayName: string;
}

export interface Workshop {
  id: string;
  title: string;
  labIds: string[];
  startsAt: string;
  endsAt: string;
  maxLearners: number;
  leaderboard: boolean;
  joinCode: string;
  /** "/join?code=XXXX-XXXX" (relative: the page adds its own origin). */
  joinUrl: string;
  state: WorkshopState;
  target: TargetDescription;
  learnerCount: number;
  createdAt: string;
  endedAt?: string;
  /** The teardown report of `end`, kept so it survives a dropped connection. */
  endReport?: EndReport;
}

export type WorkshopSummary = Workshop;

export interface DashboardCell {
  labId: string;
  status: LabStatus;
  checksPassed: number;
  checksTotal: number;
  assisted: boolean;
  hintsUsed: number;
  timeSeconds: number;
  sessionId?: string;
}

export interface DashboardRow {
  learnerId: string;
  displayName: string;
  joinedAt: string;
  /** The learner's tenant account, once they started a lab ('' before). */
  accountId: string;
  labs: DashboardCell[];
}

export interface WorkshopMessage {
  id: string;
  at: string;
  text: string;
}

export interface Dashboard {
  workshopId: string;
  generatedAt: string;
  state: WorkshopState;
  endsAt: string;
  rows: DashboardRow[];
  messages: WorkshopMessage[];
}

export interface ResultRow extends DashboardCell {
  learnerId: string;
  displayName: string;
  accountId: string;
  passed: boolean;
  points: number;
}

export interface LeaderboardEntry {
  learnerId: string;
  displayName: string;
  points: number;
  labsPassed: number;
  hintsUsed: number;
}

export interface EndReportLearner {
  learnerId: string;
  displayName: string;
  removed: string[];
  errors: string[];
}

export interface EndReport {
  learners: EndReportLearner[];
  removedCount: number;
}
