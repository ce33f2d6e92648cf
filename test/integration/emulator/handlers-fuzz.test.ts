/**
 * Hostile but model-valid input to the handlers of IAM, STS, S3 and SageMaker (the other services
 * have their own such tests: kms-secrets-, observability-, org-cost-, ec2-bad-input, cloudtrail-fuzz).
 * Every implemented operation gets random inputs that follow its API model, sent through the real
 * SDK v3 client over HTTP, with strings drawn partly from names of resources that exist so the
 * calls get past "not found" into the handlers' logic. Each answer must be a result or an AWS error
 * below 500 — never InternalFailure, never a stack trace.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES, type RunningEmulator } from '../../../src/emulator/index.ts';
import { compileOperation } from '../../../src/emulator/schema/compile.ts';
import type { Shape, StructureShape } from '../../../src/emulator/schema/shapes.ts';
import { clientConfig, emulator } from './support.ts';

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/fuzz-role`;
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT, Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::fuzz-bucket/*' }] });

/** Strings these APIs take: existing names and ARNs, documents, and junk. */
const POOL = [
  'fuzz-role', ROLE_ARN, 'fuzz-user', 'fuzz-group', 'fuzz-profile', `arn:aws:iam::${ACCOUNT}:policy/fuzz-policy`, 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
  'fuzz-bucket', 'data/part-0.csv', 'fuzz-model', 'fuzz-config', 'fuzz-endpoint', 'fuzz-notebook', 'fuzz-job', 'fuzz-group-pkg', 'AllTraffic',
  's3://fuzz-bucket/data/', 's3://fuzz-bucket/output/', '123.dkr.ecr.us-east-1.amazonaws.com/xgb:1', 'ml.m5.large', 'Approved', 'PendingManualApproval',
  TRUST, POLICY, '{', '{"Version":"2012-10-17","Statement":[]}', 'v1', 'v2', 'Enabled', 'Suspended', 'private', 'public-read', 'BucketOwnerEnforced',
  'AES256', 'aws:kms', 'alias/aws/s3', 'us-east-1', 'eu-west-1', 'subnet-0123456789abcdef0', 'sg-0123456789abcdef0', '', '*', 'arn:aws:s3:::fuzz-bucket', 'x',
];

const strings = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: fc.string({ maxLength: 24 }) });

function valueFor(shape: Shape, depth: number): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case 'string': return strings;
    case 'number': return fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constantFrom(0, 1, 3600, 43200, 86400));
    case 'boolean': return fc.boolean();
    case 'timestamp': return fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000));
    case 'blob': return fc.uint8Array({ maxLength: 64 });
    case 'document': return fc.constant({ a: 1 });
    case 'list': return depth > 3 ? fc.constant([]) : fc.array(valueFor(shape.member.shape, depth + 1), { maxLength: 3 });
    case 'map': return depth > 3 ? fc.constant({}) : fc.dictionary(fc.constantFrom('a', 'Project', 'k'), valueFor(shape.value.shape, depth + 1), { maxKeys: 2 });
    case 'structure': return structure(shape, depth);
  }
}

function structure(shape: StructureShape, depth: number): fc.Arbitrary<Record<string, unknown>> {
  if (depth > 3) return fc.constant({});
  const members: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const m of shape.members) {
    // A ContentLength that disagrees with the body makes the request stall (edge.test.ts covers that).
    if (m.name === 'ContentLength') continue;
    // An empty path label (Key: '') turns the call into another operation (PUT /bucket/ is CreateBucket).
    members[m.name] = m.traits.httpLabel ? strings.filter((v) => v !== '') : valueFor(m.shape, depth + 1);
    if (m.required) required.push(m.name);
  }
  return fc.record(members, { requiredKeys: required });
}

type Client = { send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>; destroy(): void };
interface Target { id: string; pkg: string; client: string; extra?: object }
const TARGETS: Target[] = [
  { id: 'iam', pkg: '@aws-sdk/client-iam', client: 'IAMClient' },
  { id: 'sts', pkg: '@aws-sdk/client-sts', client: 'STSClient' },
  { id: 's3', pkg: '@aws-sdk/client-s3', client: 'S3Client', extra: { forcePathStyle: true } },
  { id: 'sagemaker', pkg: '@aws-sdk/client-sagemaker', client: 'SageMakerClient' },
];

