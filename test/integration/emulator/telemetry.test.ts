/**
 * The internal bus (core/metrics.ts, core/events.ts, pipeline/internal-bus.ts): a service records
 * metric data and publishes events through `ctx.metrics` / `ctx.events`; the consuming services
 * (here test providers on CloudWatch's and EventBridge's real schemas) store them in their own
 * per-account, per-region state. Also `ctx.settings` and `ctx.stateChanged()` (a read that must be
 * persisted).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { DescribeSecretCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsEvent, defineService, type MetricDatum, type RequestContext, type RunningEmulator } from '../../../src/emulator/index.ts';

type StoredMetric = MetricDatum & { Namespace: string; accountId: string; region: string };
import { clientConfig, emulator } from './support.ts';

interface Store { reads: number }

/** A publisher: ListSecrets publishes one metric and one event; DescribeSecret counts reads and asks to be persisted. */
const publisher = defineService<Store>({
  id: 'secretsmanager',
  title: 'publisher (test provider)',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-10-17', targetPrefix: 'secretsmanager' },
  loadModel: () => import('@aws-sdk/client-secrets-manager') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ reads: 0 }) },
  handlers: {
    ListSecrets(_input: unknown, ctx: RequestContext<Store>) {
      ctx.metrics.put('AWS/Test', [{ MetricName: 'Calls', Dimensions: [{ Name: 'Who', Value: 'me' }], Value: 1, Unit: 'Count' }]);
      ctx.events.publish({ source: 'aws.test', detailType: 'Test State Change', detail: { Status: String(ctx.settings.status ?? 'none') }, resources: ['arn:aws:test:::thing'] });
      return { SecretList: [] };
    },
    DescribeSecret(_input: unknown, ctx: RequestContext<Store>) {
      ctx.state().reads++;
      ctx.stateChanged();
      return { Name: 'x', ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:x' };
    },
  },
});

/** A metrics consumer on CloudWatch's schema: stores what it receives, ListMetrics reads it back. */
const metricsConsumer = defineService<{ metrics: StoredMetric[] }>({
  id: 'cloudwatch',
  title: 'metrics consumer (test provider)',
  signingName: 'monitoring',
  protocol: 'awsJson1_0',
  wire: { apiVersion: '2010-08-01', targetPrefix: 'GraniteServiceVersion20100801', awsQueryCompatible: true },
  loadModel: () => import('@aws-sdk/client-cloudwatch') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ metrics: [] }) },
  handlers: {
    ListMetrics(_input: unknown, ctx: RequestContext<{ metrics: StoredMetric[] }>) {
      return { Metrics: ctx.state().metrics.map((m) => ({ Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions })) };
    },
  },
  consumes: { metrics: (batch, ctx) => ctx.state().metrics.push(...batch.data.map((d) => ({ ...d, Namespace: batch.namespace, accountId: ctx.accountId, region: ctx.region }))) },
});

/** An events consumer on EventBridge's schema: ListRules shows what it received (names = detail-types). */
const eventsConsumer = defineService<{ events: AwsEvent[] }>({
  id: 'events',
  title: 'events consumer (test provider)',
  signingName: 'events',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2015-10-07', targetPrefix: 'AWSEvents' },
  loadModel: () => import('@aws-sdk/client-eventbridge') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ events: [] }) },
  handlers: {
    ListRules(_input: unknown, ctx: RequestContext<{ events: AwsEvent[] }>) {
      return { Rules: ctx.state().events.map((e) => ({ Name: e['detail-type'].replace(/ /g, '-'), EventPattern: JSON.stringify(e) })) };
    },
  },
  consumes: { events: (event, ctx) => ctx.state().events.push(event) },
});

describe('internal bus: metrics and events between services', () => {
  let emu: RunningEmulator;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mlsec-telemetry-'));
    emu = await emulator({
      services: [publisher, metricsConsumer, eventsConsumer],
      serviceSettings: { secretsmanager: { status: 'Ready' } },
      dataDir,
      persistDebounceMs: 0,
      now: () => Date.parse('2026-03-04T05:06:07.890Z'),
    });
  });
  afterAll(async () => {
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers recorded metrics to the consuming service, in the caller\'s account and region', async () => {
    const sm = new SecretsManagerClient(clientConfig(emu.url, { accessKeyId: '111111111111', secretAccessKey: 'x' }, 'eu-west-1'));
    await sm.send(new ListSecretsCommand({}));
    const here = new CloudWatchClient(clientConfig(emu.url, { accessKeyId: '111111111111', secretAccessKey: 'x' }, 'eu-west-1'));
    expect((await here.send(new ListMetricsCommand({}))).Metrics).toEqual([{ Namespace: 'AWS/Test', MetricName: 'Calls', Dimensions: [{ Name: 'Who', Value: 'me' }] }]);
    const elsewhere = new CloudWatchClient(clientConfig(emu.url, { accessKeyId: '111111111111', secretAccessKey: 'x' }, 'us-east-1'));
    expect((await elsewhere.send(new ListMetricsCommand({}))).Metrics).toEqual([]);
  });

  it('delivers events in EventBridge\'s envelope, with the service\'s settings visible to the publisher', async () => {
    const sm = new SecretsManagerClient(clientConfig(emu.url, { accessKeyId: '222222222222', secretAccessKey: 'x' }));
    await sm.send(new ListSecretsCommand({}));
    const eb = new EventBridgeClient(clientConfig(emu.url, { accessKeyId: '222222222222', secretAccessKey: 'x' }));
    const rules = (await eb.send(new ListRulesCommand({}))).Rules ?? [];
    expect(rules.map((r) => r.Name)).toEqual(['Test-State-Change']);
    const event = JSON.parse(rules[0]!.EventPattern!) as AwsEvent;
    expect(event).toMatchObject({ version: '0', 'detail-type': 'Test State Change', source: 'aws.test', account: '222222222222', region: 'us-east-1', time: '2026-03-04T05:06:07Z', resources: ['arn:aws:test:::thing'], detail: { Status: 'Ready' } });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('persists a read that called stateChanged()', async () => {
    const sm = new SecretsManagerClient(clientConfig(emu.url, { accessKeyId: '333333333333', secretAccessKey: 'x' }));
    await sm.send(new DescribeSecretCommand({ SecretId: 'x' }));
    await emu.flush();
    const file = JSON.parse(readFileSync(join(dataDir, 'accounts', '333333333333.json'), 'utf8'));
    expect(JSON.stringify(file)).toContain('"reads":1');
  });
});
