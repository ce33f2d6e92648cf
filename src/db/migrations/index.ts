import type { Migration } from '../migrations.ts';
import { labSessions } from './0001-lab-sessions.ts';
import { learners } from './0002-learners.ts';
import { examAttempts } from './0003-exam-attempts.ts';
import { workshops } from './0004-workshops.ts';

/**
 * Every migration, in order. To change the schema add `NNNN-<name>.ts` next to this file and append
 * it here; never edit a migration that has shipped.
 */
export const migrations: readonly Migration[] = [labSessions, learners, examAttempts, workshops];