describe('IAM, STS, S3 and SageMaker handlers under model-valid random input', () => {
  let emu: RunningEmulator;
  const logged: string[] = [];
  beforeAll(async () => {
    emu = await emulator({ log: (m) => logged.push(m), serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    const config = clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' });
    const iam = await import('@aws-sdk/client-iam');
    const c = new iam.IAMClient(config);
    await c.send(new iam.CreateRoleCommand({ RoleName: 'fuzz-role', AssumeRolePolicyDocument: TRUST }));
    await c.send(new iam.CreateUserCommand({ UserName: 'fuzz-user' }));
    await c.send(new iam.CreateGroupCommand({ GroupName: 'fuzz-group' }));
    await c.send(new iam.CreatePolicyCommand({ PolicyName: 'fuzz-policy', PolicyDocument: POLICY }));
    await c.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'fuzz-profile' }));
    const s3 = await import('@aws-sdk/client-s3');
    const b = new s3.S3Client({ ...config, forcePathStyle: true });
    await b.send(new s3.CreateBucketCommand({ Bucket: 'fuzz-bucket' }));
    await b.send(new s3.PutObjectCommand({ Bucket: 'fuzz-bucket', Key: 'data/part-0.csv', Body: 'a,b\n1,2\n' }));
    const sm = await import('@aws-sdk/client-sagemaker');
    const s = new sm.SageMakerClient(config);
    const container = { Image: '123.dkr.ecr.us-east-1.amazonaws.com/xgb:1', ModelDataUrl: 's3://fuzz-bucket/model.tar.gz' };
    await s.send(new sm.CreateModelCommand({ ModelName: 'fuzz-model', ExecutionRoleArn: ROLE_ARN, PrimaryContainer: container }));
    await s.send(new sm.CreateEndpointConfigCommand({ EndpointConfigName: 'fuzz-config', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'fuzz-model', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }));
    await s.send(new sm.CreateEndpointCommand({ EndpointName: 'fuzz-endpoint', EndpointConfigName: 'fuzz-config' }));
    await s.send(new sm.CreateNotebookInstanceCommand({ NotebookInstanceName: 'fuzz-notebook', InstanceType: 'ml.t3.medium', RoleArn: ROLE_ARN }));
    await s.send(new sm.CreateModelPackageGroupCommand({ ModelPackageGroupName: 'fuzz-group-pkg' }));
  });
  afterAll(async () => emu.stop());

  for (const target of TARGETS) {
    it(`answers every implemented ${target.id} operation with a result or an AWS error, never a 500`, { timeout: 240_000 }, async () => {
      const module = (await import(target.pkg)) as Record<string, unknown>;
      const Client = module[target.client] as new (c: object) => Client;
      const client = new Client({ ...clientConfig(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' }), ...target.extra });
      const handlers = Object.keys(BUILTIN_SERVICES.find((s) => s.id === target.id)!.handlers);
      const cases = handlers.map((op) => structure(compileOperation(module[`${op}$`]).input, 0).map((input) => ({ op, input })));
      const answered = new Set<string>();
      const failures: string[] = [];
      try {
        await fc.assert(
          fc.asyncProperty(fc.oneof(...cases), async ({ op, input }) => {
            const Command = module[`${op}Command`] as new (i: unknown) => unknown;
            try {
              const output = (await client.send(new Command(input), { abortSignal: AbortSignal.timeout(10_000) })) as { Body?: { transformToByteArray?(): Promise<Uint8Array> } };
              // A streamed body (GetObject) holds its socket until read.
              await output.Body?.transformToByteArray?.();
              answered.add(op);
            } catch (error) {
              const e = error as { $metadata?: { httpStatusCode?: number }; name: string; message: string };
              // Client-side refusals (the SDK's own checks) carry no HTTP status; the emulator's answers must be < 500.
              const status = e.$metadata?.httpStatusCode;
              if (e.name === 'TimeoutError' || e.name === 'AbortError') failures.push(`${op} ${JSON.stringify(input).slice(0, 300)} → no answer within 10 s`);
              if (status !== undefined && status >= 500) failures.push(`${op} ${JSON.stringify(input).slice(0, 300)} → ${status} ${e.name}: ${e.message}`);
            }
          }),
          // A fixed seed (FC_SEED overrides it to explore): how many operations succeed depends on
          // the inputs drawn, and the floor below must not flake from one run to the next.
          { numRuns: Math.min(40 * handlers.length, 1200), seed: Number(process.env.FC_SEED ?? 20261126) },
        );
      } finally {
        client.destroy();
      }
      expect(failures).toEqual([]);
      expect(logged.filter((m) => m.includes('internal error'))).toEqual([]);
      // The inputs reach the handlers: some operations succeed with random valid input (SageMaker's
      // strict name and ARN patterns let few through, which is what AWS would do too).
      expect(answered.size).toBeGreaterThanOrEqual(target.id === 'iam' ? 5 : target.id === 's3' ? 3 : 1);
    });
  }
});
