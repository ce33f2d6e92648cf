/**
 * Runs the real AWS CLI against an emulator, isolated from the machine's AWS configuration: a
 * throw-away HOME and config files, credentials from the environment, no pager. The CLI is optional
 * (a user's machine may not have it): `hasAwsCli` tells suites whether to run or skip with a message.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, when it is JSON. */
  json: any;
}

const home = mkdtempSync(join(tmpdir(), 'mlsec-aws-cli-'));

/** `aws <args> --endpoint-url <url> --output json` as the given account (a 12-digit key is the account id). */
export function awsCli(url: string, args: readonly string[], options: { account?: string; region?: string } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: options.account ?? 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_PAGER: '',
    PYTHONWARNINGS: 'ignore',
  };
  // Async on purpose: the emulator answering the CLI runs in this same process.
  return new Promise((resolve) => {
    execFile('aws', [...args, '--endpoint-url', url, '--output', 'json'], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
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
