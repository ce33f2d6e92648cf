/**
 * Endpoints: Creating → InService over the transition delay; UpdateEndpoint (Updating → InService,
 * then the new configuration serves); UpdateEndpointWeightsAndCapacities (Updating → InService,
 * then current weights and counts equal the desired ones); Deleting → gone. Each status change is
 * published as a "SageMaker Endpoint State Change" event.
 */
import { createHash } from 'node:crypto';
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { after, checkCount, checkName, key, listPage, sagemaker, sagemakerArn, validation } from './common.ts';
import { describedDataCapture, findEndpointConfig } from './endpoint-configs.ts';
import { publishEndpointEvent } from './events.ts';
import { modelEnvironment } from './models.ts';
import { due, schedule } from './progress.ts';
import type { Endpoint, EndpointConfig, RunningVariant, SageMakerState } from './state.ts';
import { checkTags, dropTags, setTags, tagsOf } from './tags.ts';

const TYPE = 'endpoint';
const STATUSES = ['OutOfService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'InService', 'Deleting', 'Failed', 'UpdateRollbackFailed'];

export function endpointArn(ctx: RequestContext, name: string): string {
  return sagemakerArn(ctx, TYPE, name);
}

export function findEndpoint(ctx: RequestContext, name: string, state: SageMakerState = sagemaker(ctx)): Endpoint {
  const endpoint = state.endpoints.get(key(name));
  if (!endpoint) throw validation(`Could not find endpoint "${endpointArn(ctx, name)}".`);
  return endpoint;
}

/** The variants a configuration deploys, with the model's image and environment as they are now. */
function variantsOf(state: SageMakerState, config: EndpointConfig, previous: readonly RunningVariant[] = [], retain = false): RunningVariant[] {
  return (config.spec.ProductionVariants ?? []).map((pv) => {
    const model = state.models.get(key(pv.ModelName ?? ''));
    const before = retain ? previous.find((v) => v.VariantName === pv.VariantName) : undefined;
    const weight = before?.DesiredWeight ?? pv.InitialVariantWeight ?? 1;
    const count = pv.ServerlessConfig ? undefined : (before?.DesiredInstanceCount ?? pv.InitialInstanceCount);
    return {
      VariantName: pv.VariantName!,
      ModelName: pv.ModelName,
      CurrentWeight: weight,
      DesiredWeight: weight,
      CurrentInstanceCount: count,
      DesiredInstanceCount: count,
      InstanceType: pv.InstanceType,
      Serverless: pv.ServerlessConfig,
      Image: model?.spec.PrimaryContainer?.Image ?? model?.spec.Containers?.[0]?.Image,
      Environment: modelEnvironment(model),
    };
  });
}

function eventOf(ep: Endpoint) {
  return {
    EndpointName: ep.name,
    EndpointArn: ep.arn,
    EndpointConfigName: ep.endpointConfigName,
    EndpointStatus: ep.status,
    ProductionVariants: ep.variants,
    CreationTime: ep.creationTime,
    LastModifiedTime: ep.lastModifiedTime,
    FailureReason: ep.failureReason,
  };
}

function publish(ctx: RequestContext, state: SageMakerState, ep: Endpoint, at: Date): void {
  publishEndpointEvent(ctx, eventOf(ep), tagsOf(state, ep.arn), at);
}

export function createEndpoint(input: SM.CreateEndpointInput, ctx: RequestContext): Output<SM.CreateEndpointOutput> {
  const problems = checkName(new ProblemList(), 'endpointName', input.EndpointName);
  checkName(problems, 'endpointConfigName', input.EndpointConfigName);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.EndpointName!;
  const arn = endpointArn(ctx, name);
  if (state.endpoints.has(key(name))) throw validation(`Cannot create already existing endpoint "${arn}".`);
  const config = findEndpointConfig(ctx, input.EndpointConfigName!);
  const endpoint: Endpoint = {
    name,
    arn,
    creationTime: ctx.now,
    lastModifiedTime: ctx.now,
    status: 'Creating',
    transitions: [],
    endpointConfigName: config.name,
    variants: variantsOf(state, config).map((v) => ({ ...v, CurrentWeight: v.DesiredWeight, CurrentInstanceCount: undefined })),
    dataCapture: config.spec.DataCaptureConfig,
    invocations: 0,
  };
  schedule(endpoint, [{ at: after(ctx), status: 'InService', detail: { kind: 'deployed' } }]);
  state.endpoints.set(key(name), endpoint);
  setTags(state, arn, tags);
  publish(ctx, state, endpoint, ctx.now);
  return { EndpointArn: arn };
}

function variantSummary(v: RunningVariant, at: Date): SM.ProductionVariantSummary {
  const digest = v.Image ? createHash('sha256').update(v.Image).digest('hex') : undefined;
  return {
    VariantName: v.VariantName,
    DeployedImages: v.Image ? [{ SpecifiedImage: v.Image, ResolvedImage: `${v.Image.split(':')[0]}@sha256:${digest}`, ResolutionTime: at }] : undefined,
    CurrentWeight: v.CurrentWeight,
    DesiredWeight: v.DesiredWeight,
    CurrentInstanceCount: v.CurrentInstanceCount,
    DesiredInstanceCount: v.DesiredInstanceCount,
    CurrentServerlessConfig: v.Serverless,
    DesiredServerlessConfig: v.Serverless,
  };
}

/** The DataCaptureConfigSummary of DescribeEndpoint. */
export function captureSummary(capture: SM.DataCaptureConfig | undefined): SM.DataCaptureConfigSummary | undefined {
  const c = describedDataCapture(capture);
  if (!c) return undefined;
  return {
    EnableCapture: c.EnableCapture!,
    CaptureStatus: c.EnableCapture ? 'Started' : 'Stopped',
    CurrentSamplingPercentage: c.InitialSamplingPercentage!,
    DestinationS3Uri: c.DestinationS3Uri!,
    KmsKeyId: c.KmsKeyId!,
  };
}

export function describeEndpoint(input: SM.DescribeEndpointInput, ctx: RequestContext): Output<SM.DescribeEndpointOutput> {
  const state = sagemaker(ctx);
  const ep = findEndpoint(ctx, input.EndpointName!, state);
  const pending = ep.pendingConfigName ? state.endpointConfigs.get(key(ep.pendingConfigName)) : undefined;
  return {
    EndpointName: ep.name,
    EndpointArn: ep.arn,
    EndpointConfigName: ep.endpointConfigName,
    ProductionVariants: ep.variants.map((v) => variantSummary(v, ep.creationTime)),
    DataCaptureConfig: captureSummary(ep.dataCapture),
    EndpointStatus: ep.status as SM.EndpointStatus,
    FailureReason: ep.failureReason,
    CreationTime: ep.creationTime,
    LastModifiedTime: ep.lastModifiedTime,
    PendingDeploymentSummary: ep.pendingConfigName
      ? { EndpointConfigName: ep.pendingConfigName, ProductionVariants: pending?.spec.ProductionVariants?.map((pv) => ({ VariantName: pv.VariantName!, DesiredWeight: pv.InitialVariantWeight ?? 1, DesiredInstanceCount: pv.InitialInstanceCount, InstanceType: pv.InstanceType })), StartTime: ep.lastModifiedTime }
      : undefined,
  };
}

function requireInService(ep: Endpoint): void {
  if (ep.status !== 'InService') throw validation(`Cannot update in-progress endpoint "${ep.arn}".`);
}

export function updateEndpoint(input: SM.UpdateEndpointInput, ctx: RequestContext): Output<SM.UpdateEndpointOutput> {
  const problems = checkName(new ProblemList(), 'endpointName', input.EndpointName);
  checkName(problems, 'endpointConfigName', input.EndpointConfigName);
  problems.check();
  const state = sagemaker(ctx);
  const ep = findEndpoint(ctx, input.EndpointName!, state);
  requireInService(ep);
  const config = findEndpointConfig(ctx, input.EndpointConfigName!);
  ep.status = 'Updating';
  ep.lastModifiedTime = ctx.now;
  ep.pendingConfigName = config.name;
  schedule(ep, [{ at: after(ctx), status: 'InService', detail: { kind: 'config', config: config.name, retain: input.RetainAllVariantProperties ?? false } }]);
  publish(ctx, state, ep, ctx.now);
  return { EndpointArn: ep.arn };
}

export function updateEndpointWeightsAndCapacities(input: SM.UpdateEndpointWeightsAndCapacitiesInput, ctx: RequestContext): Output<SM.UpdateEndpointWeightsAndCapacitiesOutput> {
  const problems = checkName(new ProblemList(), 'endpointName', input.EndpointName);
  checkCount(problems, 'desiredWeightsAndCapacities', input.DesiredWeightsAndCapacities, 1, 10);
  input.DesiredWeightsAndCapacities?.forEach((d, i) => {
    const at = `desiredWeightsAndCapacities.${i + 1}.member`;
    checkName(problems, `${at}.variantName`, d.VariantName);
    problems.range(`${at}.desiredWeight`, d.DesiredWeight, 0, Number.MAX_SAFE_INTEGER).range(`${at}.desiredInstanceCount`, d.DesiredInstanceCount, 0, Number.MAX_SAFE_INTEGER);
  });
  problems.check();
  const state = sagemaker(ctx);
  const ep = findEndpoint(ctx, input.EndpointName!, state);
  requireInService(ep);
  const unknown = input.DesiredWeightsAndCapacities!.filter((d) => !ep.variants.some((v) => v.VariantName === d.VariantName)).map((d) => d.VariantName);
  if (unknown.length) throw validation(`The variant name(s) [${unknown.join(', ')}] is/are not present in the endpoint "${ep.arn}": it has ${ep.variants.map((v) => v.VariantName).join(', ')}.`);
  const desired = new Map(input.DesiredWeightsAndCapacities!.map((d) => [d.VariantName!, d]));
  for (const variant of ep.variants) {
    if (desired.get(variant.VariantName)?.DesiredInstanceCount !== undefined && variant.Serverless) throw validation(`Variant '${variant.VariantName}' is serverless: it has no instance count to change.`);
  }
  if (ep.variants.every((v) => (desired.get(v.VariantName)?.DesiredWeight ?? v.DesiredWeight) === 0)) throw validation('At least one variant must keep a DesiredWeight greater than 0.');
  for (const variant of ep.variants) {
    const d = desired.get(variant.VariantName);
    if (d?.DesiredWeight !== undefined) variant.DesiredWeight = d.DesiredWeight;
    if (d?.DesiredInstanceCount !== undefined) variant.DesiredInstanceCount = d.DesiredInstanceCount;
  }
  ep.status = 'Updating';
  ep.lastModifiedTime = ctx.now;
  schedule(ep, [{ at: after(ctx), status: 'InService', detail: { kind: 'weights' } }]);
  publish(ctx, state, ep, ctx.now);
  return { EndpointArn: ep.arn };
}

export function deleteEndpoint(input: SM.DeleteEndpointInput, ctx: RequestContext): Output<unknown> {
  const state = sagemaker(ctx);
  const ep = findEndpoint(ctx, input.EndpointName!, state);
  if (ep.status === 'Deleting') return {};
  ep.status = 'Deleting';
  ep.lastModifiedTime = ctx.now;
  schedule(ep, [{ at: after(ctx, 0.5), status: 'deleted' }]);
  publish(ctx, state, ep, ctx.now);
  return {};
}

export function listEndpoints(input: SM.ListEndpointsInput, ctx: RequestContext): Output<SM.ListEndpointsOutput> {
  const { page, NextToken } = listPage(sagemaker(ctx).endpoints.values(), input, { sortBy: ['Name', 'CreationTime', 'Status'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending', statuses: STATUSES });
  return {
    Endpoints: page.map((ep) => ({ EndpointName: ep.name, EndpointArn: ep.arn, CreationTime: ep.creationTime, LastModifiedTime: ep.lastModifiedTime, EndpointStatus: ep.status as SM.EndpointStatus })),
    NextToken,
  };
}

export function settleEndpoints(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const ep of [...state.endpoints.values()]) {
    for (const transition of due(ep, ctx.now)) {
      changed = true;
      if (transition.status === 'deleted') {
        state.endpoints.delete(key(ep.name));
        dropTags(state, ep.arn);
        break;
      }
      const detail = transition.detail as { kind: string; config?: string; retain?: boolean } | undefined;
      if (detail?.kind === 'config') {
        const config = state.endpointConfigs.get(key(detail.config!));
        if (config) {
          ep.variants = variantsOf(state, config, ep.variants, detail.retain);
          ep.dataCapture = config.spec.DataCaptureConfig;
          ep.endpointConfigName = config.name;
        }
        ep.pendingConfigName = undefined;
      }
      for (const v of ep.variants) {
        v.CurrentWeight = v.DesiredWeight;
        v.CurrentInstanceCount = v.DesiredInstanceCount;
      }
      publish(ctx, state, ep, transition.at);
    }
  }
  return changed;
}
