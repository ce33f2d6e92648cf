/**
 * The seams between services inside the emulator, proven with test providers and the real
 * CloudWatch, CloudWatch Logs and EventBridge consumers: the metric sink (ctx.metrics), the
 * internal event bus (ctx.events), ctx.stateChanged() for read-only calls that change state, gzip
 * request bodies, and a service's own validation error code.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES, defineService, type RequestContext, type RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '424242424242';
const creds = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const observability = BUILTIN_SERVICES.filter((s) => ['cloudwatch', 'logs', 'events'].includes(s.id));
const running: RunningEmulator[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const e of running.splice(0)) await e.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(options: Parameters<typeof emulator>[0]): Promise<RunningEmulator> {
  const e = await emulator(options);
  running.push(e);
  return e;
}

/** A stand-in for SageMaker, on Secrets Manager's schema: calls record metrics and publish events. */
const producer = defineService<{ invocations: number; endpointStatus: string }>({
  id: 'producer',
  title: 'Test producer',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-17', targetPrefix: 'secretsmanager' },
  loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ invocations: 0, endpointStatus: 'Creating' }) },
  handlers: {
    // "InvokeEndpoint": records AWS/SageMaker metrics, as the SageMaker runtime will.
    ListSecrets(_input: unknown, ctx: RequestContext<{ invocations: number }>) {
      ctx.state().invocations += 1;
      ctx.metrics.put('AWS/SageMaker', [
        { MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'AllTraffic' }], Value: 1, Unit: 'Count' },
        { MetricName: 'ModelLatency', Dimensions: [{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'AllTraffic' }], Value: 4200, Unit: 'Microseconds' },
      ]);
      return { SecretList: [] };
    },
    // "DescribeEndpoint": a lazily computed transition, announced as an event and persisted.
    DescribeSecret(input: { SecretId?: string }, ctx: RequestContext<{ endpointStatus: string }>) {
      const state = ctx.state();
      const before = state.endpointStatus;
      if (state.endpointStatus !== 'InService') {
        state.endpointStatus = 'InService';
        ctx.events.publish({ source: 'aws.sagemaker', detailType: 'SageMaker Endpoint State Change', detail: { EndpointName: input.SecretId, EndpointStatus: 'InService' }, resources: [`arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:endpoint/${input.SecretId}`] });
        if (input.SecretId !== 'no-persist') ctx.stateChanged();
      }
      return { Name: before, Description: state.endpointStatus };
    },
  },
});

