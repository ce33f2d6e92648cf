/**
 * Runs the AWS CLI (v1 on this project's machines) against an emulator, isolated from the user's
 * own configuration: no config or credentials files, keys and region from the environment, no
 * pager, no instance metadata lookups. Suites skip with a visible message when `aws` is absent.
 * Commands run asynchronously: an emulator started in the test process must keep serving while
 * the CLI waits for it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether an `aws` executable answers `aws --version` (checked once). */
export const awsCliAvailable: boolean = (() => {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return probe.status === 0;
})();

export function skipMessage(suite: string): string {
  return `${suite}: the AWS CLI is not installed here ("aws --version" failed) — skipping the CLI-level tests; the SDK contract tests cover the same operations.`;
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (undefined when empty or not JSON). */
  readonly json: any;
}

export interface AwsCli {
  run(args: readonly string[], options?: { cwd?: string }): Promise<CliResult>;
  /** A scratch directory for files commands write (invoke-endpoint's outfile). */
  readonly dir: string;
  dispose(): void;
}

export function awsCli(endpoint: string, credentials = { accessKeyId: '123456789012', secretAccessKey: 'x' }, region = 'us-east-1'): AwsCli {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return {
    dir,
    run(args, options = {}) {
      return new Promise((done) => {
        execFile('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, cwd: options.cwd ?? dir, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
          let json: unknown;
          try {
            json = stdout.trim() ? JSON.parse(stdout) : undefined;
          } catch {
            json = undefined;
          }
          const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          done({ status, stdout, stderr, json });
        });
      });
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
