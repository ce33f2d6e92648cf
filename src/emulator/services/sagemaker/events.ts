/**
 * The state-change events SageMaker sends to EventBridge (source `aws.sagemaker`), shaped as AWS
 * documents them in "Events that Amazon SageMaker sends to Amazon EventBridge": the training job
 * event's detail mirrors DescribeTrainingJob with times as epoch-millisecond strings and tags as a
 * map; the endpoint event's detail carries EndpointStatus in upper snake case (`IN_SERVICE`).
 */
import type { RequestContext } from '../../core/context.ts';
import type { Tag } from './state.ts';

export const SOURCE = 'aws.sagemaker';

/** Dates anywhere in a value → epoch milliseconds as text, as the training job event writes them. */
function millisText(value: unknown): unknown {
  if (value instanceof Date) return String(value.getTime());
  if (Array.isArray(value)) return value.map(millisText);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = millisText(v);
    return out;
  }
  return value;
}

function tagMap(tags: readonly Tag[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

export function publishTrainingJobEvent(ctx: RequestContext, description: Record<string, unknown>, tags: readonly Tag[], at: Date): void {
  ctx.events.publish({
    source: SOURCE,
    detailType: 'SageMaker Training Job State Change',
    resources: [String(description.TrainingJobArn)],
    detail: { ...(millisText(description) as Record<string, unknown>), Tags: tagMap(tags) },
    time: at,
  });
}

export function publishProcessingJobEvent(ctx: RequestContext, description: Record<string, unknown>, tags: readonly Tag[], at: Date): void {
  ctx.events.publish({
    source: SOURCE,
    detailType: 'SageMaker Processing Job State Change',
    resources: [String(description.ProcessingJobArn)],
    detail: { ...(millisText(description) as Record<string, unknown>), Tags: tagMap(tags) },
    time: at,
  });
}

/** `InService` → `IN_SERVICE`, `OutOfService` → `OUT_OF_SERVICE`. */
export function upperSnake(status: string): string {
  return status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export interface EndpointEventInput {
  readonly EndpointName: string;
  readonly EndpointArn: string;
  readonly EndpointConfigName: string;
  readonly EndpointStatus: string;
  readonly ProductionVariants: readonly { DesiredWeight?: number; DesiredInstanceCount?: number; VariantName?: string }[];
  readonly CreationTime: Date;
  readonly LastModifiedTime: Date;
  readonly FailureReason?: string;
}

export function publishEndpointEvent(ctx: RequestContext, endpoint: EndpointEventInput, tags: readonly Tag[], at: Date): void {
  ctx.events.publish({
    source: SOURCE,
    detailType: 'SageMaker Endpoint State Change',
    resources: [endpoint.EndpointArn],
    detail: {
      EndpointName: endpoint.EndpointName,
      EndpointArn: endpoint.EndpointArn,
      EndpointConfigName: endpoint.EndpointConfigName,
      ProductionVariants: endpoint.ProductionVariants.map((v) => ({ VariantName: v.VariantName, DesiredWeight: v.DesiredWeight, DesiredInstanceCount: v.DesiredInstanceCount })),
      EndpointStatus: upperSnake(endpoint.EndpointStatus),
      ...(endpoint.FailureReason ? { FailureReason: endpoint.FailureReason } : {}),
      CreationTime: endpoint.CreationTime.getTime(),
      LastModifiedTime: endpoint.LastModifiedTime.getTime(),
      Tags: tagMap(tags),
    },
    time: at,
  });
}

/** Model package events carry ISO times, as AWS's example shows. */
export function publishModelPackageEvent(ctx: RequestContext, description: Record<string, unknown>, at: Date): void {
  const iso = (v: unknown): unknown => (v instanceof Date ? v.toISOString().replace(/\.\d{3}Z$/, 'Z') : Array.isArray(v) ? v.map(iso) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, iso(x)])) : v);
  ctx.events.publish({
    source: SOURCE,
    detailType: 'SageMaker Model Package State Change',
    resources: [String(description.ModelPackageArn)],
    detail: iso(description) as Record<string, unknown>,
    time: at,
  });
}
