/**
 * Helpers for the SageMaker tests: an emulator whose clock the test moves (so "InService after the
 * delay" is tested without waiting), clients, and an execution role SageMaker may assume.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { type AwsEvent, defineService, type EmulatorOptions, type MetricDatum, type RunningEmulator, type ServiceDefinition } from '../../../src/emulator/index.ts';
import { clientConfig, emulator } from './support.ts';

/** The simulated duration of SageMaker's transitions in these tests. */
export const DELAY_MS = 60_000;

/** What the stand-in consumers received (CloudWatch and EventBridge are other services' work). */
export interface Received {
  events: AwsEvent[];
  metrics: (MetricDatum & { Namespace: string; Timestamp: Date; accountId: string; region: string })[];
}

/**
 * Stand-ins for EventBridge and CloudWatch that only record what the internal bus delivers to
 * them, so these tests read back SageMaker's events and metrics without depending on those services.
 */
export function recorders(received: Received): ServiceDefinition<any>[] {
  return [
    defineService({
      id: 'events',
      title: 'EventBridge (recording stand-in)',
      signingName: 'events',
      protocol: 'awsJson1_1',
      wire: { apiVersion: '2015-10-07', targetPrefix: 'AWSEvents' },
      loadModel: () => import('@aws-sdk/client-eventbridge') as Promise<Record<string, unknown>>,
      handlers: {},
      consumes: { events: (event) => received.events.push(event) },
    }),
    defineService({
      id: 'cloudwatch',
      title: 'CloudWatch (recording stand-in)',
      signingName: 'monitoring',
      protocol: 'awsJson1_0',
      wire: { apiVersion: '2010-08-01', targetPrefix: 'GraniteServiceVersion20100801', awsQueryCompatible: true },
      loadModel: () => import('@aws-sdk/client-cloudwatch') as Promise<Record<string, unknown>>,
      handlers: {},
      consumes: { metrics: (batch, ctx) => received.metrics.push(...batch.data.map((d) => ({ ...d, Namespace: batch.namespace, accountId: ctx.accountId, region: ctx.region }))) },
    }),
  ];
}

export interface SageMakerHarness {
  emu: RunningEmulator;
  received: Received;
  sm: SageMakerClient;
  runtime: SageMakerRuntimeClient;
  iam: IAMClient;
  /** Moves the emulator's clock forward. */
  advance(ms?: number): void;
  now(): Date;
  stop(): Promise<void>;
}

export async function sageMakerHarness(options: EmulatorOptions = {}, credentials = { accessKeyId: '123456789012', secretAccessKey: 'x' }): Promise<SageMakerHarness> {
  let clock = Date.parse('2026-05-01T08:00:00.000Z');
  const received: Received = { events: [], metrics: [] };
  const emu = await emulator({ now: () => clock, serviceSettings: { sagemaker: { transitionDelayMs: DELAY_MS } }, extraServices: recorders(received), ...options });
  const config = clientConfig(emu.url, credentials);
  return {
    emu,
    received,
    sm: new SageMakerClient(config),
    runtime: new SageMakerRuntimeClient(config),
    iam: new IAMClient(config),
    advance: (ms = DELAY_MS) => {
      clock += ms;
    },
    now: () => new Date(clock),
    stop: () => emu.stop(),
  };
}

export const SAGEMAKER_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Creates a role SageMaker may assume and returns its ARN. */
export async function executionRole(iam: IAMClient, name = 'SageMakerExecution', trust = SAGEMAKER_TRUST): Promise<string> {
  const out = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  return out.Role!.Arn!;
}
