/**
 * Runs the real AWS CLI against an emulator, isolated from the machine's AWS configuration: a
 * throw-away HOME, config and credentials files, explicit keys and region, no pager. Asynchronous,
 * because the emulator under test serves from this same process.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `aws` is on the PATH; suites that need it skip (with a visible title) when it is not. */
export const AWS_CLI_AVAILABLE = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
export const AWS_CLI_SKIP_NOTE = AWS_CLI_AVAILABLE ? '' : ' — SKIPPED: the AWS CLI (`aws`) is not installed on this machine';
if (!AWS_CLI_AVAILABLE) console.warn(`AWS CLI suites skipped: the \`aws\` command is not installed (install awscli to run them).`);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class AwsCli {
  readonly home: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly endpoint: string;

  constructor(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1') {
    this.endpoint = endpoint;
    this.home = mkdtempSync(join(tmpdir(), 'mlsec-aws-cli-'));
    const config = join(this.home, 'config');
    const shared = join(this.home, 'credentials');
    writeFileSync(config, '[default]\n');
    writeFileSync(shared, '[default]\n');
    this.env = {
      PATH: process.env.PATH,
      HOME: this.home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: shared,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: region,
      AWS_PAGER: '',
      // Not AWS_MAX_ATTEMPTS: with it the CLI adds "(reached max retries: 0)" to every error message.
    };
  }

  /** A file in the CLI's scratch directory, for file:// and fileb:// arguments. */
  file(name: string, content: string | Buffer): string {
    const path = join(this.home, name);
    writeFileSync(path, content);
    return path;
  }

  run(args: readonly string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile('aws', ['--endpoint-url', this.endpoint, '--output', 'json', ...args], { env: this.env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Runs a command that must succeed and returns its JSON output (or undefined for empty output). */
  async json<T = any>(args: readonly string[]): Promise<T> {
    const result = await this.run(args);
    if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return (result.stdout.trim() ? JSON.parse(result.stdout) : undefined) as T;
  }

  /** Runs a command with `--output text` and returns trimmed stdout. */
  async text(args: readonly string[]): Promise<string> {
    const result = await this.run([...args, '--output', 'text']);
    if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout.trim();
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}
