/**
 * Cost categories: Create/Describe/List/Update/DeleteCostCategoryDefinition. A cost category maps
 * costs to business names by rules over dimensions, tags and other categories (for example the
 * `Project` tag → "Churn prediction"), with a default value for what no rule matches. There is no
 * billing data in the emulator, so categories are stored, validated and described — nothing is
 * allocated — and their processing status is APPLIED at once.
 */
import { randomUUID } from 'node:crypto';
import type * as CE from '@aws-sdk/client-cost-explorer';
import { formatArn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { pageByToken } from '../../core/next-token.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import type { CostExplorerState, StoredCostCategory } from './state.ts';

const MAX_RULES = 500;
const MAX_CATEGORIES = 50;
const EXPRESSION_KEYS = ['Or', 'And', 'Not', 'Dimensions', 'Tags', 'CostCategories'];

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

function notFound(arn: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', `Cost category ${arn} does not exist.`, { fields: { ResourceArn: arn } });
}

function categories(ctx: RequestContext): Map<string, StoredCostCategory> {
  return (ctx.state() as CostExplorerState).costCategories;
}

/** The first day of the month, as cost categories start (`2026-11-01T00:00:00Z`). */
function monthStart(date: Date): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)).toISOString().replace('.000Z', 'Z');
}

function effectiveStart(given: string | undefined, now: Date): string {
  if (given === undefined) return monthStart(now);
  const at = new Date(given);
  if (Number.isNaN(at.getTime())) throw validation(`EffectiveStart ${given} is not a date: use an ISO 8601 date such as 2026-11-01T00:00:00Z.`);
  if (at.getUTCDate() !== 1 || at.getUTCHours() || at.getUTCMinutes() || at.getUTCSeconds()) throw validation(`EffectiveStart ${given} must be the first day of a month at 00:00:00 UTC.`);
  return monthStart(at);
}

