/**
 * The restJson1 layer, proven with test providers on SageMaker Runtime's real schema: routing by
 * method and path, path labels, header bindings in and out, raw blob payloads, modelled errors with
 * their statuses, validation errors under the model's own name — and two services that share a
 * signing name (SageMaker and SageMaker Runtime both sign as `sagemaker`) told apart by shape.
 */
import { ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointAsyncCommand, InvokeEndpointCommand, type InvokeEndpointInput, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError, defineService, type RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const seen: InvokeEndpointInput[] = [];

const testRuntime = defineService({
  id: 'sagemaker-runtime',
  title: 'SageMaker Runtime (test provider)',
  signingName: 'sagemaker',
  protocol: 'restJson1',
  wire: { apiVersion: '2017-05-13' },
  loadModel: () => import('@aws-sdk/client-sagemaker-runtime') as Promise<Record<string, unknown>>,
  handlers: {
    InvokeEndpoint(input: InvokeEndpointInput) {
      seen.push(input);
      if (input.EndpointName === 'missing') throw new AwsServiceError('ValidationError', 'Endpoint missing of account 000000000000 not found.');
      if (input.EndpointName === 'broken') {
        throw new AwsServiceError('ModelError', 'Received server error (500) from primary with message "boom".', { fields: { OriginalStatusCode: 500, OriginalMessage: 'boom', LogStreamArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/sagemaker/Endpoints/broken' } });
      }
      const text = Buffer.from(input.Body as Uint8Array).toString('utf8');
      return { Body: Buffer.from(text.toUpperCase()), ContentType: 'text/csv', InvokedProductionVariant: input.TargetVariant ?? 'AllTraffic', CustomAttributes: input.CustomAttributes };
    },
  },
});

const testSageMaker = defineService({
  id: 'sagemaker',
  title: 'SageMaker (test provider)',
  signingName: 'sagemaker',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-07-24', targetPrefix: 'SageMaker' },
  loadModel: () => import('@aws-sdk/client-sagemaker') as Promise<Record<string, unknown>>,
  handlers: { ListModels: () => ({ Models: [{ ModelName: 'm', ModelArn: 'arn:aws:sagemaker:us-east-1:000000000000:model/m', CreationTime: new Date(0) }] }) },
});

describe('restJson1 protocol', () => {
  let emu: RunningEmulator;
  let runtime: SageMakerRuntimeClient;
  let sagemaker: SageMakerClient;
  beforeAll(async () => {
    emu = await emulator({ services: [testSageMaker, testRuntime] });
    runtime = new SageMakerRuntimeClient(clientConfig(emu.url));
    sagemaker = new SageMakerClient(clientConfig(emu.url));
  });
  afterAll(async () => emu.stop());

  it('routes by method and path, binds the label, headers and the raw payload, and answers with headers and a blob', async () => {
    const out = await runtime.send(new InvokeEndpointCommand({ EndpointName: 'churn-ep', Body: Buffer.from('1,2,a'), ContentType: 'text/csv', Accept: 'text/csv', TargetVariant: 'challenger', CustomAttributes: 'trace=1' }));
    expect(seen.at(-1)).toMatchObject({ EndpointName: 'churn-ep', ContentType: 'text/csv', Accept: 'text/csv', TargetVariant: 'challenger', CustomAttributes: 'trace=1' });
    expect(Buffer.from(out.Body!).toString('utf8')).toBe('1,2,A');
    expect(out.ContentType).toBe('text/csv');
    expect(out.InvokedProductionVariant).toBe('challenger');
    expect(out.CustomAttributes).toBe('trace=1');
  });

  it('answers modelled errors with their status, code and members', async () => {
    const notFound = await awsError(() => runtime.send(new InvokeEndpointCommand({ EndpointName: 'missing', Body: Buffer.from('x') })));
    expect(notFound.name).toBe('ValidationError');
    expect(notFound.message).toBe('Endpoint missing of account 000000000000 not found.');
    expect(notFound.$metadata.httpStatusCode).toBe(400);
    const model = await awsError(() => runtime.send(new InvokeEndpointCommand({ EndpointName: 'broken', Body: Buffer.from('x') })));
    expect(model.name).toBe('ModelError');
    expect(model.$metadata.httpStatusCode).toBe(424);
    expect(model.OriginalStatusCode).toBe(500);
    expect(model.OriginalMessage).toBe('boom');
  });

  it('names invalid input with the model\'s own validation error (ValidationError here)', async () => {
    const res = await fetch(`${emu.url}/endpoints/ep/invocations`, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=x' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationError');
    expect((await res.json()).Message).toContain("Value null at 'body' failed to satisfy constraint: Member must not be null");
  });

  it('answers NotImplemented for a modelled operation the provider does not implement, and 404 for an unknown path', async () => {
    const error = await awsError(() => runtime.send(new InvokeEndpointAsyncCommand({ EndpointName: 'ep', InputLocation: 's3://b/k' })));
    expect(error.$metadata.httpStatusCode).toBe(501);
    expect(error.message).toContain('InvokeEndpointAsync');
    const res = await fetch(`${emu.url}/nothing/here`, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=x' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('tells SageMaker (X-Amz-Target) from SageMaker Runtime (REST) although both sign as sagemaker', async () => {
    const models = await sagemaker.send(new ListModelsCommand({}));
    expect(models.Models?.[0]?.ModelName).toBe('m');
    const out = await runtime.send(new InvokeEndpointCommand({ EndpointName: 'ep', Body: Buffer.from('ok') }));
    expect(Buffer.from(out.Body!).toString()).toBe('OK');
  });
});
