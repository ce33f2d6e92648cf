/**
 * `src/labs` — the lab engine's public face: loading and validating labs, the session machine and
 * service, the runner and selftest. Labs themselves import `src/labs/kit`.
 */
export { loadLabs, loadLab, findLab, labsRoot, LabDefinitionError, type LoadedLab } from './catalog.ts';
export { labDefinitionSchema, defineLab, type LabDefinition, type LabContext, type LabTask } from './definition.ts';
export { LabSessionService, SessionError, SessionBusyError, sameTarget, type ProgressListener } from './session-service.ts';
export { sweepSessions, startSessionSweeper, type SessionSweeper, type SessionSweeperOptions, type SweptSession } from './session-sweeper.ts';
export { sqlSessionStore, SessionConflictError, type LabSessionStore, type SessionRecord, type SessionEventRecord } from './session-store.ts';
export { labSessionMachine, hintLevels, type SessionContext, type SessionEvent, type SessionFailure } from './session-machine.ts';
export { sessionView, revealedHints, nextTaskForHint, type SessionView, type TaskView } from './session-view.ts';
export { selftestLab, type SelftestReport, type SelftestStep } from './selftest.ts';
export { LabUnavailableError, TeardownError, type Progress, type LabRuntime } from './runner.ts';
export type { GradeResult, TaskResult } from './grading.ts';
export { runPrefix, runTags, labTagKey, runTagKey } from './naming.ts';