describe('metric sink and internal event bus', () => {
  it('lets a service record CloudWatch metrics and publish events that rules deliver', async () => {
    const emu = await start({ services: [producer, ...observability] });
    const sm = new SecretsManagerClient(clientConfig(emu.url, creds));
    const cw = new CloudWatchClient(clientConfig(emu.url, creds));
    const logs = new CloudWatchLogsClient(clientConfig(emu.url, creds));
    const eb = new EventBridgeClient(clientConfig(emu.url, creds));
    const t0 = Date.now();
    await sm.send(new ListSecretsCommand({}));
    await sm.send(new ListSecretsCommand({}));
    const stats = await cw.send(new GetMetricStatisticsCommand({ Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'VariantName', Value: 'AllTraffic' }, { Name: 'EndpointName', Value: 'churn' }], StartTime: new Date(t0 - 120_000), EndTime: new Date(t0 + 120_000), Period: 300, Statistics: ['Sum'] }));
    expect(stats.Datapoints!.reduce((n, d) => n + d.Sum!, 0)).toBe(2);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/lab/endpoint-events' }));
    await eb.send(new PutRuleCommand({ Name: 'in-service', EventPattern: JSON.stringify({ source: ['aws.sagemaker'], detail: { EndpointStatus: ['InService'] } }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'in-service', Targets: [{ Id: 'log', Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/lab/endpoint-events` }] }));
    await sm.send(new DescribeSecretCommand({ SecretId: 'churn' }));
    const events = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/lab/endpoint-events' }))).events!.map((e) => JSON.parse(e.message!));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'aws.sagemaker', 'detail-type': 'SageMaker Endpoint State Change', account: ACCOUNT, region: 'us-east-1', detail: { EndpointName: 'churn', EndpointStatus: 'InService' } });
  });

  it('does nothing when no service consumes, and never fails the producing call', async () => {
    const alone = await start({ services: [producer] });
    await new SecretsManagerClient(clientConfig(alone.url, creds)).send(new ListSecretsCommand({}));
    const logged: string[] = [];
    const broken = defineService({
      id: 'broken',
      title: 'A consumer that fails',
      signingName: 'broken',
      protocol: 'awsJson1_1',
      wire: { apiVersion: '2017-10-17', targetPrefix: 'broken' },
      loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
      handlers: {},
      consumes: {
        metrics: () => {
          throw new Error('consumer exploded');
        },
      },
    });
    const emu = await start({ services: [producer, broken], log: (m) => logged.push(m) });
    const out = await new SecretsManagerClient(clientConfig(emu.url, creds)).send(new ListSecretsCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(logged.some((m) => m.includes('broken failed to consume internal:PutMetricData') && m.includes('consumer exploded'))).toBe(true);
  });

  it('stops a loop of consumers producing into each other', async () => {
    const logged: string[] = [];
    let hops = 0;
    const echo = defineService({
      id: 'echo',
      title: 'An event consumer that republishes',
      signingName: 'echo',
      protocol: 'awsJson1_1',
      wire: { apiVersion: '2017-10-17', targetPrefix: 'echo' },
      loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
      handlers: {},
      consumes: {
        events: (event, ctx) => {
          hops += 1;
          ctx.events.publish({ source: event.source, detailType: event['detail-type'], detail: event.detail });
        },
      },
    });
    const emu = await start({ services: [echo], log: (m) => logged.push(m) });
    emu.events.publish({ source: 'test.loop', detailType: 'Ping', detail: {} });
    expect(hops).toBe(8);
    expect(logged.some((m) => m.includes('dropped internal:PutEvents to echo after 8 hops'))).toBe(true);
  });

  it('persists state a read-only call changed only when it says so with ctx.stateChanged()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsec-seams-'));
    dirs.push(dir);
    const first = await start({ services: [producer], dataDir: dir, persistDebounceMs: 0 });
    await new SecretsManagerClient(clientConfig(first.url, creds)).send(new DescribeSecretCommand({ SecretId: 'churn' }));
    const other = { accessKeyId: '434343434343', secretAccessKey: 'x' };
    await new SecretsManagerClient(clientConfig(first.url, other)).send(new DescribeSecretCommand({ SecretId: 'no-persist' }));
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await start({ services: [producer], dataDir: dir });
    // The first account's transition survived the restart; the second (no stateChanged) was never written.
    expect(existsSync(join(dir, 'accounts', `${ACCOUNT}.json`))).toBe(true);
    expect(existsSync(join(dir, 'accounts', '434343434343.json'))).toBe(false);
    expect((await new SecretsManagerClient(clientConfig(second.url, creds)).send(new DescribeSecretCommand({ SecretId: 'again' }))).Name).toBe('InService');
    expect((await new SecretsManagerClient(clientConfig(second.url, other)).send(new DescribeSecretCommand({ SecretId: 'again' }))).Name).toBe('Creating');
  });
});

describe('request bodies and validation codes', () => {
  it('inflates gzip-compressed RPC bodies and refuses broken ones', async () => {
    const emu = await start({ services: observability });
    const post = (body: Buffer, encoding = 'gzip') =>
      fetch(`${emu.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'content-encoding': encoding, 'x-amz-target': 'Logs_20140328.CreateLogGroup', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260302/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=x' },
        body: new Uint8Array(body),
      });
    expect((await post(gzipSync(JSON.stringify({ logGroupName: '/gzipped' })))).status).toBe(200);
    const broken = await post(Buffer.from('not gzip'));
    expect(broken.status).toBe(400);
    expect((await broken.json()).__type).toBe('SerializationException');
    const brotli = await post(Buffer.from('{}'), 'br');
    expect(brotli.status).toBe(400);
    const logs = new CloudWatchLogsClient(clientConfig(emu.url));
    expect((await logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName)).toEqual(['/gzipped']);
  });

  it("answers a JSON service's missing members with its own validation error code", async () => {
    const emu = await start({ services: observability });
    const error = await awsError(() => new CloudWatchLogsClient(clientConfig(emu.url)).send(new CreateLogGroupCommand({} as never)));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null"]);
    const sm = await start({ services: [producer] });
    const other = await awsError(() => new SecretsManagerClient(clientConfig(sm.url)).send(new GetSecretValueCommand({} as never)));
    expect(other.name).not.toBe('InvalidParameterException');
  });
});
