/**
 * What the lab page shows of a session: the lab engine's `sessionView` plus what only a page needs —
 * each finding with its check's risk, controls and a remediation command filled in with the run's
 * names, the hints revealed so far, provisioning progress, and which buttons make sense now. Plain
 * JSON, sent as the first render's props, in API answers and over server-sent events.
 */
import { getCheck } from '../checks/catalog.ts';
import type { Evidence, FindingStatus, Severity } from '../checks/types.ts';
import { environmentOf, type EnvironmentView } from './environment.ts';
import { revealedHints, sessionView, type LoadedLab, type Progress, type SessionRecord, type SessionView } from '../labs/index.ts';

export type SetupStepStatus = 'done' | 'running' | 'pending' | 'failed';

export type ConsoleAction = 'check' | 'hint' | 'solve' | 'reset' | 'teardown' | 'retry' | 'answer';

export interface FindingView {
  checkId: string;
  checkTitle: string;
  severity?: Severity;
  resource: { type: string; id: string };
  status: FindingStatus;
  summary: string;
  evidence: Evidence[];
  /** What goes wrong while this fails (from the check). */
  risk?: string;
  securityHub: string[];
  prowler?: string;
  remediation?: { text: string; cli: string; docs?: string };
}

export interface TaskResultView {
  id: string;
  title: string;
  status: FindingStatus;
  findings: FindingView[];
}

export interface ConsoleView {
  session: SessionView;
  version: number;
  updatedAt: string;
  /** The step being provisioned or torn down, while it happens. */
  progress?: Progress;
  /** An action another request is running on this session right now. */
  busy?: string;
  actions: ConsoleAction[];
  grade?: { at: string; durationMs: number; passed: boolean; counts: Record<FindingStatus, number>; tasks: TaskResultView[] };
  hints: Record<string, { level: number; name: string; text: string }[]>;
  /** The lab's resources as a diagram, marked with the last check's findings. */
  environment: EnvironmentView;
  /** The lab's setup steps and how far the current build got. */
  setup: { title: string; status: SetupStepStatus }[];
  /** When time on the lab started counting (ready, else created) and stopped (ended). */
  startedAt: string;
  endedAt?: string;
}

const actionsByState: Record<string, ConsoleAction[]> = {
  ready: ['check', 'hint', 'solve', 'reset', 'teardown', 'answer'],
  passed: ['check', 'hint', 'reset', 'teardown', 'answer'],
  failed: ['retry', 'teardown'],
};

export function consoleView(record: SessionRecord, lab: LoadedLab, options: { busy?: string; now?: number } = {}): ConsoleView {
  const c = record.context;
  const grade = c.lastGrade;
  const accountId = c.identity?.accountId;
  const session = sessionView(record, lab, options.now);
  const names = Object.fromEntries(session.resources.map((r) => [r.key, r.name]));
  return {
    session,
    environment: environmentOf(lab, names, grade, accountId),
    version: record.version,
    updatedAt: record.updatedAt,
    progress: c.progress,
    busy: options.busy,
    actions: options.busy ? [] : (actionsByState[record.state] ?? []),
    grade: grade && {
      at: grade.at,
      durationMs: grade.durationMs,
      passed: grade.passed,
      counts: grade.counts,
      tasks: grade.tasks.map((task) => ({
        id: task.id,
        title: task.title,
        status: task.status,
        findings: task.findings.map((f) => {
          const check = getCheck(f.checkId);
          return {
            checkId: f.checkId,
            checkTitle: check?.title ?? f.checkId,
            severity: check?.severity,
            resource: { type: f.resource.type, id: f.resource.id },
            status: f.status,
            summary: f.summary,
            evidence: f.evidence,
            risk: check?.risk,
            securityHub: check?.securityHub ?? [],
            prowler: check?.prowler,
            remediation: check && { text: check.remediation.text, cli: fillPlaceholders(check.remediation.cli, f.resource, accountId), docs: check.remediation.docs },
          };
        }),
      })),
    },
    setup: setupSteps(record, lab),
    hints: Object.fromEntries(lab.definition.tasks.map((t) => [t.id, revealedHints(record, lab, t.id)])),
    startedAt: c.readyAt ?? c.createdAt,
    endedAt: c.endedAt,
  };
}

/** Puts the finding's own names into the check's remediation command, so it can be pasted as it is. */
export function fillPlaceholders(cli: string, resource: { type: string; id: string }, accountId?: string): string {
  let text = cli;
  if (resource.type === 'AWS::S3::Bucket') text = text.replaceAll('<bucket>', resource.id);
  if (accountId) text = text.replaceAll('<account-id>', accountId);
  return text;
}

/** Each setup step's status, from the state and the persisted progress of the current build. */
export function setupSteps(record: SessionRecord, lab: LoadedLab): ConsoleView['setup'] {
  const c = record.context;
  const titles = lab.definition.setup.map((s) => s.title);
  const building = c.progress?.phase === 'provisioning' ? c.progress.step : undefined;
  const all = (status: SetupStepStatus) => titles.map((title) => ({ title, status }));
  switch (record.state) {
    case 'idle':
    case 'preflight':
    case 'resetting':
      return all('pending');
    case 'provisioning':
      return titles.map((title, i) => ({ title, status: building === undefined || i + 1 > building ? 'pending' : i + 1 === building ? 'running' : 'done' }));
    case 'failed':
      if (c.failure?.phase === 'provisioning' || c.failure?.phase === 'resetting') {
        return titles.map((title, i) => ({ title, status: building === undefined ? 'pending' : i + 1 < building ? 'done' : i + 1 === building ? 'failed' : 'pending' }));
      }
      return all(c.readyAt ? 'done' : 'pending');
    default:
      return all(c.readyAt ? 'done' : 'pending');
  }
}
