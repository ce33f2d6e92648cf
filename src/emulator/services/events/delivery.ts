/**
 * What happens to an event on a bus: every enabled rule whose pattern matches sends it to each of
 * its targets. CloudWatch Logs log-group targets receive it for real (the event JSON, or the
 * target's Input / InputPath / InputTransformer result, in a stream named after the event id);
 * event-bus targets in the same account and region receive it on that bus; other targets (SNS,
 * SQS, Lambda …) are not emulated and the delivery is recorded. Every delivery is kept in the
 * bus's recent-deliveries record and counted in the AWS/Events metrics (MatchedEvents,
 * TriggeredRules, Invocations, FailedInvocations by RuleName), as EventBridge reports them.
 */
import type { RequestContext } from '../../core/context.ts';
import type { AwsEvent } from '../../core/events.ts';
import type { MetricDatum } from '../../core/metrics.ts';
import { deliverLogEvents } from '../logs/log-events.ts';
import { ruleArn } from './common.ts';
import { type CompiledPattern, compilePattern } from './event-pattern.ts';
import { matchesPattern } from './event-pattern-match.ts';
import type { DeliveryRecord, EventBridgeState, RuleState, TargetState } from './state.ts';

const MAX_DELIVERIES = 1000;
const MAX_BUS_HOPS = 3;
const compiled = new Map<string, CompiledPattern>();

function patternOf(source: string): CompiledPattern | undefined {
  let p = compiled.get(source);
  if (!p) {
    try {
      p = compilePattern(source);
    } catch {
      return undefined;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(source, p);
  }
  return p;
}

/** `$`, `$.a.b`, `$.a[0]`, `$.detail-type` */
export function jsonPath(doc: unknown, path: string): unknown {
  if (path === '$') return doc;
  let cur: unknown = doc;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = m[2] !== undefined ? (cur as unknown[])[Number(m[2])] : (cur as Record<string, unknown>)[m[1]!];
  }
  return cur;
}

function transform(target: TargetState, event: AwsEvent, rule: { name: string; arn: string }): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(jsonPath(event, target.InputPath) ?? null);
  if (target.InputTransformer) {
    const values: Record<string, unknown> = {
      'aws.events.rule-arn': rule.arn,
      'aws.events.rule-name': rule.name,
      'aws.events.event': JSON.stringify(event),
      'aws.events.event.json': event,
      'aws.events.event.ingestion-time': event.time,
    };
    for (const [k, p] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) values[k] = jsonPath(event, p);
    return fillTemplate(target.InputTransformer.InputTemplate, values);
  }
  return JSON.stringify(event);
}

/**
 * InputTemplate placeholders: inside a JSON string literal the value goes in as text (escaped);
 * elsewhere as a JSON value — EventBridge's rule for quoted and unquoted placeholders.
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    const m = c === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null;
    if (m && Object.hasOwn(values, m[1]!)) {
      const v = values[m[1]!];
      out += inString ? JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v ?? null)).slice(1, -1) : JSON.stringify(v ?? null);
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+?)(?::\*)?$/;
const BUS_ARN = /^arn:aws[a-z-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;

/** Sends an event through the rules of one bus (the caller's account and region). */
export function dispatch(ctx: RequestContext, state: EventBridgeState, busName: string, event: AwsEvent, hops = 0): void {
  const account = { accountId: event.account, region: event.region };
  const metrics: MetricDatum[] = [];
  const count = (metric: string, rule: string, value = 1) => metrics.push({ MetricName: metric, Dimensions: [{ Name: 'RuleName', Value: rule }], Value: value, Unit: 'Count' });
  const rules = [...state.rules.values()].filter((r) => r.busName === busName && r.state !== 'DISABLED' && r.eventPattern);
  for (const rule of rules) {
    const pattern = patternOf(rule.eventPattern!);
    if (!pattern || !matchesPattern(pattern, event)) continue;
    count('MatchedEvents', rule.name);
    count('TriggeredRules', rule.name);
    const arn = ruleArn({ region: event.region, accountId: event.account }, rule);
    for (const target of rule.targets) {
      const record = deliver(ctx, state, rule, arn, target, event, hops);
      count('Invocations', rule.name);
      if (record.status === 'Failed') count('FailedInvocations', rule.name);
      state.deliveries.push(record);
    }
  }
  if (state.deliveries.length > MAX_DELIVERIES) state.deliveries.splice(0, state.deliveries.length - MAX_DELIVERIES);
  if (metrics.length) ctx.metrics.put('AWS/Events', metrics, account);
}

function deliver(ctx: RequestContext, state: EventBridgeState, rule: RuleState, arn: string, target: TargetState, event: AwsEvent, hops: number): DeliveryRecord {
  const base = { time: ctx.now, eventId: event.id, source: event.source, detailType: event['detail-type'], ruleArn: arn, targetId: target.Id, targetArn: target.Arn };
  const payload = transform(target, event, { name: rule.name, arn });
  const group = LOG_GROUP_ARN.exec(target.Arn);
  if (group) {
    let ok: boolean;
    try {
      ok = deliverLogEvents(ctx, { accountId: group[2]!, region: group[1]!, logGroupName: group[3]!, logStreamName: event.id }, [{ timestamp: Date.parse(event.time), message: payload }]);
    } catch {
      // An emulator started without CloudWatch Logs: the target cannot be reached.
      return { ...base, status: 'Failed', reason: 'CloudWatch Logs is not served by this emulator.' };
    }
    return ok ? { ...base, status: 'Delivered' } : { ...base, status: 'Failed', reason: `Log group ${group[3]} does not exist in ${group[2]}/${group[1]}.` };
  }
  const bus = BUS_ARN.exec(target.Arn);
  if (bus && bus[1] === event.region && bus[2] === event.account) {
    if (!state.buses.has(bus[3]!) && bus[3] !== 'default') return { ...base, status: 'Failed', reason: `Event bus ${bus[3]} does not exist.` };
    if (hops >= MAX_BUS_HOPS) return { ...base, status: 'Failed', reason: 'The event passed through too many event buses.' };
    dispatch(ctx, state, bus[3]!, event, hops + 1);
    return { ...base, status: 'Delivered' };
  }
  return { ...base, status: 'Recorded', reason: 'This target type is not emulated; the delivery was recorded.' };
}
