/**
 * Grading: the outcome, not the method. Each task's checks run over a fresh inventory of the lab's
 * resources, found by name or tag (never by the ARN setup created, so a recreated resource counts),
 * and a resource that is missing fails with a reason the learner understands.
 */
import { formatAwsError, toAwsErrorInfo, type AwsClients, type AwsErrorInfo } from '../aws/index.ts';
import { getCheck } from '../checks/catalog.ts';
import { normaliseAnswer } from '../checks/lab/lab-answer-correct.ts';
import type { Finding, FindingStatus } from '../checks/types.ts';
import { collectInventory, mergeScopes, type InventoryScope } from '../inventory/index.ts';
import { observedError, observedValue, type Observed } from '../inventory/observed.ts';
import type { Inventory, ProbeOutcome } from '../inventory/types.ts';
import { createLabContext, renderParams, resourceNames } from './context.ts';
import type { LabDefinition, LabTask } from './definition.ts';
import { getResourceKind } from './resources/index.ts';

export interface TaskResult {
  id: string;
  title: string;
  status: FindingStatus;
  findings: Finding[];
}

export interface GradeResult {
  at: string;
  passed: boolean;
  durationMs: number;
  counts: Record<FindingStatus, number>;
  tasks: TaskResult[];
}

interface CheckRef {
  task: LabTask;
  checkId: string;
  resource: string;
  params: unknown;
}

export interface GradeInput {
  lab: LabDefinition;
  aws: AwsClients;
  runId: string;
  facts: Record<string, string>;
  answers: Record<string, string>;
  /** Only these tasks (default: all). */
  taskIds?: readonly string[];
}

export async function gradeLab(input: GradeInput): Promise<GradeResult> {
  const started = performance.now();
  const { lab, aws, runId, facts } = input;
  const names = resourceNames(lab, runId);
  const tasks = input.taskIds ? lab.tasks.filter((t) => input.taskIds!.includes(t.id)) : lab.tasks;

  let identity: Awaited<ReturnType<AwsClients['identity']>> | undefined;
  let failure: AwsErrorInfo | undefined;
  try {
    identity = await aws.identity();
  } catch (error) {
    failure = error instanceof Error && 'info' in error ? (error as { info: AwsErrorInfo }).info : toAwsErrorInfo(error);
    if (error instanceof Error && error.name === 'SandboxRefusedError') failure = { code: 'SandboxRefused', message: error.message };
  }
  const vars = { names, facts, accountId: identity?.accountId, region: identity?.region, partition: identity?.partition, runId };

  const refs: CheckRef[] = tasks.flatMap((task) => [
    ...task.checks.map((c) => ({ task, checkId: c.check, resource: c.resource, params: c.params ? renderParams(c.params, vars) : undefined })),
    ...task.questions.map((q) => ({ task, checkId: 'lab-answer-correct', resource: 'lab', params: { question: q.id } })),
  ]);

  let inventory: Inventory | undefined;
  if (identity) {
    const scopes: InventoryScope[] = refs.map((ref) => {
      const check = getCheck(ref.checkId)!;
      const physical = names[ref.resource];
      return check.scope(physical ? { names: [physical] } : {}, ref.params);
    });
    try {
      inventory = await collectInventory(aws, mergeScopes(scopes));
      inventory.lab = await labEvidence(input, tasks, refs, identity);
    } catch (error) {
      failure = toAwsErrorInfo(error);
    }
  }

  const results: TaskResult[] = tasks.map((task) => {
    const findings = refs.filter((r) => r.task === task).flatMap((ref) => (inventory ? evaluateRef(lab, ref, inventory, names) : [unreachable(ref, failure!, names, lab)]));
    return { id: task.id, title: task.title, status: taskStatus(findings), findings };
  });
  const all = results.flatMap((t) => t.findings);
  const counts = { pass: 0, fail: 0, unknown: 0 } as Record<FindingStatus, number>;
  for (const f of all) counts[f.status]++;
  return {
    at: new Date().toISOString(),
    passed: results.every((t) => t.status === 'pass'),
    durationMs: Math.round(performance.now() - started),
    counts,
    tasks: results,
  };
}

