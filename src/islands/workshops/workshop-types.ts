/**
 * The workshop API's shapes as the pages see them (the contract of docs/workshops.md; the server's
 * own types live in src/workshops/types.ts). Kept here so the islands bundle no server code.
 */
export type LabStatus = 'not-started' | 'provisioning' | 'ready' | 'checking' | 'passed' | 'failed' | 'torn-down';
export type WorkshopState = 'scheduled' | 'running' | 'ended';

export interface Workshop {
  id: string;
  title: string;
  labIds: string[];
  startsAt: string;
  endsAt: string;
  maxLearners: number;
  leaderboard: boolean;
  joinCode: string;
  /** Relative, e.g. "/join?code=ABCD-EFGH". */
  joinUrl: string;
  state: WorkshopState;
  target?: unknown;
  learnerCount: number;
  createdAt: string;
  endedAt?: string | null;
  /** The teardown report of `end`, kept by the server so a reload still shows it. */
  endReport?: TeardownReport;
}

export interface WorkshopInput {
  title: string;
  labIds: string[];
  startsAt: string;
  endsAt: string;
  maxLearners: number;
  leaderboard: boolean;
}

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
  accountId: string;
  labs: DashboardCell[];
}

export interface WorkshopMessage {
  id: string | number;
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

export interface TeardownReport {
  learners: { learnerId: string; displayName: string; removed: string[]; errors: string[] }[];
  removedCount: number;
}

export interface LeaderboardEntry {
  learnerId: string;
  displayName: string;
  points: number;
  labsPassed: number;
  hintsUsed: number;
}

export interface JoinAnswer {
  workshopId: string;
  learnerId: string;
  csrfToken: string;
}

export interface LearnerMe {
  learner: { id: string; displayName: string };
  workshop: { id: string; title: string; labIds: string[]; startsAt: string; endsAt: string; state: WorkshopState };
  messages: WorkshopMessage[];
  csrfToken: string;
}

/** A lab of the catalog, as the pages pass it to the islands. */
export interface LabInfo {
  id: string;
  title: string;
  minutes?: number;
  difficulty?: string;
}
