import type { AwsClients, CallerIdentity } from '../aws/index.ts';
import type { LabContext, LabDefinition } from './definition.ts';
import { runPrefix, runTags } from './naming.ts';
import { getResourceKind } from './resources/index.ts';
import type { UndoRecord } from './resources/undo.ts';

/** Physical names of a lab's declared resources in one run. */
export function resourceNames(lab: LabDefinition, runId: string): Record<string, string> {
  const prefix = runPrefix(runId);
  return Object.fromEntries(Object.entries(lab.resources).map(([key, r]) => [key, getResourceKind(r.type)!.physicalName(prefix, r.name)]));
}

export interface TemplateVars {
  names: Record<string, string>;
  facts: Record<string, string>;
  accountId?: string;
  region?: string;
  partition?: string;
  runId: string;
}

/**
 * Fills `{{key}}` placeholders: resource keys (physical names), `accountId`, `region`,
 * `partition`, `runId`, `prefix` and `fact.<key>`. An unknown placeholder is an error: a hint
 * that prints `{{teamKeyArn}}` to a learner is a bug.
 */
export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.-]+)\s*\}\}/g, (whole, key: string) => {
    if (key.startsWith('fact.')) {
      const value = vars.facts[key.slice(5)];
      if (value === undefined) throw new Error(`Template ${whole}: setup recorded no fact "${key.slice(5)}".`);
      return value;
    }
    const builtins: Record<string, string | undefined> = {
      accountId: vars.accountId,
      region: vars.region,
      partition: vars.partition,
      runId: vars.runId,
      prefix: runPrefix(vars.runId),
    };
    const value = key in builtins ? builtins[key] : vars.names[key];
    if (value === undefined) throw new Error(`Template ${whole} names nothing this lab declares (resources: ${Object.keys(vars.names).join(', ')}; facts as fact.<key>).`);
    return value;
  });
}

/** Renders every string inside a parameter object. */
export function renderParams(value: unknown, vars: TemplateVars): unknown {
  if (typeof value === 'string') return renderTemplate(value, vars);
  if (Array.isArray(value)) return value.map((v) => renderParams(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderParams(v, vars)]));
  return value;
}

export interface ContextOptions {
  lab: LabDefinition;
  runId: string;
  aws: AwsClients;
  identity: CallerIdentity;
  facts?: Record<string, string>;
  onFact?: (key: string, value: string) => void;
  onUndo?: (record: UndoRecord) => void;
}

export function createLabContext(options: ContextOptions): LabContext {
  const { lab, runId, aws, identity } = options;
  const names = resourceNames(lab, runId);
  const tags = runTags(lab.id, runId);
  const facts: Record<string, string> = { ...options.facts };
  const vars = (): TemplateVars => ({ names, facts, accountId: identity.accountId, region: identity.region, partition: identity.partition, runId });
  return {
    labId: lab.id,
    runId,
    prefix: runPrefix(runId),
    region: identity.region,
    accountId: identity.accountId,
    partition: identity.partition,
    names,
    tags,
    tagList: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    kmsTags: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
    aws,
    facts,
    setFact(key, value) {
      facts[key] = value;
      options.onFact?.(key, value);
    },
    recordUndo(record) {
      options.onUndo?.(record);
    },
    render: (template) => renderTemplate(template, vars()),
  };
}
