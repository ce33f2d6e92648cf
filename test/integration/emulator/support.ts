/**
 * Test helpers: an emulator on an ephemeral port and SDK v3 clients pointed at it. Every test
 * talks to the emulator over real HTTP with the real clients.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/emulator/index.ts';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, warmUp: false, log: () => {}, ...options });
}

/** Common client config: endpoint, region, credentials, no retries (errors surface at once). */
export function clientConfig(url: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = TEST_CREDENTIALS, region = 'us-east-1') {
  return { endpoint: url, region, credentials, maxAttempts: 1 };
}

/** Runs `fn` and returns the AWS error it throws (fails the test if it does not throw). */
export async function awsError(fn: () => Promise<unknown>): Promise<Error & { name: string; $metadata: { httpStatusCode?: number }; $fault?: string; [k: string]: unknown }> {
  try {
    await fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
