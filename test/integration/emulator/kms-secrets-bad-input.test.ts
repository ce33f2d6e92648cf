/**
 * Bad input to KMS and Secrets Manager: malformed and mistyped JSON, missing members, operations
 * not emulated — and a fuzz test that sends every implemented operation schema-shaped input with
 * random (often nonsensical) values and checks the answer is always a well-formed AWS error or a
 * success, never an internal failure.
 */
import * as K from '@aws-sdk/client-kms';
import * as S from '@aws-sdk/client-secrets-manager';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ServiceModel } from '../../../src/emulator/schema/service-model.ts';
import type { Shape } from '../../../src/emulator/schema/shapes.ts';
import { kms as kmsService } from '../../../src/emulator/services/kms/service.ts';
import { secretsmanager as smService } from '../../../src/emulator/services/secretsmanager/service.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '999988887777';
const AUTH = (service: string) => `AWS4-HMAC-SHA256 Credential=${ACCOUNT}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x`;

describe('KMS and Secrets Manager bad input', () => {
  let emu: RunningEmulator;
  const logged: string[] = [];
  let keyId = '';
  let secretArn = '';
  beforeAll(async () => {
    emu = await emulator({ log: (m) => logged.push(m) });
    const config = clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' });
    keyId = (await new K.KMSClient(config).send(new K.CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await new K.KMSClient(config).send(new K.CreateAliasCommand({ AliasName: 'alias/fuzz', TargetKeyId: keyId }));
    secretArn = (await new S.SecretsManagerClient(config).send(new S.CreateSecretCommand({ Name: 'fuzz/secret', SecretString: 'x' }))).ARN!;
  });
  afterAll(async () => emu.stop());

  const post = (service: 'kms' | 'secretsmanager', target: string, body: string) =>
    fetch(`${emu.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, authorization: AUTH(service) }, body });

  it('answers malformed JSON, mistyped and missing members with AWS\'s errors', async () => {
    const malformed = await post('kms', 'TrentService.DescribeKey', '{"KeyId": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).__type).toBe('SerializationException');
    const mistyped = await post('kms', 'TrentService.DescribeKey', '{"KeyId": 5}');
    expect((await mistyped.json()).__type).toBe('SerializationException');
    const missing = await post('secretsmanager', 'secretsmanager.GetSecretValue', '{}');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null" });
    const blob = await post('kms', 'TrentService.Decrypt', '{"CiphertextBlob": "***not base64***"}');
    expect((await blob.json()).__type).toBe('SerializationException');
    const noBlob = await post('kms', 'TrentService.Decrypt', '{}');
    expect(await noBlob.json()).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null" });
  });

  it('names operations that are not emulated', async () => {
    const kms = new K.KMSClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
    const sign = await awsError(() => kms.send(new K.SignCommand({ KeyId: keyId, Message: Buffer.from('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })));
    expect(sign.name).toBe('UnknownOperationException');
    expect(sign.message).toContain('Sign');
    const sm = new S.SecretsManagerClient(clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }));
    const batch = await awsError(() => sm.send(new S.BatchGetSecretValueCommand({ SecretIdList: ['fuzz/secret'] })));
    expect(batch.name).toBe('UnknownOperationException');
    expect(batch.message).toContain('BatchGetSecretValue');
  });

  it('never fails internally, whatever schema-shaped input an operation gets', async () => {
    const strings = () => fc.oneof(
      fc.constantFrom(keyId, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`, 'alias/fuzz', 'alias/aws/s3', 'alias/aws/secretsmanager', 'fuzz/secret', secretArn, 'AWSCURRENT', 'AWSPENDING', 'default', '', '*',
        `arn:aws:kms:us-east-1:111111111111:key/${keyId}`, 'arn:aws:lambda:us-east-1:999988887777:function:f', 'rate(4 hours)', 'cron(0 0 * * ? *)', '{"Version":"2012-10-17","Statement":[]}',
        `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`, '00000000-0000-4000-8000-000000000000'),
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 300, maxLength: 600 }),
    );
    const valueFor = (shape: Shape, depth: number): fc.Arbitrary<unknown> => {
      switch (shape.type) {
        case 'string': return strings();
        case 'number': return fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.constantFrom(0, 7, 30, 90, 365, 1024, 2561));
        case 'boolean': return fc.boolean();
        case 'timestamp': return fc.integer({ min: 0, max: 2_000_000_000 });
        case 'blob': return fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64'));
        case 'document': return fc.jsonValue({ maxDepth: 2 });
        case 'list': return depth > 3 ? fc.constant([]) : fc.array(valueFor(shape.member.shape, depth + 1), { maxLength: 3 });
        case 'map': return depth > 3 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 8 }), valueFor(shape.value.shape, depth + 1), { maxKeys: 3 });
        case 'structure': {
          if (depth > 3) return fc.constant({});
          const members: Record<string, fc.Arbitrary<unknown>> = {};
          for (const m of shape.members) members[m.name] = valueFor(m.shape, depth + 1);
          return fc.record(members, { requiredKeys: [] });
        }
      }
    };
    const failures: string[] = [];
    for (const [definition, service, prefix] of [[kmsService, 'kms', 'TrentService'], [smService, 'secretsmanager', 'secretsmanager']] as const) {
      const model = new ServiceModel(await definition.loadModel());
      for (const operation of Object.keys(definition.handlers)) {
        const input = valueFor(model.operation(operation).input, 0);
        await fc.assert(fc.asyncProperty(input, async (body) => {
          const response = await post(service, `${prefix}.${operation}`, JSON.stringify(body));
          const text = await response.text();
          if (response.status >= 500 || (response.status !== 200 && !JSON.parse(text).__type)) failures.push(`${operation} ${response.status} ${text.slice(0, 200)} for ${JSON.stringify(body).slice(0, 300)}`);
        }), { numRuns: 40 });
      }
    }
 expect(failures).toEqual([]);
    expect(logged.filter((m) => m.includes('internal error'))).toEqual([]);
  }, 180_000);
});
