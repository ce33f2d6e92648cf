/**
 * SageMaker hosting helpers for lab authors (the execution role is `createExecutionRole` in `iam.ts`): a model, an
 * endpoint configuration and an endpoint, and waiting for an endpoint to settle.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  type DataCaptureConfig,
  type ProductionVariant,
} from '@aws-sdk/client-sagemaker';
import type { LabContext } from '../definition.ts';

/** The public XGBoost inference image of us-east-1: only the name matters on a local target. */
export const xgboostImage = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

export async function createModel(ctx: LabContext, options: { name: string; roleArn: string; modelDataUrl: string; environment?: Record<string, string>; extraTags?: Record<string, string> }): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: options.name,
      ExecutionRoleArn: options.roleArn,
      PrimaryContainer: { Image: xgboostImage, ModelDataUrl: options.modelDataUrl, Environment: options.environment },
      Tags: tagList(ctx, options.extraTags),
    }),
  );
}

export async function createEndpointConfig(ctx: LabContext, options: { name: string; variants: ProductionVariant[]; dataCapture?: DataCaptureConfig; kmsKeyId?: string; extraTags?: Record<string, string> }): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: options.name,
      ProductionVariants: options.variants,
      DataCaptureConfig: options.dataCapture,
      KmsKeyId: options.kmsKeyId,
      Tags: tagList(ctx, options.extraTags),
    }),
  );
}

export async function createEndpoint(ctx: LabContext, options: { name: string; configName: string; extraTags?: Record<string, string> }): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(new CreateEndpointCommand({ EndpointName: options.name, EndpointConfigName: options.configName, Tags: tagList(ctx, options.extraTags) }));
  await waitForEndpoint(ctx, options.name);
}

/**
 * Waits until an endpoint is InService (creation or update done). Real endpoints take minutes;
 * the emulator's take its transition delay. Fails with the endpoint's FailureReason.
 */
export async function waitForEndpoint(ctx: LabContext, name: string, timeoutMs = 20 * 60_000): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  const deadline = Date.now() + timeoutMs;
  let delay = 200;
  for (;;) {
    const e = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    if (e.EndpointStatus === 'InService') return;
    if (e.EndpointStatus === 'Failed') throw new Error(`Endpoint ${name} failed: ${e.FailureReason ?? 'no reason given'}`);
    if (Date.now() > deadline) throw new Error(`Endpoint ${name} is still ${e.EndpointStatus} after ${Math.round(timeoutMs / 1000)} s.`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}

function tagList(ctx: LabContext, extra: Record<string, string> = {}): { Key: string; Value: string }[] {
  return [...ctx.tagList, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))];
}
