/**
 * Which events a trail logs: PutEventSelectors / GetEventSelectors (classic selectors, or advanced
 * event selectors — one kind at a time, setting one clears the other) and the minimal Insights
 * selectors. Validation follows CloudTrail's documented limits: at most 5 classic selectors and
 * 250 data resources; at most 500 advanced-selector values; the fields and operators trails accept.
 */
import type * as CT from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import type { CloudTrailState, Trail } from './state.ts';
import { homeTrail, visibleTrail } from './trail-names.ts';

type Ctx = RequestContext<CloudTrailState>;

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('InvalidEventSelectorsException', message, { status: 400 });
}

const DATA_RESOURCE_TYPES = ['AWS::DynamoDB::Table', 'AWS::Lambda::Function', 'AWS::S3::Object'];
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];
const S3_VALUE = /^arn:aws[a-z-]*:s3(:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^*]*)?)?)?$/;
const LAMBDA_VALUE = /^arn:aws[a-z-]*:lambda(:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?)?$/;
const DYNAMODB_VALUE = /^arn:aws[a-z-]*:dynamodb(:[a-z0-9-]+:\d{12}:table\/[\w.-]+)?$/;

function checkClassic(selectors: CT.EventSelector[], trail: Trail): CT.EventSelector[] {
  if (selectors.length === 0 || selectors.length > 5) {
    throw invalid(`Specify between 1 and 5 event selectors for trail ${trail.name}; ${selectors.length} were given.`);
  }
  let dataValues = 0;
  const problems = new ProblemList();
  selectors.forEach((s, i) => problems.oneOf(`eventSelectors.${i + 1}.member.readWriteType`, s.ReadWriteType, ['ReadOnly', 'WriteOnly', 'All']));
  problems.check();
  const out = selectors.map((s): CT.EventSelector => {
    for (const resource of s.DataResources ?? []) {
      const type = resource.Type ?? '';
      if (!DATA_RESOURCE_TYPES.includes(type)) throw invalid(`Value ${type} for DataResources.Type is invalid. Valid values are: ${DATA_RESOURCE_TYPES.join(', ')}`);
      const pattern = type === 'AWS::S3::Object' ? S3_VALUE : type === 'AWS::Lambda::Function' ? LAMBDA_VALUE : DYNAMODB_VALUE;
      for (const value of resource.Values ?? []) {
        if (!pattern.test(value)) throw invalid(`Value ${value} for DataResources.Values is invalid.`);
        dataValues++;
      }
    }
    for (const source of s.ExcludeManagementEventSources ?? []) {
      if (!EXCLUDABLE_SOURCES.includes(source)) throw invalid(`Value ${source} for ExcludeManagementEventSources is invalid. Valid values are: ${EXCLUDABLE_SOURCES.join(', ')}`);
    }
    return {
      ReadWriteType: s.ReadWriteType ?? 'All',
      IncludeManagementEvents: s.IncludeManagementEvents ?? true,
      DataResources: (s.DataResources ?? []).map((r) => ({ Type: r.Type, Values: [...(r.Values ?? [])] })),
      ExcludeManagementEventSources: [...(s.ExcludeManagementEventSources ?? [])],
    };
  });
  if (dataValues > 250) throw invalid(`The number of data resources for trail ${trail.name} (${dataValues}) exceeds the limit of 250.`);
  return out;
}

const FIELDS = ['eventCategory', 'eventSource', 'eventName', 'eventType', 'readOnly', 'resources.type', 'resources.ARN', 'errorCode', 'userIdentity.arn', 'sessionCredentialFromConsole', 'vpcEndpointId'];
const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;
const CATEGORIES = ['Management', 'Data', 'NetworkActivity'];

function operatorsOf(field: CT.AdvancedFieldSelector): (typeof OPERATORS)[number][] {
  return OPERATORS.filter((op) => (field[op]?.length ?? 0) > 0);
}

function checkAdvanced(selectors: CT.AdvancedEventSelector[]): CT.AdvancedEventSelector[] {
  if (selectors.length === 0) throw invalid('Specify at least one advanced event selector.');
  let values = 0;
  for (const selector of selectors) {
    const label = selector.Name ? `advanced event selector "${selector.Name}"` : 'an advanced event selector';
    if ((selector.Name ?? '').length > 1000) throw invalid(`The name of ${label} is longer than 1000 characters.`);
    const fields = selector.FieldSelectors ?? [];
    const seen = new Set<string>();
    for (const field of fields) {
      const name = field.Field ?? '';
      if (!FIELDS.includes(name)) throw invalid(`Invalid field ${name} in ${label}. Valid fields for trails are: ${FIELDS.join(', ')}.`);
      if (seen.has(name)) throw invalid(`Field ${name} appears more than once in ${label}.`);
      seen.add(name);
      const ops = operatorsOf(field);
      if (!ops.length) throw invalid(`Field ${name} in ${label} needs at least one operator (${OPERATORS.join(', ')}) with a value.`);
      for (const op of ops) {
        for (const v of field[op]!) {
          if (v.length < 1 || v.length > 2048) throw invalid(`Values of field ${name} in ${label} must be 1 to 2048 characters long.`);
          values++;
        }
      }
      if ((name === 'eventCategory' || name === 'readOnly' || name === 'resources.type') && ops.some((op) => op !== 'Equals')) {
        throw invalid(`Field ${name} in ${label} supports only the Equals operator.`);
      }
      if (name === 'readOnly' && field.Equals!.some((v) => v !== 'true' && v !== 'false')) throw invalid(`Field readOnly in ${label} accepts only "true" or "false".`);
    }
    const category = fields.find((f) => f.Field === 'eventCategory');
    if (!category) throw invalid(`${label[0]!.toUpperCase()}${label.slice(1)} must have an eventCategory field selector.`);
    for (const c of category.Equals ?? []) if (!CATEGORIES.includes(c)) throw invalid(`Value ${c} for eventCategory is invalid. Valid values for trails are: ${CATEGORIES.join(', ')}.`);
    if (category.Equals!.includes('Data')) {
      const type = fields.find((f) => f.Field === 'resources.type');
      if (!type || type.Equals?.length !== 1) throw invalid(`${label[0]!.toUpperCase()}${label.slice(1)} selects data events and must have a resources.type field selector with exactly one Equals value.`);
    }
    if (category.Equals!.includes('Management')) {
      const allowed = new Set(['eventCategory', 'readOnly', 'eventSource']);
      const other = fields.find((f) => !allowed.has(f.Field ?? ''));
      if (other) throw invalid(`Field ${other.Field} cannot be used in ${label} for management events; use eventCategory, readOnly or eventSource.`);
    }
  }
  if (values > 500) throw invalid(`The advanced event selectors of a trail can have at most 500 values in all; ${values} were given.`);
  return selectors.map((s) => ({
    ...(s.Name !== undefined ? { Name: s.Name } : {}),
    FieldSelectors: (s.FieldSelectors ?? []).map((f) => {
      const copy: CT.AdvancedFieldSelector = { Field: f.Field };
      for (const op of operatorsOf(f)) copy[op] = [...f[op]!];
      return copy;
    }),
  }));
}

