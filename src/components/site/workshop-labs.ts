/**
 * The lab catalog as the workshop pages hand it to their islands: id, title, time and difficulty
 * only (the islands bundle no lab definitions).
 */
import type { LabInfo } from '../../islands/workshops/workshop-types.ts';
import { getSiteLabs } from './labs.ts';

export function workshopLabCatalog(): LabInfo[] {
  return getSiteLabs().map((lab) => ({ id: lab.id, title: lab.definition.title, minutes: lab.definition.estimatedMinutes, difficulty: lab.definition.difficulty }));
}

/** Session cookie names of docs/workshops.md. They are HttpOnly: pages read them, islands cannot. */
export const INSTRUCTOR_COOKIE = 'mlsec_instructor';
export const WORKSHOP_LEARNER_COOKIE = 'mlsec_workshop_learner';
