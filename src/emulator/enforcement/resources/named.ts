/**
 * The common case: the resource is named by one input member (`TrainingJobName`, `logGroupName`,
 * `ResourceArn` …) and its ARN is built from it. Rules are tried in order; the first member present
 * decides. An operation whose input names none of them is authorized on `*`.
 */
import type { ContextValue } from '../../policy/index.ts';
import type { AccessCheck, ResolverCall } from '../access-check.ts';
import { actionFor } from '../action-names.ts';
import { requestTagContext } from '../request-tags.ts';

export interface NameRule {
  /** Input member holding the name (or ARN). */
  readonly member: string;
  /** The ARN for a name; values that already are ARNs are used as they are. */
  readonly arn: (name: string, call: ResolverCall) => string;
  /** Only for these operations (default: any). */
  readonly operations?: ReadonlySet<string>;
}

export const regionalArn = (service: string, type: string, separator = '/', lower = false) => (name: string, call: ResolverCall) =>
  `arn:aws:${service}:${call.region}:${call.accountId}:${type}${separator}${lower ? name.toLowerCase() : name}`;

/** The ARN an operation's input names, or undefined. */
export function namedArn(call: ResolverCall, rules: readonly NameRule[]): string | undefined {
  for (const rule of rules) {
    if (rule.operations && !rule.operations.has(call.operation)) continue;
    const value = call.input[rule.member];
    if (typeof value !== 'string' || value === '') continue;
    return value.startsWith('arn:') ? value : rule.arn(value, call);
  }
  return undefined;
}

export interface NamedOptions {
  /** Tags of the resource an ARN names (aws:ResourceTag/*). */
  readonly tagsOf?: (arn: string, call: ResolverCall) => Readonly<Record<string, string>> | undefined;
  /** The service's own condition keys for this request. */
  readonly context?: (call: ResolverCall, into: Record<string, ContextValue | undefined>) => void;
  /** Operations authorized on `*` whatever their input names (List…, Describe… of collections). */
  readonly unscoped?: ReadonlySet<string>;
}

/** One check on the resource the input names (or `*`), with request tags and the service's keys. */
export function namedChecks(call: ResolverCall, rules: readonly NameRule[], options: NamedOptions = {}): AccessCheck[] {
  const action = actionFor(call.service, call.operation, call.input);
  const context: Record<string, ContextValue | undefined> = {};
  requestTagContext(call.input, context);
  options.context?.(call, context);
  const arn = options.unscoped?.has(call.operation) ? undefined : namedArn(call, rules);
  if (!arn) return [{ action, resource: '*', context }];
  return [{ action, resource: arn, resourceTags: options.tagsOf?.(arn, call), context }];
}