function selectorsOutput(trail: Trail): Output<CT.GetEventSelectorsResponse> {
  return trail.advancedEventSelectors
    ? { TrailARN: trail.arn, AdvancedEventSelectors: trail.advancedEventSelectors }
    : { TrailARN: trail.arn, EventSelectors: trail.eventSelectors ?? [] };
}

export function putEventSelectors(input: CT.PutEventSelectorsRequest, ctx: Ctx): Output<CT.PutEventSelectorsResponse> {
  const trail = homeTrail(ctx, input.TrailName!);
  const classic = input.EventSelectors;
  const advanced = input.AdvancedEventSelectors;
  if (classic !== undefined && advanced !== undefined) {
    throw new AwsServiceError('InvalidParameterCombinationException', 'Specify either EventSelectors or AdvancedEventSelectors, not both.', { status: 400 });
  }
  if (classic === undefined && advanced === undefined) {
    throw new AwsServiceError('InvalidParameterCombinationException', 'Specify EventSelectors or AdvancedEventSelectors.', { status: 400 });
  }
  if (classic !== undefined) {
    trail.eventSelectors = checkClassic(classic, trail);
    trail.advancedEventSelectors = undefined;
  } else {
    trail.advancedEventSelectors = checkAdvanced(advanced!);
    trail.eventSelectors = undefined;
  }
  trail.customSelectors = true;
  return selectorsOutput(trail);
}

export function getEventSelectors(input: CT.GetEventSelectorsRequest, ctx: Ctx): Output<CT.GetEventSelectorsResponse> {
  return selectorsOutput(visibleTrail(ctx, input.TrailName!));
}

const INSIGHT_TYPES = ['ApiCallRateInsight', 'ApiErrorRateInsight'];

export function putInsightSelectors(input: CT.PutInsightSelectorsRequest, ctx: Ctx): Output<CT.PutInsightSelectorsResponse> {
  if (input.EventDataStore !== undefined || input.TrailName === undefined) {
    throw new AwsServiceError('InvalidParameterCombinationException', 'Name a trail with TrailName; event data stores (CloudTrail Lake) are not emulated.', { status: 400 });
  }
  const trail = homeTrail(ctx, input.TrailName);
  const selectors = input.InsightSelectors ?? [];
  for (const s of selectors) {
    if (!INSIGHT_TYPES.includes(s.InsightType ?? '')) {
      throw new AwsServiceError('InvalidInsightSelectorsException', `Value ${s.InsightType} for InsightType is invalid. Valid values are: ${INSIGHT_TYPES.join(', ')}.`, { status: 400 });
    }
  }
  const logsManagement = trail.advancedEventSelectors
    ? trail.advancedEventSelectors.some((s) => s.FieldSelectors?.some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management')))
    : (trail.eventSelectors ?? []).some((s) => s.IncludeManagementEvents !== false);
  if (selectors.length && !logsManagement) {
    throw new AwsServiceError('InvalidInsightSelectorsException', `Trail ${trail.name} must log management events before Insights can be enabled on it.`, { status: 400 });
  }
  trail.insightSelectors = selectors.map((s) => ({ InsightType: s.InsightType }));
  return { TrailARN: trail.arn, InsightSelectors: trail.insightSelectors };
}

export function getInsightSelectors(input: CT.GetInsightSelectorsRequest, ctx: Ctx): Output<CT.GetInsightSelectorsResponse> {
  if (input.EventDataStore !== undefined || input.TrailName === undefined) {
    throw new AwsServiceError('InvalidParameterCombinationException', 'Name a trail with TrailName; event data stores (CloudTrail Lake) are not emulated.', { status: 400 });
  }
  const trail = visibleTrail(ctx, input.TrailName);
  if (!trail.insightSelectors.length) throw new AwsServiceError('InsightNotEnabledException', `Trail ${trail.arn} does not have Insights enabled.`, { status: 400 });
  return { TrailARN: trail.arn, InsightSelectors: trail.insightSelectors };
}
