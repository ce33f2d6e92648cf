/**
 * Runs the AWS CLI (v1 or v2, whichever `aws` is on the PATH) against an emulator, isolated from
 * the user's own configuration: no config or credentials files, no pager, no instance metadata,
 * credentials and region from the environment only. Suites that use it skip visibly when `aws`
 * is not installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findAws(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const AWS_CLI = findAws();
export const hasAwsCli = AWS_CLI !== undefined;
if (!AWS_CLI) console.warn('AWS CLI tests skipped: `aws` is not installed (install the AWS CLI to run them).');

const home = mkdtempSync(join(tmpdir(), 'mlsec-aws-cli-'));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (undefined when empty). */
  json: any;
}

export interface CliOptions {
  accessKeyId?: string;
  /** Same as accessKeyId: a 12-digit key is the account id. */
  account?: string;
  region?: string;
  /** Extra environment, e.g. AWS_DATA_PATH for a model override. */
  env?: Record<string, string>;
}

export function awsCli(url: string, args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? options.account ?? 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_DEFAULT_OUTPUT: 'json',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    PYTHONWARNINGS: 'ignore',
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(AWS_CLI!, ['--endpoint-url', url, ...args], { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
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
