/**
 * InvokeEndpoint: finds the endpoint in SageMaker's state (brought up to the request's time first),
 * picks the variant, answers deterministically (inference.ts), writes data capture (data-capture.ts)
 * and publishes the AWS/SageMaker invocation metrics (invocation-metrics.ts).
 */
import type * as RT from '@aws-sdk/client-sagemaker-runtime';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { key, NAME_PATTERN, NAME_PATTERN_TEXT } from '../sagemaker/common.ts';
import { settle } from '../sagemaker/settle.ts';
import type { Endpoint } from '../sagemaker/state.ts';
import { sampled, writeCapture } from './data-capture.ts';
import { answer, fails, modelLatencyMicros, overheadMicros, pickVariant } from './inference.ts';
import { publishInvocation } from './invocation-metrics.ts';

const MAX_BODY = 6 * 1024 * 1024;
/** Statuses in which an endpoint serves traffic (an update switches over when it completes). */
const SERVING = new Set(['InService', 'Updating', 'SystemUpdating', 'RollingBack']);

function notFound(ctx: RequestContext, name: string): AwsServiceError {
  return new AwsServiceError('ValidationError', `Endpoint ${name} of account ${ctx.accountId} not found.`);
}

export function invokeEndpoint(input: RT.InvokeEndpointInput, ctx: RequestContext): Output<RT.InvokeEndpointOutput> {
  const body = Buffer.from((input.Body as Uint8Array | undefined) ?? Buffer.alloc(0));
  const problems = new ProblemList()
    .maxLength('endpointName', input.EndpointName, 63)
    .pattern('endpointName', input.EndpointName, NAME_PATTERN, NAME_PATTERN_TEXT)
    .maxLength('contentType', input.ContentType, 1024)
    .maxLength('accept', input.Accept, 1024)
    .maxLength('customAttributes', input.CustomAttributes, 1024)
    .maxLength('targetVariant', input.TargetVariant, 63)
    .maxLength('inferenceId', input.InferenceId, 64);
  if (body.length > MAX_BODY) problems.problems.push({ path: 'body', kind: 'constraint', value: `<${body.length} bytes>`, constraint: `Member must have length less than or equal to ${MAX_BODY}` });
  problems.check();

  const state = settle(ctx);
  const endpoint: Endpoint | undefined = state.endpoints.get(key(input.EndpointName!));
  if (!endpoint || !SERVING.has(endpoint.status)) throw notFound(ctx, input.EndpointName!);

  const invocation = endpoint.invocations++;
  const seed = `${endpoint.name}#${invocation}`;
  let variant = input.TargetVariant ? endpoint.variants.find((v) => v.VariantName === input.TargetVariant) : pickVariant(endpoint.name, invocation, endpoint.variants);
  if (input.TargetVariant && !variant) {
    throw new AwsServiceError('ValidationError', `Invalid TargetVariant: the endpoint ${endpoint.name} has no production variant named ${input.TargetVariant} (it has ${endpoint.variants.map((v) => v.VariantName).join(', ')}).`);
  }
  variant ??= endpoint.variants[0];
  if (!variant) throw notFound(ctx, input.EndpointName!);

  const contentType = input.ContentType ?? 'application/octet-stream';
  const modelLatency = modelLatencyMicros(variant, body.length, seed);
  const overhead = overheadMicros(seed);
  const capture = endpoint.dataCapture && sampled(endpoint.dataCapture, { endpointName: endpoint.name, variantName: variant.VariantName, invocation, input: { body, contentType } }) ? endpoint.dataCapture : undefined;

  if (fails(variant, seed)) {
    publishInvocation(ctx, endpoint.name, variant, { status: '5xx', modelLatencyMicros: modelLatency, overheadMicros: overhead });
    if (capture) writeCapture(ctx, capture, { endpointName: endpoint.name, variantName: variant.VariantName, invocation, input: { body, contentType }, inferenceId: input.InferenceId });
    const group = `/aws/sagemaker/Endpoints/${endpoint.name}`;
    throw new AwsServiceError('ModelError', `Received server error (500) from primary with message "The model failed to process the request (simulated by MLSEC_EMULATOR_FAILURE_RATE).". See https://${ctx.region}.console.aws.amazon.com/cloudwatch/home?region=${ctx.region}#logEventViewer:group=${group} in account ${ctx.accountId} for more information.`, {
      fields: { OriginalStatusCode: 500, OriginalMessage: 'The model failed to process the request (simulated by MLSEC_EMULATOR_FAILURE_RATE).', LogStreamArn: `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}` },
    });
  }

  const result = answer(variant.ModelName ?? endpoint.name, body, input.ContentType, input.Accept);
  publishInvocation(ctx, endpoint.name, variant, { status: 'ok', modelLatencyMicros: modelLatency, overheadMicros: overhead });
  if (capture) {
    writeCapture(ctx, capture, { endpointName: endpoint.name, variantName: variant.VariantName, invocation, input: { body, contentType }, output: { body: result.body, contentType: result.contentType }, inferenceId: input.InferenceId });
  }
  return { Body: result.body, ContentType: result.contentType, InvokedProductionVariant: variant.VariantName };
}
