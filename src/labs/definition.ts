/**
 * The lab format. `labs/<lab-id>/lab.ts` default-exports `defineLab({...})`; this zod schema
 * validates it when labs are loaded (CLI, tests, build), and errors name the file and the field.
 * Field-by-field documentation for authors is in docs/labs.md.
 */
import { z } from 'zod';
import { isServiceName, labRequirements, parseOperation, serviceNames, type AwsClients, type ServiceName } from '../aws/index.ts';
import { getCheck } from '../checks/catalog.ts';
import { curriculumTopicIds, isSyllabusItemId } from '../curriculum/syllabus.ts';
import type { ProbeOutcome } from '../inventory/types.ts';
import { getResourceKind } from './resources/index.ts';
import type { UndoRecord } from './resources/undo.ts';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a kebab-case id such as close-public-access');
const camel = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'use a camelCase key such as trainingBucket');
const fn = <T>(what: string) => z.custom<T>((v) => typeof v === 'function', { message: `must be a function (${what})` });

/** What setup, solutions, near-misses and probes get: the run's names, tags and guarded AWS clients. */
export interface LabContext<R extends string = string> {
  labId: string;
  runId: string;
  /** `mlsec-<run-id>`: every name the lab creates starts with it. */
  prefix: string;
  region: string;
  accountId: string;
  partition: string;
  /** Physical name of each declared resource (`trainingBucket` → `mlsec-ab12cd34-fraud-training-data`). */
  names: Record<R, string>;
  /** `{ 'mlsec:lab': <lab-id>, 'mlsec:run': <run-id> }` */
  tags: Record<string, string>;
  /** The tags as `[{ Key, Value }]` (S3, EC2, IAM, SageMaker …). */
  tagList: { Key: string; Value: string }[];
  /** The tags as `[{ TagKey, TagValue }]` (KMS). */
  kmsTags: { TagKey: string; TagValue: string }[];
  /** SDK clients for the learner's target, behind the sandbox guard. */
  aws: AwsClients;
  /** Values setup discovered (ids, ARNs, the answer to a question); persisted with the session. */
  facts: Record<string, string>;
  setFact(key: string, value: string): void;
  /** Remembers an account-wide setting setup changed, so teardown restores it. */
  recordUndo(record: UndoRecord): void;
  /** Fills `{{name}}` placeholders (resource keys, accountId, region, runId, prefix, fact.<key>). */
  render(template: string): string;
}

export type LabStep = (ctx: LabContext) => Promise<void>;

const resourceSchema = z.strictObject({
  /** A resource kind from src/labs/resources (`s3:bucket`, `kms:alias`, `kms:key`). */
  type: z.string().refine((t) => getResourceKind(t) !== undefined, { message: 'unknown resource type (see src/labs/resources/index.ts)' }),
  /** The name after the run prefix: `fraud-training-data` becomes `mlsec-<run-id>-fraud-training-data`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes, up to 41 characters'),
  /** How the brief and the findings refer to it: "the training-data bucket". */
  title: z.string().min(5),
});

const taskCheckSchema = z.strictObject({
  /** Check id from the catalog (src/checks). */
  check: z.string().refine((id) => getCheck(id) !== undefined, { message: 'no check with this id in src/checks/catalog.ts' }),
  /** Key of a declared resource, or `account` (account-wide checks) or `lab` (answers, probes). */
  resource: z.string(),
  /** Check parameters; strings may use `{{placeholders}}`. */
  params: z.record(z.string(), z.unknown()).optional(),
});

const hintsSchema = z.strictObject({
  /** Level 1: which idea or setting matters. No commands, no values. */
  nudge: z.string().min(20),
  /** Level 2: where to look — console page, API or CLI operation name — still without the fix. */
  where: z.string().min(20),
  /** Level 3: the exact command(s) that fix it, with `{{placeholders}}` for run-specific names. */
  command: z.string().min(10),
});

const questionSchema = z.strictObject({
  id: kebab,
  prompt: z.string().min(10),
  /** The accepted answer: a fact setup recorded, or literal accepted values. */
  answer: z.union([z.strictObject({ fact: z.string().min(1) }), z.strictObject({ oneOf: z.array(z.string().min(1)).min(1) })]),
  match: z.enum(['exact', 'case-insensitive']).default('case-insensitive'),
});

const taskSchema = z.strictObject({
  id: kebab,
  /** Imperative, short: "Shut the public door". */
  title: z.string().min(5).max(80),
  /** What done looks like, for the learner. */
  goal: z.string().min(20),
  /** Why it matters, in a sentence or two. */
  why: z.string().min(20),
  /** Checks that must all pass (questions add their own). */
  checks: z.array(taskCheckSchema).default([]),
  questions: z.array(questionSchema).default([]),
  hints: hintsSchema,
});

