/**
 * Endpoint configurations: production variants (instances or serverless), data capture, the KMS
 * key for the attached storage, and optional shadow variants. Immutable once created; an endpoint
 * switches to another configuration with UpdateEndpoint.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { checkCount, checkKmsKeyId, checkName, checkS3Uri, enumValues, enums, key, listPage, sagemaker, sagemakerArn, validation } from './common.ts';
import { findModel } from './models.ts';
import { checkKmsKey } from './peers.ts';
import type { EndpointConfig } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

const TYPE = 'endpoint-config';
const SERVERLESS_MEMORY = [1024, 2048, 3072, 4096, 5120, 6144];

export function endpointConfigArn(ctx: RequestContext, name: string): string {
  return sagemakerArn(ctx, TYPE, name);
}

export function findEndpointConfig(ctx: RequestContext, name: string): EndpointConfig {
  const config = sagemaker(ctx).endpointConfigs.get(key(name));
  if (!config) throw validation(`Could not find endpoint configuration "${endpointConfigArn(ctx, name)}".`);
  return config;
}

async function checkVariants(problems: ProblemList, path: string, variants: SM.ProductionVariant[] | undefined): Promise<void> {
  const sdk = await enums();
  checkCount(problems, path, variants, 1, 10);
  variants?.forEach((v, i) => {
    const at = `${path}.${i + 1}.member`;
    checkName(problems, `${at}.variantName`, v.VariantName);
    problems.maxLength(`${at}.modelName`, v.ModelName, 63);
    problems.oneOf(`${at}.instanceType`, v.InstanceType, enumValues(sdk.ProductionVariantInstanceType));
    problems.range(`${at}.initialInstanceCount`, v.InitialInstanceCount, 1, Number.MAX_SAFE_INTEGER);
    problems.range(`${at}.initialVariantWeight`, v.InitialVariantWeight, 0, Number.MAX_SAFE_INTEGER);
    problems.range(`${at}.serverlessConfig.maxConcurrency`, v.ServerlessConfig?.MaxConcurrency, 1, 200);
  });
}

/** What AWS checks across variants: a model each, instances or serverless, unique names. */
function checkVariantSemantics(ctx: RequestContext, variants: SM.ProductionVariant[], member: string): void {
  const seen = new Set<string>();
  for (const v of variants) {
    const name = v.VariantName!;
    if (seen.has(name.toLowerCase())) throw validation(`${member} must have unique variant names: '${name}' appears more than once.`);
    seen.add(name.toLowerCase());
    if (!v.ModelName) throw validation(`${member}: variant '${name}' must name a ModelName.`);
    findModel(ctx, v.ModelName);
    if (v.ServerlessConfig) {
      if (v.InstanceType || v.InitialInstanceCount !== undefined) throw validation(`${member}: variant '${name}' is serverless; it cannot also have InstanceType or InitialInstanceCount.`);
      if (!SERVERLESS_MEMORY.includes(v.ServerlessConfig.MemorySizeInMB!)) {
        throw validation(`1 validation error detected: Value '${v.ServerlessConfig.MemorySizeInMB}' at 'serverlessConfig.memorySizeInMB' failed to satisfy constraint: Member must satisfy enum value set: [${SERVERLESS_MEMORY.join(', ')}]`);
      }
    } else if (!v.InstanceType || v.InitialInstanceCount === undefined) {
      throw validation(`${member}: variant '${name}' needs InstanceType and InitialInstanceCount (or a ServerlessConfig).`);
    }
  }
}

async function checkDataCapture(problems: ProblemList, capture: SM.DataCaptureConfig | undefined): Promise<void> {
  if (!capture) return;
  const sdk = await enums();
  problems.range('dataCaptureConfig.initialSamplingPercentage', capture.InitialSamplingPercentage, 0, 100);
  checkS3Uri(problems, 'dataCaptureConfig.destinationS3Uri', capture.DestinationS3Uri);
  checkKmsKeyId(problems, 'dataCaptureConfig.kmsKeyId', capture.KmsKeyId);
  checkCount(problems, 'dataCaptureConfig.captureOptions', capture.CaptureOptions, 1, 2);
  capture.CaptureOptions?.forEach((o, i) => problems.oneOf(`dataCaptureConfig.captureOptions.${i + 1}.member.captureMode`, o.CaptureMode, enumValues(sdk.CaptureMode)));
  checkCount(problems, 'dataCaptureConfig.captureContentTypeHeader.csvContentTypes', capture.CaptureContentTypeHeader?.CsvContentTypes, 1, 10);
  checkCount(problems, 'dataCaptureConfig.captureContentTypeHeader.jsonContentTypes', capture.CaptureContentTypeHeader?.JsonContentTypes, 1, 10);
}

