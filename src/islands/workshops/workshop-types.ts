/**
 * The workshop API's shapes as the pages see them: the server's own types (src/workshops/types.ts,
 * the contract of docs/workshops.md) — type-only imports, so the islands bundle no server code —
 * plus the shapes only the pages use.
 */
export type {
  LabStatus,
  WorkshopState,
  Workshop,
  DashboardCell,
  DashboardRow,
  WorkshopMessage,
  Dashboard,
  EndReport as TeardownReport,
  LeaderboardEntry,
} from '../../workshops/types.ts';
import type { WorkshopMessage, WorkshopState } from '../../workshops/types.ts';

export interface WorkshopInput {
  title: string;
  labIds: string[];
  startsAt: string;
  endsAt: string;
  maxLearners: number;
  leaderboard: boolean;
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
