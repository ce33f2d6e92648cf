/**
 * The awsJson layer, proven with test providers on Secrets Manager's real schema: X-Amz-Target
 * routing, typed input (lists, structures, timestamps), JSON output, modelled and generic errors.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  type ListSecretsRequest,
  type ListSecretsResponse,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError, defineService, type RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const created = new Date('2026-01-02T03:04:05.678Z');
const seen: ListSecretsRequest[] = [];

const testSecrets = defineService({
  id: 'secretsmanager',
  title: 'Secrets Manager (test provider)',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-17', targetPrefix: 'secretsmanager' },
  loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
  handlers: {
    ListSecrets(input: ListSecretsRequest): ListSecretsResponse {
      seen.push(input);
      return {
        SecretList: [{ ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf', Name: 'db', CreatedDate: created, Tags: [{ Key: 'lab', Value: 'x' }] }],
        NextToken: input.MaxResults === 1 ? 'next' : undefined,
      };
    },
    DescribeSecret(input: { SecretId?: string }) {
      throw new AwsServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret: ${input.SecretId}`);
    },
  },
});

describe('awsJson protocol', () => {
  let emu: RunningEmulator;
  let sm: SecretsManagerClient;
  beforeAll(async () => {
    emu = await emulator({ services: [testSecrets] });
    sm = new SecretsManagerClient(clientConfig(emu.url));
  });
  afterAll(async () => emu.stop());

  it('routes by X-Amz-Target and round-trips typed values', async () => {
    const out = await sm.send(new ListSecretsCommand({ MaxResults: 1, Filters: [{ Key: 'name', Values: ['db', 'api'] }], SortOrder: 'asc' }));
    expect(seen.at(-1)).toEqual({ MaxResults: 1, Filters: [{ Key: 'name', Values: ['db', 'api'] }], SortOrder: 'asc' });
    expect(out.SecretList?.[0]?.CreatedDate?.toISOString()).toBe(created.toISOString());
    expect(out.SecretList?.[0]?.Tags).toEqual([{ Key: 'lab', Value: 'x' }]);
    expect(out.NextToken).toBe('next');
  });

  it('answers modelled errors with the modelled type', async () => {
    const error = await awsError(() => sm.send(new DescribeSecretCommand({ SecretId: 'missing' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe("Secrets Manager can't find the specified secret: missing");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers UnknownOperationException for an operation not emulated', async () => {
    const error = await awsError(() => sm.send(new GetSecretValueCommand({ SecretId: 'x' })));
    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toContain('GetSecretValue');
  });

  it('answers SerializationException for malformed JSON and mistyped members, ValidationException for missing ones', async () => {
    const post = (body: string, target = 'secretsmanager.ListSecrets') =>
      fetch(`${emu.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=x' },
        body,
      });
    const malformed = await post('{"MaxResults": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).__type).toBe('SerializationException');
    const mistyped = await post('{"MaxResults": "ten"}');
    expect(mistyped.status).toBe(400);
    expect(await mistyped.json()).toMatchObject({ __type: 'SerializationException', message: expect.stringContaining('maxResults') });
    const missing = await post('{}', 'secretsmanager.DescribeSecret');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null" });
  });
});