const stepSchema = z.strictObject({ title: z.string().min(5), run: fn<LabStep>('async (ctx) => { … }') });

const solutionSchema = z.strictObject({
  /** The task this step solves. */
  task: kebab,
  title: z.string().min(5),
  run: fn<LabStep>('async (ctx) => { … }'),
  /** For tasks with questions: the answers the reference solution gives, by question id. */
  answers: z.record(z.string(), z.string()).optional(),
});

const nearMissSchema = z.strictObject({
  id: kebab,
  /** What a learner might plausibly do. */
  title: z.string().min(10),
  /** Why it is not enough — shown when a learner's fix looks like this one. */
  explanation: z.string().min(30),
  /** The task that must still fail after applying it. */
  task: kebab,
  apply: fn<LabStep>('async (ctx) => { … }'),
});

const probeSchema = z.strictObject({
  /** What is attempted, for evidence: "CreateTrainingJob without a VPC as the analyst". */
  description: z.string().min(10),
  run: fn<(ctx: LabContext) => Promise<ProbeOutcome>>('async (ctx) => ({ outcome, … })'),
});

export const labDefinitionSchema = z
  .strictObject({
    /** Equals the folder name under labs/. */
    id: kebab,
    title: z.string().min(10).max(90),
    /** One or two sentences for lists. */
    summary: z.string().min(40).max(400),
    syllabus: z.array(z.string().refine(isSyllabusItemId, { message: 'unknown syllabus item id (see content/syllabus/domain4.json)' })).min(1),
    topics: z.array(z.string().refine((t) => curriculumTopicIds.includes(t), { message: 'unknown curriculum topic' })).default([]),
    difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
    estimatedMinutes: z.number().int().min(5).max(240),
    /** Hard limit after which the environment is torn down; defaults to three times the estimate, at least an hour. */
    timeLimitMinutes: z.number().int().min(10).max(24 * 60).optional(),
    /** AWS services the lab uses (for `list`, capability probes and teardown). */
    services: z.array(z.string().refine(isServiceName, { message: `unknown service; known: ${serviceNames.join(', ')}` })).min(1),
    /** `service:Operation` the lab relies on; read-like ones are probed on the target before setup. */
    operations: z.array(z.string()).default([]),
    /** Behaviour the target must have beyond its services (`scp-enforcement`); checked in preflight, unmet → unavailable with the reason. */
    requires: z.array(z.enum(labRequirements)).default([]),
    resources: z.record(camel, resourceSchema),
    setup: z.array(stepSchema).min(1),
    tasks: z.array(taskSchema).min(3, 'a lab has at least 3 tasks'),
    solution: z.array(solutionSchema).min(1),
    nearMisses: z.array(nearMissSchema).min(1, 'a lab ships at least one near-miss fix that must still fail'),
    probes: z.record(camel, probeSchema).default({}),
    /** Extra teardown steps that run before the generic sweep by tag and prefix. */
    teardown: z.array(stepSchema).default([]),
  })
  .superRefine((lab, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = (values: string[], path: string, what: string) => {
      const dup = values.find((v, i) => values.indexOf(v) !== i);
      if (dup) issue([path], `duplicate ${what} "${dup}"`);
    };
    unique(lab.tasks.map((t) => t.id), 'tasks', 'task id');
    unique(lab.nearMisses.map((n) => n.id), 'nearMisses', 'near-miss id');
    unique(lab.tasks.flatMap((t) => t.questions.map((q) => q.id)), 'tasks', 'question id');

    lab.operations.forEach((op, i) => {
      try {
        const { service } = parseOperation(op);
        if (!lab.services.includes(service)) issue(['operations', i], `${op} belongs to ${service}, which is not in services`);
      } catch (error) {
        issue(['operations', i], (error as Error).message);
      }
    });
    for (const [key, resource] of Object.entries(lab.resources)) {
      const kind = getResourceKind(resource.type);
      if (kind && !lab.services.includes(kind.service)) issue(['resources', key, 'type'], `${resource.type} needs service ${kind.service} in services`);
    }

    const taskIds = new Set(lab.tasks.map((t) => t.id));
    lab.tasks.forEach((task, t) => {
      if (task.checks.length === 0 && task.questions.length === 0) issue(['tasks', t, 'checks'], 'a task needs at least one check or question');
      task.checks.forEach((ref, c) => {
        const check = getCheck(ref.check);
        if (!check) return;
        const path = ['tasks', t, 'checks', c];
        if (ref.resource === 'account') {
          if (check.resourceType !== 'AWS::::Account') issue([...path, 'resource'], `${ref.check} is about ${check.resourceType}, not the account`);
        } else if (ref.resource === 'lab') {
          if (!check.resourceType.startsWith('MLSEC::Lab::')) issue([...path, 'resource'], `${ref.check} is not a lab-evidence check`);
        } else {
          const resource = lab.resources[ref.resource];
          if (!resource) issue([...path, 'resource'], `no resource "${ref.resource}" is declared (declared: ${Object.keys(lab.resources).join(', ') || 'none'}, plus account and lab)`);
          else if (getResourceKind(resource.type)?.checkResourceType !== check.resourceType) {
            issue([...path, 'resource'], `${ref.check} evaluates ${check.resourceType}, but ${ref.resource} is a ${resource.type}`);
          }
        }
        if (check.params) {
          const parsed = check.params.safeParse(ref.params);
          if (!parsed.success) issue([...path, 'params'], parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '));
        } else if (ref.params) {
          issue([...path, 'params'], `${ref.check} takes no parameters`);
        }
        if (ref.check === 'lab-probe-outcome' && ref.params && typeof ref.params.probe === 'string' && !lab.probes[ref.params.probe]) {
          issue([...path, 'params', 'probe'], `no probe "${ref.params.probe}" is defined`);
        }
        if (ref.check === 'lab-probe-outcome' && Array.isArray(ref.params?.stillAllowed)) {
          for (const other of ref.params.stillAllowed as unknown[]) if (typeof other === 'string' && !lab.probes[other]) issue([...path, 'params', 'stillAllowed'], `no probe "${other}" is defined`);
        }
      });
      checkHints(task.hints, (field, message) => issue(['tasks', t, 'hints', field], message));
      const solved = lab.solution.filter((s) => s.task === task.id);
      if (solved.length === 0) issue(['solution'], `task "${task.id}" has no reference solution step`);
      for (const q of task.questions) {
        if (!solved.some((s) => s.answers?.[q.id] !== undefined)) issue(['solution'], `question "${q.id}" has no answer in the reference solution`);
      }
    });
    lab.solution.forEach((s, i) => {
      if (!taskIds.has(s.task)) issue(['solution', i, 'task'], `no task "${s.task}"`);
    });
    lab.nearMisses.forEach((n, i) => {
      if (!taskIds.has(n.task)) issue(['nearMisses', i, 'task'], `no task "${n.task}"`);
    });
  });

/**
 * "No hint gives the answer before its last level": the first two levels may name settings and
 * operations but not carry commands, flags, JSON or placeholders; the last level must be runnable.
 */
function checkHints(hints: z.infer<typeof hintsSchema>, issue: (field: string, message: string) => void): void {
  for (const level of ['nudge', 'where'] as const) {
    const text = hints[level];
    if (/(^|[\s`])aws [a-z0-9-]+ [a-z0-9-]+/.test(text)) issue(level, 'must not contain an AWS CLI command (save it for the command level)');
    if (/(^|\s)--[a-z]/.test(text)) issue(level, 'must not contain CLI flags (save them for the command level)');
    if (/[{}]/.test(text)) issue(level, 'must not contain JSON or {{placeholders}} (save them for the command level)');
  }
  if (!/\baws [a-z0-9-]+ [a-z0-9-]+/.test(hints.command)) issue('command', 'the last hint level gives the exact AWS CLI command');
}

export type LabDefinition = z.output<typeof labDefinitionSchema>;
export type LabDefinitionInput = z.input<typeof labDefinitionSchema>;
export type LabTask = LabDefinition['tasks'][number];
export type LabTaskCheck = LabTask['checks'][number];
export type LabQuestion = LabTask['questions'][number];
export type LabNearMiss = LabDefinition['nearMisses'][number];
export type LabResourceDeclaration = LabDefinition['resources'][string];

type Step<R extends string> = { title: string; run: (ctx: LabContext<R>) => Promise<void> };

/** What lab authors write: the schema's input, with `ctx.names` typed by the declared resource keys. */
export type LabAuthoring<R extends string> = Omit<LabDefinitionInput, 'resources' | 'setup' | 'solution' | 'nearMisses' | 'probes' | 'teardown'> & {
  resources: Record<R, z.input<typeof resourceSchema>>;
  setup: Step<R>[];
  solution: (Step<R> & { task: string; answers?: Record<string, string> })[];
  nearMisses: { id: string; title: string; explanation: string; task: string; apply: (ctx: LabContext<R>) => Promise<void> }[];
  probes?: Record<string, { description: string; run: (ctx: LabContext<R>) => Promise<ProbeOutcome> }>;
  teardown?: Step<R>[];
};

/**
 * Identity helper that gives lab authors type checking and completion (`ctx.names.<resource>`);
 * the schema validates the definition when labs are loaded.
 */
export function defineLab<R extends string>(definition: LabAuthoring<R>): LabDefinitionInput {
  return definition as unknown as LabDefinitionInput;
}

export type { ServiceName };
