/**
 * Property tests of the restJson1 request parser: the SageMaker Runtime client (AWS's own
 * serializer) writes random InvokeEndpoint requests, which the route table and the bindings must
 * read back exactly; and arbitrary labels, headers, query strings and bodies must only ever yield
 * AWS errors — never another exception.
 */
import { InvokeEndpointCommand, type InvokeEndpointCommandInput, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../src/emulator/core/errors.ts';
import { decodeRestJsonInput } from '../../../src/emulator/protocols/rest-json/rest-json-bindings.ts';
import { RouteTable } from '../../../src/emulator/protocols/rest-xml/route-table.ts';
import { pathSegments } from '../../../src/emulator/protocols/rest-xml/s3-addressing.ts';
import { ServiceModel } from '../../../src/emulator/schema/service-model.ts';

interface CapturedRequest { method: string; path: string; query: Record<string, string | string[]>; headers: Record<string, string>; body: Uint8Array | string | undefined }

/** The client, stopped right after it built (and signed) the HTTP request, which is handed back. */
function capturingClient(): { client: SageMakerRuntimeClient; last: () => CapturedRequest } {
  let captured: CapturedRequest | undefined;
  const client = new SageMakerRuntimeClient({ endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  client.middlewareStack.add((_next) => async (args) => {
    captured = (args as { request: CapturedRequest }).request;
    throw new Error('captured');
  }, { step: 'finalizeRequest', name: 'captureRequest' });
  return { client, last: () => captured! };
}

/** Header-safe text (printable ASCII, no leading or trailing space, as HTTP keeps it). */
const headerText = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~/+=;:,'.split('')), minLength: 1, maxLength: 24 });
const name = fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,20}$/);

const inputs = fc.record(
  {
    EndpointName: name,
    Body: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    ContentType: headerText,
    Accept: headerText,
    CustomAttributes: headerText,
    TargetModel: headerText,
    TargetVariant: name,
    TargetContainerHostname: name,
    InferenceId: headerText,
    EnableExplanations: headerText,
    InferenceComponentName: name,
    SessionId: headerText,
  },
  { requiredKeys: ['EndpointName', 'Body'] },
) as fc.Arbitrary<InvokeEndpointCommandInput>;

describe('restJson1 parser', () => {
  it('reads back what the SageMaker Runtime client writes for InvokeEndpoint', async () => {
    const model = new ServiceModel((await import('@aws-sdk/client-sagemaker-runtime')) as Record<string, unknown>);
    const routes = new RouteTable(model);
    const operation = model.operation('InvokeEndpoint');
    const { client, last } = capturingClient();
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        await client.send(new InvokeEndpointCommand(input)).catch(() => undefined);
        const request = last();
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
        const query = new Map(Object.entries(request.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
        const route = routes.match({ method: request.method, segments: pathSegments(request.path), query, headers });
        expect('operation' in route && route.operation).toBe('InvokeEndpoint');
        const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body as Uint8Array);
        const parsed = decodeRestJsonInput(operation.input, { labels: 'labels' in route ? route.labels : {}, query, headers, body });
        // Without a ContentType the client labels the blob application/octet-stream.
        const expected = { ...input, ContentType: input.ContentType ?? 'application/octet-stream', Body: Buffer.from(input.Body as Uint8Array).toString('hex') };
        expect({ ...parsed, Body: Buffer.from(parsed.Body as Buffer).toString('hex') }).toEqual(expected);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });

  it('answers only AWS errors for arbitrary labels, headers, query strings and bodies', async () => {
    const model = new ServiceModel((await import('@aws-sdk/client-sagemaker-runtime')) as Record<string, unknown>);
    const shapes = model.operationNames.map((op) => model.operation(op).input);
    const request = fc.record({
      shape: fc.constantFrom(...shapes),
      label: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      headers: fc.dictionary(fc.constantFrom('content-type', 'accept', 'x-amzn-sagemaker-custom-attributes', 'x-amzn-sagemaker-inputlocation', 'x-amzn-sagemaker-requestttlseconds', 'x-amzn-sagemaker-invocationtimeoutseconds', 'x'), fc.string({ maxLength: 20 })),
      query: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 10 })),
      body: fc.oneof(fc.string({ maxLength: 80 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))),
    });
    fc.assert(
      fc.property(request, ({ shape, label, headers, query, body }) => {
        try {
          decodeRestJsonInput(shape, { labels: label === undefined ? {} : { EndpointName: label }, headers, query: new Map(Object.entries(query).map(([k, v]) => [k, [v]])), body: Buffer.from(body) });
        } catch (error) {
          if (!(error instanceof AwsServiceError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
