/**
 * Helpers for the SageMaker tests: an emulator whose clock the test moves (so "InService after the
 * delay" is tested without waiting), clients, and an execution role SageMaker may assume.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/index.ts';
import { clientConfig, emulator } from './support.ts';

/** The simulated duration of SageMaker's transitions in these tests. */
export const DELAY_MS = 60_000;

export interface SageMakerHarness {
  emu: RunningEmulator;
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
  const emu = await emulator({ now: () => clock, serviceSettings: { sagemaker: { transitionDelayMs: DELAY_MS } }, ...options });
  const config = clientConfig(emu.url, credentials);
  return {
    emu,
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
