/**
 * SageMaker Runtime InvokeEndpoint through the real SDK over HTTP (restJson1): AWS's error for an
 * endpoint that is not serving, the documented deterministic answer, TargetVariant and weighted
 * routing, simulated model failures, the AWS/SageMaker invocation metrics, and data capture
 * written to the emulated S3 in Model Monitor's JSON Lines format.
 */
import { createHash } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, clientConfig } from './support.ts';
import { executionRole, type SageMakerHarness, sageMakerHarness } from './sagemaker-support.ts';

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

/** The documented formula (src/emulator/services/sagemaker-runtime/inference.ts), computed independently. */
function expectedScore(model: string, row: string): number {
  return Math.round((createHash('sha256').update(`${model}\n${row}`).digest().readUInt32BE(0) / 2 ** 32) * 1e6) / 1e6;
}

describe('SageMaker Runtime InvokeEndpoint', () => {
  let h: SageMakerHarness;
  let s3: S3Client;
  /** A real KMS key of the account (the harness creates it). */
  let KEY: string;
  beforeAll(async () => {
    h = await sageMakerHarness();
    KEY = h.peers.keyArn;
    s3 = new S3Client({ ...clientConfig(h.emu.url, { accessKeyId: '123456789012', secretAccessKey: 'x' }), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'ml-capture' }));
    const role = await executionRole(h.iam);
    await h.sm.send(new CreateModelCommand({ ModelName: 'champion', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE } }));
    await h.sm.send(new CreateModelCommand({ ModelName: 'challenger', ExecutionRoleArn: role, PrimaryContainer: { Image: IMAGE, Environment: { MLSEC_EMULATOR_LATENCY_MS: '120', MLSEC_EMULATOR_FAILURE_RATE: '0.25' } } }));
    await h.sm.send(new CreateEndpointConfigCommand({
      EndpointConfigName: 'ab',
      ProductionVariants: [
        { VariantName: 'champion', ModelName: 'champion', InstanceType: 'ml.m5.large', InitialInstanceCount: 2, InitialVariantWeight: 3 },
        { VariantName: 'challenger', ModelName: 'challenger', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 },
      ],
      DataCaptureConfig: { InitialSamplingPercentage: 100, DestinationS3Uri: 's3://ml-capture/datacapture', KmsKeyId: KEY, CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }] },
    }));
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'ab' }));
  });
  afterAll(async () => h.stop());

  it('answers ValidationError while the endpoint is not in service and for unknown endpoints', async () => {
    const creating = await awsError(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', Body: Buffer.from('1,2'), ContentType: 'text/csv' })));
    expect([creating.name, creating.message, creating.$metadata.httpStatusCode]).toEqual(['ValidationError', 'Endpoint churn of account 123456789012 not found.', 400]);
    h.advance();
    const unknown = await awsError(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'nope', Body: Buffer.from('1') })));
    expect(unknown.message).toBe('Endpoint nope of account 123456789012 not found.');
    const badVariant = await awsError(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', Body: Buffer.from('1'), TargetVariant: 'ghost' })));
    expect(badVariant.name).toBe('ValidationError');
    expect(badVariant.message).toContain('ghost');
  });

  it('answers the documented deterministic scores, as CSV or JSON', async () => {
    const csv = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', TargetVariant: 'champion', ContentType: 'text/csv', Body: Buffer.from('42,0,1.5\n17,1,0.2\n') }));
    expect(csv.InvokedProductionVariant).toBe('champion');
    expect(csv.ContentType).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(csv.Body!).toString()).toBe(`${expectedScore('champion', '42,0,1.5')}\n${expectedScore('champion', '17,1,0.2')}`);
    const again = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', TargetVariant: 'champion', ContentType: 'text/csv', Body: Buffer.from('42,0,1.5\n17,1,0.2\n') }));
    expect(Buffer.from(again.Body!).toString()).toBe(Buffer.from(csv.Body!).toString());
    const json = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', TargetVariant: 'champion', ContentType: 'application/json', Accept: 'application/json', Body: Buffer.from(JSON.stringify({ instances: [[42, 0, 1.5], { age: 17 }] })) }));
    expect(json.ContentType).toBe('application/json');
    expect(JSON.parse(Buffer.from(json.Body!).toString())).toEqual({ predictions: [{ score: expectedScore('champion', '[42,0,1.5]') }, { score: expectedScore('champion', '{"age":17}') }] });
  });

  it('routes by the current weights when no TargetVariant is given, and follows a weight change', async () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      try {
        const out = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', ContentType: 'text/csv', Body: Buffer.from(`${i}`) }));
        counts[out.InvokedProductionVariant!] = (counts[out.InvokedProductionVariant!] ?? 0) + 1;
      } catch (error) {
        expect((error as Error).name).toBe('ModelError');
        counts.failed = (counts.failed ?? 0) + 1;
      }
    }
    // 3:1 weights → about 150 / 50; the challenger fails about a quarter of its calls.
    expect(counts.champion!).toBeGreaterThan(120);
    expect(counts.champion!).toBeLessThan(180);
    expect((counts.challenger ?? 0) + (counts.failed ?? 0)).toBe(200 - counts.champion!);
    expect(counts.failed!).toBeGreaterThan(0);

    await h.sm.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: 'churn', DesiredWeightsAndCapacities: [{ VariantName: 'champion', DesiredWeight: 0 }] }));
    h.advance();
    for (let i = 0; i < 10; i++) {
      const out = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', ContentType: 'text/csv', Body: Buffer.from(`w${i}`) })).catch((e: Error) => ({ InvokedProductionVariant: e.name }));
      expect(['challenger', 'ModelError']).toContain(out.InvokedProductionVariant);
    }
  });

  it('fails simulated model errors with AWS\'s ModelError (424) shape', async () => {
    let error: Error & Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !error; i++) {
      error = await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', TargetVariant: 'challenger', ContentType: 'text/csv', Body: Buffer.from(`f${i}`) })).then(() => undefined, (e) => e);
    }
    expect(error).toBeDefined();
    expect(error!.name).toBe('ModelError');
    expect((error!.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(424);
    expect(error!.OriginalStatusCode).toBe(500);
    expect(error!.message).toMatch(/^Received server error \(500\) from primary with message ".*"\. See https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logEventViewer:group=\/aws\/sagemaker\/Endpoints\/churn in account 123456789012 for more information\.$/);
    expect(error!.LogStreamArn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/churn');
  });

  it('publishes the AWS/SageMaker invocation metrics per endpoint and variant', async () => {
    // Read back from CloudWatch in the caller's account and region, aggregated over the whole test.
    const of = (name: string, variant: string) => h.metric('AWS/SageMaker', name, { EndpointName: 'churn', VariantName: variant });
    const invocations = (await of('Invocations', 'champion'))!;
    expect(invocations.SampleCount).toBeGreaterThan(100);
    expect([invocations.Minimum, invocations.Maximum, invocations.Sum]).toEqual([1, 1, invocations.SampleCount]);
    const perInstance = (await of('InvocationsPerInstance', 'champion'))!;
    expect([perInstance.Minimum, perInstance.Maximum]).toEqual([0.5, 0.5]);
    const challengerLatency = (await of('ModelLatency', 'challenger'))!;
    expect([challengerLatency.Minimum, challengerLatency.Maximum, challengerLatency.Unit]).toEqual([120_000, 120_000, 'Microseconds']);
    const championLatency = (await of('ModelLatency', 'champion'))!;
    expect(championLatency.Minimum).toBeGreaterThanOrEqual(20_000);
    expect(championLatency.Maximum).toBeLessThan(26_000);
    expect((await of('OverheadLatency', 'champion'))!.Unit).toBe('Microseconds');
    expect((await of('Invocation5XXErrors', 'challenger'))!.Sum).toBeGreaterThan(0);
    expect((await of('Invocation5XXErrors', 'champion'))!.Maximum).toBe(0);
    expect((await of('Invocation4XXErrors', 'champion'))!.Maximum).toBe(0);
  });

  it('writes data capture to S3 as JSON Lines, encrypted with the capture key', async () => {
    const before = h.now();
    await h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', TargetVariant: 'champion', ContentType: 'text/csv', Body: Buffer.from('99,1,2'), InferenceId: 'req-1' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'ml-capture', Prefix: 'datacapture/churn/champion/' }));
    const keys = listed.Contents!.map((o) => o.Key!);
    const hour = `${before.getUTCFullYear()}/${String(before.getUTCMonth() + 1).padStart(2, '0')}/${String(before.getUTCDate()).padStart(2, '0')}/${String(before.getUTCHours()).padStart(2, '0')}`;
    expect(keys.every((k) => k.startsWith(`datacapture/churn/champion/${hour}/`) && k.endsWith('.jsonl'))).toBe(true);
    const records = [];
    for (const k of keys) {
      const object = await s3.send(new GetObjectCommand({ Bucket: 'ml-capture', Key: k }));
      records.push(...(await object.Body!.transformToString()).trim().split('\n').map((line) => JSON.parse(line)));
    }
    const mine = records.find((r) => r.eventMetadata.inferenceId === 'req-1');
    expect(mine).toMatchObject({
      captureData: {
        endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '99,1,2', encoding: 'CSV' },
        endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: String(expectedScore('champion', '99,1,2')), encoding: 'CSV' },
      },
      eventMetadata: { inferenceTime: before.toISOString().replace(/\.\d{3}Z$/, 'Z') },
      eventVersion: '0',
    });
    expect(mine.eventMetadata.eventId).toMatch(/^[0-9a-f-]{36}$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'ml-capture', Key: keys[0] }));
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toBe(KEY);
  });

  it('refuses bodies over 6 MB', async () => {
    const big = await awsError(() => h.runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn', Body: Buffer.alloc(6 * 1024 * 1024 + 1) })));
    expect(big.name).toBe('ValidationError');
    expect(big.message).toContain("at 'body' failed to satisfy constraint: Member must have length less than or equal to 6291456");
  });
});