/** An Expression as Cost Explorer accepts it: exactly one of And/Or/Not/Dimensions/Tags/CostCategories, recursively. */
function checkExpression(expression: CE.Expression | undefined, path: string): void {
  if (!expression || typeof expression !== 'object') throw validation(`${path} is missing: each rule needs a Rule expression.`);
  const given = EXPRESSION_KEYS.filter((k) => (expression as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) throw validation(`${path} must have exactly one of ${EXPRESSION_KEYS.join(', ')}; it has ${given.length ? given.join(', ') : 'none'}.`);
  const [kind] = given as [keyof CE.Expression];
  if (kind === 'And' || kind === 'Or') {
    const list = expression[kind]!;
    if (list.length < 2) throw validation(`${path}.${kind} needs at least two expressions.`);
    list.forEach((e, i) => checkExpression(e, `${path}.${kind}[${i}]`));
  } else if (kind === 'Not') {
    checkExpression(expression.Not, `${path}.Not`);
  } else {
    const filter = expression[kind] as { Key?: string; Values?: string[]; MatchOptions?: string[] };
    if (!filter.Key && kind !== 'Tags') throw validation(`${path}.${kind}.Key is required.`);
    if (!filter.Values?.length && !filter.MatchOptions?.includes('ABSENT')) throw validation(`${path}.${kind}.Values needs at least one value.`);
  }
}

function checkDefinition(input: { Name?: string; RuleVersion?: string; Rules?: CE.CostCategoryRule[]; DefaultValue?: string }): void {
  const problems = new ProblemList()
    .minLength('name', input.Name, 1)
    .maxLength('name', input.Name, 50)
    .oneOf('ruleVersion', input.RuleVersion, ['CostCategoryExpression.v1'])
    .minLength('defaultValue', input.DefaultValue, 1)
    .maxLength('defaultValue', input.DefaultValue, 50);
  const rules = input.Rules ?? [];
  if (rules.length < 1 || rules.length > MAX_RULES) problems.problems.push({ path: 'rules', kind: 'constraint', value: rules, constraint: `Member must have length ${rules.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_RULES}`}` });
  rules.forEach((r, i) => problems.maxLength(`rules.${i + 1}.member.value`, r.Value, 50).oneOf(`rules.${i + 1}.member.type`, r.Type, ['REGULAR', 'INHERITED_VALUE']));
  problems.check();
  rules.forEach((rule, i) => {
    if ((rule.Type ?? 'REGULAR') === 'INHERITED_VALUE') {
      if (!rule.InheritedValue?.DimensionName) throw validation(`Rules[${i}] has Type INHERITED_VALUE and needs InheritedValue.DimensionName (TAG or LINKED_ACCOUNT_NAME).`);
      return;
    }
    if (!rule.Value) throw validation(`Rules[${i}] needs a Value: the cost category value costs matching its Rule get.`);
    checkExpression(rule.Rule, `Rules[${i}].Rule`);
  });
}

function describe(c: StoredCostCategory): CE.CostCategory {
  return {
    CostCategoryArn: c.arn,
    EffectiveStart: c.effectiveStart,
    ...(c.effectiveEnd ? { EffectiveEnd: c.effectiveEnd } : {}),
    Name: c.name,
    RuleVersion: c.ruleVersion as CE.CostCategoryRuleVersion,
    Rules: structuredClone(c.rules),
    ...(c.splitChargeRules?.length ? { SplitChargeRules: structuredClone(c.splitChargeRules) } : {}),
    ProcessingStatus: [{ Component: 'COST_EXPLORER', Status: 'APPLIED' }],
    ...(c.defaultValue !== undefined ? { DefaultValue: c.defaultValue } : {}),
  };
}

function find(ctx: RequestContext, arn: string | undefined): StoredCostCategory {
  const found = arn === undefined ? undefined : categories(ctx).get(arn);
  if (!found || found.effectiveEnd) throw notFound(arn ?? '');
  return found;
}

export function createCostCategoryDefinition(input: CE.CreateCostCategoryDefinitionRequest, ctx: RequestContext): Output<CE.CreateCostCategoryDefinitionResponse> {
  checkDefinition(input);
  const all = categories(ctx);
  const live = [...all.values()].filter((c) => !c.effectiveEnd);
  if (live.some((c) => c.name === input.Name)) throw validation(`A cost category named ${input.Name} already exists; names are unique in an account.`);
  if (live.length >= MAX_CATEGORIES) throw new AwsServiceError('ServiceQuotaExceededException', `An account can have at most ${MAX_CATEGORIES} cost categories.`);
  const arn = formatArn('ce', '', ctx.accountId, `costcategory/${randomUUID()}`);
  const category: StoredCostCategory = {
    arn,
    name: input.Name!,
    effectiveStart: effectiveStart(input.EffectiveStart, ctx.now),
    ruleVersion: input.RuleVersion!,
    rules: structuredClone(input.Rules!),
    ...(input.SplitChargeRules?.length ? { splitChargeRules: structuredClone(input.SplitChargeRules) } : {}),
    ...(input.DefaultValue !== undefined ? { defaultValue: input.DefaultValue } : {}),
    tags: (input.ResourceTags ?? []).map((t) => ({ Key: t.Key!, Value: t.Value ?? '' })),
  };
  all.set(arn, category);
  return { CostCategoryArn: arn, EffectiveStart: category.effectiveStart };
}

export function describeCostCategoryDefinition(input: CE.DescribeCostCategoryDefinitionRequest, ctx: RequestContext): Output<CE.DescribeCostCategoryDefinitionResponse> {
  return { CostCategory: describe(find(ctx, input.CostCategoryArn)) };
}

export function listCostCategoryDefinitions(input: CE.ListCostCategoryDefinitionsRequest, ctx: RequestContext): Output<CE.ListCostCategoryDefinitionsResponse> {
  new ProblemList().range('maxResults', input.MaxResults, 1, 100).check();
  const live = [...categories(ctx).values()].filter((c) => !c.effectiveEnd).sort((a, b) => a.name.localeCompare(b.name));
  const { items, nextToken } = pageByToken(live, {
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
    defaultMaxResults: 100,
    scope: ['costCategories', input.EffectiveOn ?? null],
    invalidToken: () => new AwsServiceError('InvalidNextTokenException', 'The pagination token is invalid.'),
  });
  return {
    CostCategoryReferences: items.map((c) => ({
      CostCategoryArn: c.arn,
      Name: c.name,
      EffectiveStart: c.effectiveStart,
      NumberOfRules: c.rules.length,
      ProcessingStatus: [{ Component: 'COST_EXPLORER', Status: 'APPLIED' }],
      Values: [...new Set(c.rules.map((r) => r.Value).filter((v): v is string => v !== undefined))],
      ...(c.defaultValue !== undefined ? { DefaultValue: c.defaultValue } : {}),
    })),
    NextToken: nextToken,
  };
}

export function updateCostCategoryDefinition(input: CE.UpdateCostCategoryDefinitionRequest, ctx: RequestContext): Output<CE.UpdateCostCategoryDefinitionResponse> {
  const category = find(ctx, input.CostCategoryArn);
  checkDefinition({ ...input, Name: category.name });
  category.effectiveStart = effectiveStart(input.EffectiveStart, ctx.now);
  category.ruleVersion = input.RuleVersion!;
  category.rules = structuredClone(input.Rules!);
  if (input.SplitChargeRules?.length) category.splitChargeRules = structuredClone(input.SplitChargeRules);
  else delete category.splitChargeRules;
  if (input.DefaultValue !== undefined) category.defaultValue = input.DefaultValue;
  else delete category.defaultValue;
  return { CostCategoryArn: category.arn, EffectiveStart: category.effectiveStart };
}

export function deleteCostCategoryDefinition(input: CE.DeleteCostCategoryDefinitionRequest, ctx: RequestContext): Output<CE.DeleteCostCategoryDefinitionResponse> {
  const category = find(ctx, input.CostCategoryArn);
  categories(ctx).delete(category.arn);
  return { CostCategoryArn: category.arn, EffectiveEnd: ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