export async function createEndpointConfig(input: SM.CreateEndpointConfigInput, ctx: RequestContext): Promise<Output<SM.CreateEndpointConfigOutput>> {
  const problems = checkName(new ProblemList(), 'endpointConfigName', input.EndpointConfigName);
  await checkVariants(problems, 'productionVariants', input.ProductionVariants);
  if (input.ShadowProductionVariants) await checkVariants(problems, 'shadowProductionVariants', input.ShadowProductionVariants);
  await checkDataCapture(problems, input.DataCaptureConfig);
  checkKmsKeyId(problems, 'kmsKeyId', input.KmsKeyId);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.EndpointConfigName!;
  const arn = endpointConfigArn(ctx, name);
  if (state.endpointConfigs.has(key(name))) throw validation(`Cannot create already existing endpoint configuration "${arn}".`);
  checkVariantSemantics(ctx, input.ProductionVariants!, 'ProductionVariants');
  if (input.ShadowProductionVariants?.length) checkVariantSemantics(ctx, input.ShadowProductionVariants, 'ShadowProductionVariants');
  checkKmsKey(ctx, input.KmsKeyId, 'KmsKeyId');
  checkKmsKey(ctx, input.DataCaptureConfig?.KmsKeyId, 'DataCaptureConfig.KmsKeyId');
  state.endpointConfigs.set(key(name), { name, arn, creationTime: ctx.now, spec: { ...input, Tags: undefined } });
  setTags(state, arn, tags);
  return { EndpointConfigArn: arn };
}

/** Variants as DescribeEndpointConfig shows them (InitialVariantWeight defaults to 1.0). */
export function describedVariants(variants: SM.ProductionVariant[] | undefined): SM.ProductionVariant[] | undefined {
  return variants?.map((v) => ({ ...v, InitialVariantWeight: v.InitialVariantWeight ?? 1 }));
}

export function describedDataCapture(capture: SM.DataCaptureConfig | undefined): SM.DataCaptureConfig | undefined {
  return capture ? { EnableCapture: true, ...capture } : undefined;
}

export function describeEndpointConfig(input: SM.DescribeEndpointConfigInput, ctx: RequestContext): Output<SM.DescribeEndpointConfigOutput> {
  const config = findEndpointConfig(ctx, input.EndpointConfigName!);
  const spec = config.spec;
  return {
    EndpointConfigName: config.name,
    EndpointConfigArn: config.arn,
    ProductionVariants: describedVariants(spec.ProductionVariants)!,
    DataCaptureConfig: describedDataCapture(spec.DataCaptureConfig),
    KmsKeyId: spec.KmsKeyId,
    CreationTime: config.creationTime,
    AsyncInferenceConfig: spec.AsyncInferenceConfig,
    ExplainerConfig: spec.ExplainerConfig,
    ShadowProductionVariants: describedVariants(spec.ShadowProductionVariants),
    ExecutionRoleArn: spec.ExecutionRoleArn,
    VpcConfig: spec.VpcConfig,
    EnableNetworkIsolation: spec.EnableNetworkIsolation,
    MetricsConfig: spec.MetricsConfig,
  };
}

export function deleteEndpointConfig(input: SM.DeleteEndpointConfigInput, ctx: RequestContext): Output<unknown> {
  const config = findEndpointConfig(ctx, input.EndpointConfigName!);
  const state = sagemaker(ctx);
  state.endpointConfigs.delete(key(config.name));
  dropTags(state, config.arn);
  return {};
}

export function listEndpointConfigs(input: SM.ListEndpointConfigsInput, ctx: RequestContext): Output<SM.ListEndpointConfigsOutput> {
  const { page, NextToken } = listPage(sagemaker(ctx).endpointConfigs.values(), input, { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending' });
  return { EndpointConfigs: page.map((c) => ({ EndpointConfigName: c.name, EndpointConfigArn: c.arn, CreationTime: c.creationTime })), NextToken };
}
