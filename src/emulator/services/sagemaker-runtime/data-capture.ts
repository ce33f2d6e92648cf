/**
 * Data capture: when an endpoint's configuration enables it, a sampled share of invocations is
 * written to S3 as JSON Lines in the layout Model Monitor reads —
 *   s3://<DestinationS3Uri>/<EndpointName>/<VariantName>/yyyy/mm/dd/hh/<mm-ss-SSS>-<uuid>.jsonl
 * one record per line:
 *   {"captureData":{"endpointInput":{"observedContentType","mode":"INPUT","data","encoding"},
 *                   "endpointOutput":{…,"mode":"OUTPUT"}},
 *    "eventMetadata":{"eventId","inferenceTime"[,"inferenceId"]},"eventVersion":"0"}
 * `encoding` is CSV or JSON for the content types CaptureContentTypeHeader lists (text/csv and
 * application/json by default) and BASE64 otherwise. With a capture KmsKeyId the object is
 * encrypted with that key (SSE-KMS), else with the bucket's default encryption.
 *
 * Written into the emulated S3 when it is part of the emulator; a missing bucket makes capture
 * fail silently, as on AWS (the invocation itself succeeds).
 */
import { randomUUID } from 'node:crypto';
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ownerGrant } from '../s3/acl.ts';
import { etagOf, objectEncryption, storeVersion } from '../s3/object-write.ts';
import { bucketOwner, type S3State } from '../s3/state.ts';
import { parseS3Uri } from '../sagemaker/common.ts';
import { unit } from './inference.ts';

export interface CapturedCall {
  readonly endpointName: string;
  readonly variantName: string;
  readonly invocation: number;
  readonly input: { body: Buffer; contentType: string };
  /** Absent when the model failed (nothing to capture on the way out). */
  readonly output?: { body: Buffer; contentType: string };
  readonly inferenceId?: string;
}

function encoded(payload: { body: Buffer; contentType: string }, header: SM.CaptureContentTypeHeader | undefined, mode: 'INPUT' | 'OUTPUT') {
  const base = payload.contentType.split(';')[0]!.trim().toLowerCase();
  const csv = (header?.CsvContentTypes ?? ['text/csv']).map((t) => t.toLowerCase());
  const json = (header?.JsonContentTypes ?? ['application/json']).map((t) => t.toLowerCase());
  if (csv.includes(base)) return { observedContentType: payload.contentType, mode, data: payload.body.toString('utf8'), encoding: 'CSV' };
  if (json.includes(base)) return { observedContentType: payload.contentType, mode, data: payload.body.toString('utf8'), encoding: 'JSON' };
  return { observedContentType: payload.contentType, mode, data: payload.body.toString('base64'), encoding: 'BASE64' };
}

/** Whether this invocation falls in the sampled share. */
export function sampled(config: SM.DataCaptureConfig, call: CapturedCall): boolean {
  if (config.EnableCapture === false) return false;
  const percentage = config.InitialSamplingPercentage ?? 0;
  return unit(`capture:${call.endpointName}#${call.invocation}`) * 100 < percentage;
}

export function captureRecord(config: SM.DataCaptureConfig, call: CapturedCall, now: Date): string {
  const modes = new Set((config.CaptureOptions ?? []).map((o) => o.CaptureMode));
  const input = modes.has('Input') || modes.has('InputAndOutput');
  const output = modes.has('Output') || modes.has('InputAndOutput');
  const captureData: Record<string, unknown> = {};
  if (input) captureData.endpointInput = encoded(call.input, config.CaptureContentTypeHeader, 'INPUT');
  if (output && call.output) captureData.endpointOutput = encoded(call.output, config.CaptureContentTypeHeader, 'OUTPUT');
  const eventMetadata: Record<string, string> = { eventId: randomUUID(), inferenceTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  if (call.inferenceId) eventMetadata.inferenceId = call.inferenceId;
  return JSON.stringify({ captureData, eventMetadata, eventVersion: '0' });
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Writes one capture file; returns its S3 URI, or undefined when nothing could be written. */
export function writeCapture(ctx: RequestContext, config: SM.DataCaptureConfig, call: CapturedCall): string | undefined {
  if (!ctx.hasService('s3') || !config.DestinationS3Uri) return undefined;
  const destination = parseS3Uri(config.DestinationS3Uri);
  if (!destination) return undefined;
  // The bucket namespace is global: the destination may belong to another account.
  const owner = bucketOwner(ctx, destination.bucket);
  const bucket = owner === undefined ? undefined : ctx.stateOf<S3State>('s3', owner).buckets.get(destination.bucket);
  if (!bucket) return undefined;
  const t = ctx.now;
  const prefix = destination.prefix.replace(/\/+$/, '');
  const key = [
    ...(prefix ? [prefix] : []),
    call.endpointName,
    call.variantName,
    String(t.getUTCFullYear()),
    pad(t.getUTCMonth() + 1),
    pad(t.getUTCDate()),
    pad(t.getUTCHours()),
    `${pad(t.getUTCMinutes())}-${pad(t.getUTCSeconds())}-${pad(t.getUTCMilliseconds(), 3)}-${randomUUID()}.jsonl`,
  ].join('/');
  const body = Buffer.from(`${captureRecord(config, call, t)}\n`);
  let encryption;
  try {
    encryption = objectEncryption(ctx, bucket, key, config.KmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: config.KmsKeyId } : {});
  } catch {
    return undefined; // a key that cannot be used (disabled, deleted): capture fails silently, as on AWS
  }
  storeVersion(bucket, {
    key,
    deleteMarker: false,
    body,
    etag: etagOf(body),
    lastModified: t,
    contentType: 'application/octet-stream',
    metadata: {},
    storageClass: 'STANDARD',
    encryption,
    tags: [],
    acl: [ownerGrant(bucket.owner)],
    owner: bucket.owner,
  });
  return `s3://${destination.bucket}/${key}`;
}
