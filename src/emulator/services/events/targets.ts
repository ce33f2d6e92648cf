/** Targets: PutTargets (per-target problems as FailedEntries, as AWS reports them), RemoveTargets, ListTargetsByRule. */
import type * as EB from '@aws-sdk/client-eventbridge';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { busName, type Ctx, decodeToken, encodeToken, findRule, validation } from './common.ts';
import type { TargetState } from './state.ts';

const MAX_TARGETS_PER_RULE = 5;
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

/** Why a target cannot be accepted, or undefined. */
function targetProblem(t: EB.Target): string | undefined {
  const forms = [t.Input !== undefined, t.InputPath !== undefined, t.InputTransformer !== undefined].filter(Boolean).length;
  if (forms > 1) return 'Only one of Input, InputPath, or InputTransformer must be provided.';
  if (t.Input !== undefined) {
    try {
      JSON.parse(t.Input);
    } catch {
      return 'Parameter Input is not valid. Reason: Input is not a valid JSON text.';
    }
  }
  if (t.InputPath !== undefined && !/^\$(\.[A-Za-z0-9_-]+|\[\d+\])*$/.test(t.InputPath)) return `Parameter InputPath is not valid. Reason: ${t.InputPath} is not a valid JSON path.`;
  if (t.InputTransformer) {
    for (const [k, v] of Object.entries(t.InputTransformer.InputPathsMap ?? {})) {
      if (!/^\$(\.[A-Za-z0-9_-]+|\[\d+\])*$/.test(v)) return `Parameter InputPathsMap is not valid. Reason: ${v} (for ${k}) is not a valid JSON path.`;
    }
    if (!t.InputTransformer.InputTemplate) return 'Parameter InputTemplate is not valid. Reason: InputTemplate is required.';
  }
  if (/^arn:aws[a-z-]*:sqs:.*\.fifo$/.test(t.Arn!) && !t.SqsParameters?.MessageGroupId) return `Parameter(s) SqsParameters must be specified for target: ${t.Id}.`;
  return undefined;
}

export function putTargets(input: EB.PutTargetsRequest, ctx: Ctx): Output<EB.PutTargetsResponse> {
  const targets = input.Targets ?? [];
  const problems = new ProblemList().minLength('rule', input.Rule, 1).maxLength('rule', input.Rule, 64);
  targets.forEach((t, i) => {
    problems
      .minLength(`targets.${i + 1}.member.id`, t.Id, 1)
      .maxLength(`targets.${i + 1}.member.id`, t.Id, 64)
      .pattern(`targets.${i + 1}.member.id`, t.Id, /^[.\-_A-Za-z0-9]+$/, '[\\.\\-_A-Za-z0-9]+')
      .minLength(`targets.${i + 1}.member.arn`, t.Arn, 1)
      .maxLength(`targets.${i + 1}.member.arn`, t.Arn, 1600);
  });
  problems.check();
  if (targets.length === 0) throw validation("1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (targets.length > 100) throw validation("1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length less than or equal to 100");
  for (const t of targets) if (!ARN.test(t.Arn!)) throw validation(`Parameter ${t.Arn} is not valid. Reason: Provided Arn is not in correct format.`);
  const rule = findRule(ctx, input.Rule!, busName(ctx, input.EventBusName));
  const failed: EB.PutTargetsResultEntry[] = [];
  const accepted: TargetState[] = [];
  for (const t of targets) {
    const problem = targetProblem(t);
    if (problem) {
      failed.push({ TargetId: t.Id, ErrorCode: 'ValidationException', ErrorMessage: problem });
      continue;
    }
    const { Id, Arn, RoleArn, Input, InputPath, InputTransformer, ...extra } = t;
    accepted.push({
      Id: Id!,
      Arn: Arn!,
      ...(RoleArn !== undefined ? { RoleArn } : {}),
      ...(Input !== undefined ? { Input } : {}),
      ...(InputPath !== undefined ? { InputPath } : {}),
      ...(InputTransformer !== undefined ? { InputTransformer: { InputPathsMap: { ...(InputTransformer.InputPathsMap ?? {}) }, InputTemplate: InputTransformer.InputTemplate! } } : {}),
      extra: JSON.parse(JSON.stringify(extra)) as Record<string, unknown>,
    });
  }
  const merged = [...rule.targets];
  for (const t of accepted) {
    const at = merged.findIndex((x) => x.Id === t.Id);
    if (at >= 0) merged[at] = t;
    else merged.push(t);
  }
  if (merged.length > MAX_TARGETS_PER_RULE) throw new AwsServiceError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  rule.targets = merged;
  return { FailedEntryCount: failed.length, FailedEntries: failed };
}

export function removeTargets(input: EB.RemoveTargetsRequest, ctx: Ctx): Output<EB.RemoveTargetsResponse> {
  const ids = input.Ids ?? [];
  if (ids.length === 0) throw validation("1 validation error detected: Value '[]' at 'ids' failed to satisfy constraint: Member must have length greater than or equal to 1");
  const rule = findRule(ctx, input.Rule!, busName(ctx, input.EventBusName));
  rule.targets = rule.targets.filter((t) => !ids.includes(t.Id));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function describeTarget(t: TargetState): EB.Target {
  return {
    ...(t.extra as Partial<EB.Target>),
    Id: t.Id,
    Arn: t.Arn,
    RoleArn: t.RoleArn,
    Input: t.Input,
    InputPath: t.InputPath,
    InputTransformer: t.InputTransformer ? { InputPathsMap: t.InputTransformer.InputPathsMap, InputTemplate: t.InputTransformer.InputTemplate } : undefined,
  };
}

export function listTargetsByRule(input: EB.ListTargetsByRuleRequest, ctx: Ctx): Output<EB.ListTargetsByRuleResponse> {
  new ProblemList().range('limit', input.Limit, 1, 100).check();
  const rule = findRule(ctx, input.Rule!, busName(ctx, input.EventBusName));
  const limit = input.Limit ?? 100;
  const fingerprint = JSON.stringify(['ListTargetsByRule', rule.busName, rule.name]);
  const offset = decodeToken(input.NextToken, fingerprint);
  return { Targets: rule.targets.slice(offset, offset + limit).map(describeTarget), NextToken: offset + limit < rule.targets.length ? encodeToken(offset + limit, fingerprint) : undefined };
}