function taskStatus(findings: Finding[]): FindingStatus {
  if (findings.some((f) => f.status === 'fail')) return 'fail';
  if (findings.length === 0 || findings.some((f) => f.status === 'unknown')) return 'unknown';
  return 'pass';
}

function evaluateRef(lab: LabDefinition, ref: CheckRef, inventory: Inventory, names: Record<string, string>): Finding[] {
  const check = getCheck(ref.checkId)!;
  const findings = check.evaluate(inventory, ref.params);
  if (ref.resource === 'account') {
    const mine = findings.filter((f) => f.resource.type === 'AWS::::Account');
    return mine.length ? mine : [missingEvidence(ref, 'the account-level setting was not read')];
  }
  if (ref.resource === 'lab') {
    const id = (ref.params as { question?: string; probe?: string } | undefined)?.question ?? (ref.params as { probe?: string } | undefined)?.probe;
    const mine = findings.filter((f) => f.resource.id === id);
    return mine.length ? mine : [missingEvidence(ref, `no evidence for ${id}`)];
  }
  const physical = names[ref.resource]!;
  const mine = findings.filter((f) => f.resource.id === physical || f.resource.family === physical);
  if (mine.length) return mine;
  const declared = lab.resources[ref.resource]!;
  const region = inventory.account.region;
  return [
    {
      checkId: ref.checkId,
      resource: { type: getResourceKind(declared.type)!.checkResourceType, id: physical },
      status: 'fail',
      summary: `${capitalise(declared.title)} (${physical}) was not found in ${region}. Checks look for it by that name, so if it was deleted or renamed, create it again with exactly that name — or start over with \`npm run lab -- reset\`.`,
      evidence: [{ field: 'lookup by name', value: `${physical}: not found`, expected: 'the resource exists' }],
    },
  ];
}

function missingEvidence(ref: CheckRef, why: string): Finding {
  return { checkId: ref.checkId, resource: { type: 'MLSEC::Lab::Evidence', id: ref.resource }, status: 'unknown', summary: `Could not check: ${why}.`, evidence: [{ field: ref.resource, value: why }] };
}

function unreachable(ref: CheckRef, error: AwsErrorInfo, names: Record<string, string>, lab: LabDefinition): Finding {
  const declared = lab.resources[ref.resource];
  return {
    checkId: ref.checkId,
    resource: { type: declared ? getResourceKind(declared.type)!.checkResourceType : 'MLSEC::Lab::Evidence', id: names[ref.resource] ?? ref.resource },
    status: 'unknown',
    summary: `Could not check: ${formatAwsError(error)}`,
    evidence: [{ field: 'target', value: `${error.code}: ${error.message}` }],
  };
}

async function labEvidence(input: GradeInput, tasks: LabTask[], refs: CheckRef[], identity: Awaited<ReturnType<AwsClients['identity']>>): Promise<Inventory['lab']> {
  const answers = tasks.flatMap((task) =>
    task.questions.map((q) => {
      const accepted = 'fact' in q.answer ? (input.facts[q.answer.fact] !== undefined ? [input.facts[q.answer.fact]!] : []) : q.answer.oneOf;
      return { questionId: q.id, prompt: q.prompt, given: input.answers[q.id], accepted: accepted.map((a) => normaliseAnswer(a, q.match)), match: q.match };
    }),
  );
  const probeIds = [...new Set(refs.filter((r) => r.checkId === 'lab-probe-outcome').flatMap((r) => { const p = r.params as { probe: string; stillAllowed?: string[] }; return [p.probe, ...(p.stillAllowed ?? [])]; }))];
  const probes: Record<string, Observed<ProbeOutcome>> = {};
  if (probeIds.length) {
    const ctx = createLabContext({ lab: input.lab, runId: input.runId, aws: input.aws, identity, facts: input.facts });
    await Promise.all(
      probeIds.map(async (id) => {
        try {
          probes[id] = observedValue(await input.lab.probes[id]!.run(ctx));
        } catch (error) {
          probes[id] = observedError(toAwsErrorInfo(error, `probe ${id}`));
        }
      }),
    );
  }
  return { answers, probes };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
