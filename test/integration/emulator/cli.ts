/**
 * Running the AWS CLI against a test emulator, isolated from the machine's AWS configuration:
 * credentials and region come from the environment only, config and credential files point at
 * nothing, no pager. Tests that use it must skip with a visible message when `aws` is absent.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether the AWS CLI is installed (checked once). */
export const AWS_CLI_AVAILABLE: boolean = (() => {
  try {
    return spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  } catch {
    return false;
  }
})();

export const AWS_CLI_MISSING_MESSAGE = 'skipped: the AWS CLI (`aws`) is not installed on this machine; install it to run the CLI-level tests';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (undefined when empty). */
  readonly json: any;
}

const home = mkdtempSync(join(tmpdir(), 'mlsec-aws-cli-'));

/** `aws --endpoint-url <url> <args…> --output json`, never throwing on a non-zero exit. */
export function awsCli(url: string, args: readonly string[], options: { accessKeyId?: string; region?: string } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_PAGER: '',
    AWS_RETRY_MODE: 'standard',
    AWS_MAX_ATTEMPTS: '1',
  };
  return new Promise((resolve) => {
    execFile('aws', ['--endpoint-url', url, ...args, '--output', 'json'], { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      let json: unknown;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}
