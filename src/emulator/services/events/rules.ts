/**
 * Rules: PutRule (event patterns checked as EventBridge does, schedule expressions validated),
 * DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, ListRuleNamesByTarget and
 * TestEventPattern.
 */
import type * as EB from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { busName, type Ctx, decodeToken, encodeToken, findRule, getBus, RULE_NAME, ruleArn, ruleKey, validation } from './common.ts';
import { compilePattern, type CompiledPattern, PatternError } from './event-pattern.ts';
import { matchesPattern } from './event-pattern-match.ts';
import { isValidScheduleExpression } from './schedule-expression.ts';
import type { RuleState } from './state.ts';
import { checkTags } from './tags.ts';

const STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

/** Compiles a pattern or answers InvalidEventPatternException with EventBridge's wording. */
export function checkedPattern(pattern: string): CompiledPattern {
  try {
    return compilePattern(pattern);
  } catch (error) {
    if (error instanceof PatternError) throw new AwsServiceError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${error.message}`);
    throw error;
  }
}

export function putRule(input: EB.PutRuleRequest, ctx: Ctx): Output<EB.PutRuleResponse> {
  new ProblemList()
    .minLength('name', input.Name, 1)
    .maxLength('name', input.Name, 64)
    .pattern('name', input.Name, RULE_NAME, '[\\.\\-_A-Za-z0-9]+')
    .maxLength('scheduleExpression', input.ScheduleExpression, 256)
    .maxLength('eventPattern', input.EventPattern, 4096)
    .oneOf('state', input.State, STATES)
    .maxLength('description', input.Description, 512)
    .minLength('roleArn', input.RoleArn, 1)
    .maxLength('roleArn', input.RoleArn, 1600)
    .check();
  const bus = busName(ctx, input.EventBusName);
  if (!input.EventPattern && !input.ScheduleExpression) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  if (input.ScheduleExpression) {
    if (bus !== 'default') throw validation('ScheduleExpression is supported only on the default event bus.');
    if (!isValidScheduleExpression(input.ScheduleExpression)) throw validation('Parameter ScheduleExpression is not valid.');
  }
  if (input.EventPattern) checkedPattern(input.EventPattern);
  getBus(ctx, bus);
  const state = ctx.state();
  const existing = state.rules.get(ruleKey(bus, input.Name!));
  const rule: RuleState = {
    name: input.Name!,
    busName: bus,
    ...(input.EventPattern ? { eventPattern: input.EventPattern } : {}),
    ...(input.ScheduleExpression ? { scheduleExpression: input.ScheduleExpression } : {}),
    state: (input.State as RuleState['state']) ?? existing?.state ?? 'ENABLED',
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(input.RoleArn !== undefined ? { roleArn: input.RoleArn } : {}),
    createdBy: existing?.createdBy ?? ctx.accountId,
    tags: checkTags(input.Tags, existing?.tags ?? {}),
    targets: existing?.targets ?? [],
  };
  state.rules.set(ruleKey(bus, rule.name), rule);
  return { RuleArn: ruleArn(ctx, rule) };
}

function describe(ctx: Ctx, rule: RuleState): EB.DescribeRuleResponse {
  return {
    Name: rule.name,
    Arn: ruleArn(ctx, rule),
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.busName,
    CreatedBy: rule.createdBy,
  };
}

export function describeRule(input: EB.DescribeRuleRequest, ctx: Ctx): Output<EB.DescribeRuleResponse> {
  return describe(ctx, findRule(ctx, input.Name!, busName(ctx, input.EventBusName)));
}

export function listRules(input: EB.ListRulesRequest, ctx: Ctx): Output<EB.ListRulesResponse> {
  new ProblemList().range('limit', input.Limit, 1, 100).maxLength('namePrefix', input.NamePrefix, 64).check();
  const bus = busName(ctx, input.EventBusName);
  getBus(ctx, bus);
  const rules = [...ctx.state().rules.values()].filter((r) => r.busName === bus && (input.NamePrefix === undefined || r.name.startsWith(input.NamePrefix))).sort((a, b) => (a.name < b.name ? -1 : 1));
  const limit = input.Limit ?? 100;
  const fingerprint = JSON.stringify(['ListRules', bus, input.NamePrefix ?? null]);
  const offset = decodeToken(input.NextToken, fingerprint);
  return {
    Rules: rules.slice(offset, offset + limit).map((r) => {
      const d = describe(ctx, r);
      return { Name: d.Name, Arn: d.Arn, EventPattern: d.EventPattern, ScheduleExpression: d.ScheduleExpression, State: d.State, Description: d.Description, RoleArn: d.RoleArn, EventBusName: d.EventBusName };
    }),
    NextToken: offset + limit < rules.length ? encodeToken(offset + limit, fingerprint) : undefined,
  };
}

export function enableRule(input: EB.EnableRuleRequest, ctx: Ctx): Output<Record<string, never>> {
  findRule(ctx, input.Name!, busName(ctx, input.EventBusName)).state = 'ENABLED';
  return {};
}

export function disableRule(input: EB.DisableRuleRequest, ctx: Ctx): Output<Record<string, never>> {
  findRule(ctx, input.Name!, busName(ctx, input.EventBusName)).state = 'DISABLED';
  return {};
}

export function deleteRule(input: EB.DeleteRuleRequest, ctx: Ctx): Output<Record<string, never>> {
  const bus = busName(ctx, input.EventBusName);
  const state = ctx.state();
  const rule = state.rules.get(ruleKey(bus, input.Name!));
  // As on AWS: deleting a rule that does not exist succeeds.
  if (!rule) return {};
  if (rule.targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
  state.rules.delete(ruleKey(bus, rule.name));
  return {};
}

export function listRuleNamesByTarget(input: EB.ListRuleNamesByTargetRequest, ctx: Ctx): Output<EB.ListRuleNamesByTargetResponse> {
  new ProblemList().range('limit', input.Limit, 1, 100).check();
  const bus = busName(ctx, input.EventBusName);
  const names = [...ctx.state().rules.values()].filter((r) => r.busName === bus && r.targets.some((t) => t.Arn === input.TargetArn)).map((r) => r.name).sort();
  const limit = input.Limit ?? 100;
  const fingerprint = JSON.stringify(['ListRuleNamesByTarget', bus, input.TargetArn]);
  const offset = decodeToken(input.NextToken, fingerprint);
  return { RuleNames: names.slice(offset, offset + limit), NextToken: offset + limit < names.length ? encodeToken(offset + limit, fingerprint) : undefined };
}

/** TestEventPattern's mandatory event fields, as its API reference lists them. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

export function testEventPattern(input: EB.TestEventPatternRequest, ctx: Ctx): Output<EB.TestEventPatternResponse> {
  const pattern = checkedPattern(input.EventPattern!);
  let event: unknown;
  try {
    event = JSON.parse(input.Event!);
  } catch {
    throw validation('Parameter Event is not valid. Reason: Event is not valid JSON.');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw validation('Parameter Event is not valid. Reason: Event must be a JSON object.');
  for (const field of REQUIRED_EVENT_FIELDS) {
    if (!Object.hasOwn(event, field)) throw validation(`Parameter Event is not valid. Reason: Provided Event must have mandatory field ${field}.`);
  }
  void ctx;
  return { Result: matchesPattern(pattern, event) };
}
