/**
 * The one way tests run the real AWS CLI (v1 or v2, whichever `aws` is on the PATH) against an
 * endpoint: isolated from the machine's AWS configuration (a throw-away HOME with empty config and
 * credentials files, keys and region from the environment only, no pager, no instance metadata),
 * asynchronously — an emulator started in the test process must keep serving while the CLI waits
 * for it — and never throwing on a non-zero exit. Suites that use it skip with a visible message
 * when `aws` is not installed (`AWS_CLI_AVAILABLE`, `awsCliSkipMessage`).
 *
 * `new AwsCli(endpoint, { persistent: true })` runs the commands of one session in one long-lived
 * Python process (awscli's own driver, a fresh driver per command), which saves the interpreter
 * start-up of AWS CLI v1 — about a second per command on a busy machine. Output, exit codes and
 * error messages are those of `aws`; where the driver cannot be imported (AWS CLI v2, a CLI
 * installed without its Python package on the path) it falls back to one process per command.
 */
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findAws(): string | undefined {
  try {
    const path = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim();
    return path && spawnSync(path, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0 ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The `aws` executable, when one is installed and answers `aws --version`. */
export const AWS_CLI: string | undefined = findAws();
export const AWS_CLI_AVAILABLE = AWS_CLI !== undefined;

/** The message a suite shows when it skips for want of the CLI. */
export function awsCliSkipMessage(suite: string): string {
  return `${suite} — SKIPPED: the AWS CLI (\`aws\`) is not installed on this machine; install it to run the CLI-level tests (the SDK contract tests cover the same operations).`;
}

export interface CliResult {
  /** The exit status (0 on success). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (undefined when empty or not JSON). */
  readonly json: any;
}

export interface AwsCliOptions {
  /** Access key id (a 12-digit key is the emulator account); default `test`. */
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  /** Extra environment for every command, e.g. AWS_DATA_PATH for a model override. */
  env?: Record<string, string>;
  /** Add `--output json` to every command (default true); commands that give --output win. */
  jsonOutput?: boolean;
  /** Pass the endpoint as `--endpoint-url` (default) or only as AWS_ENDPOINT_URL, as a learner's shell would. */
  endpointFlag?: boolean;
  /** Run the session's commands in one long-lived Python process (see above). */
  persistent?: boolean;
}

export interface RunOverrides {
  accessKeyId?: string;
  region?: string;
  env?: Record<string, string>;
  cwd?: string;
}

function parseJson(stdout: string): unknown {
  try {
    return stdout.trim() ? JSON.parse(stdout) : undefined;
  } catch {
    return undefined;
  }
}

export class AwsCli {
  /** The session's scratch directory (HOME and working directory): files for file:// and fileb://, outfiles. */
  readonly dir: string;
  private readonly endpoint: string;
  private readonly options: AwsCliOptions;
  private readonly baseEnv: Record<string, string>;
  private worker: CliWorker | undefined | null;

  constructor(endpoint: string, options: AwsCliOptions = {}) {
    this.endpoint = endpoint;
    this.options = options;
    this.dir = mkdtempSync(join(tmpdir(), 'mlsec-aws-cli-'));
    writeFileSync(join(this.dir, 'config'), '[default]\n');
    writeFileSync(join(this.dir, 'credentials'), '[default]\n');
    this.baseEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.dir,
      AWS_CONFIG_FILE: join(this.dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(this.dir, 'credentials'),
      AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'test',
      AWS_SECRET_ACCESS_KEY: options.secretAccessKey ?? 'test',
      AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      PYTHONWARNINGS: 'ignore',
      // Not AWS_MAX_ATTEMPTS: with it the CLI adds "(reached max retries: 0)" to every error message.
      ...options.env,
    };
    this.worker = options.persistent ? undefined : null;
  }

  /** Writes a file into the scratch directory and returns its path. */
  file(name: string, content: string | Buffer): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  /** `aws <args…>` (without the leading `aws`), never throwing on a non-zero exit. */
  run(args: readonly string[], overrides: RunOverrides = {}): Promise<CliResult> {
    const argv = [
      ...(this.options.endpointFlag === false ? [] : ['--endpoint-url', this.endpoint]),
      ...(this.options.jsonOutput === false || args.includes('--output') ? [] : ['--output', 'json']),
      ...args,
    ];
    const env = {
      ...this.baseEnv,
      ...(overrides.accessKeyId ? { AWS_ACCESS_KEY_ID: overrides.accessKeyId } : {}),
      ...(overrides.region ? { AWS_DEFAULT_REGION: overrides.region } : {}),
      ...overrides.env,
    };
    const cwd = overrides.cwd ?? this.dir;
    if (this.worker === undefined) this.worker = CliWorker.start(env) ?? null;
    return this.worker ? this.worker.run(argv, env, cwd) : runProcess(argv, env, cwd);
  }

  /** Runs a command that must succeed and returns its JSON output (undefined for empty output). */
  async json<T = any>(args: readonly string[], overrides?: RunOverrides): Promise<T> {
    const result = await this.run(args, overrides);
    if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.json as T;
  }

  /** Runs a command that must succeed with `--output text` and returns its trimmed output. */
  async text(args: readonly string[], overrides?: RunOverrides): Promise<string> {
    const result = await this.run([...args, '--output', 'text'], overrides);
    if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result.stdout.trim();
  }

  dispose(): void {
    this.worker?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function runProcess(argv: readonly string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(AWS_CLI ?? 'aws', argv, { env, cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr, json: parseJson(stdout) });
    });
  });
}

/**
 * The Python that runs `aws` (from the script's `#!` line; `python3` otherwise), if it can import
 * awscli's driver. Checked once.
 */
const CLI_PYTHON: string | undefined = (() => {
  if (!AWS_CLI) return undefined;
  const candidates: string[] = [];
  try {
    const real = execFileSync('sh', ['-c', `command -v pyenv >/dev/null 2>&1 && pyenv which aws 2>/dev/null || readlink -f "${AWS_CLI}"`], { encoding: 'utf8' }).trim();
    const shebang = /^#!\s*(\S*python\S*)/.exec(readFileSync(real, 'utf8').split('\n', 1)[0] ?? '');
    if (shebang) candidates.push(shebang[1]!);
  } catch {
    // Not a script we can read: try python3.
  }
  candidates.push('python3');
  return candidates.find((python) => spawnSync(python, ['-c', 'import awscli.clidriver'], { stdio: 'ignore', timeout: 30_000 }).status === 0);
})();

/**
 * Reads one JSON request a line ({argv, env, cwd}), runs it with a fresh awscli driver, and writes
 * one JSON line back ({code, stdout, stderr}). The driver writes through sys.stdout/sys.stderr,
 * which are swapped for buffers (with a binary `.buffer`, as `aws s3 cp … -` needs) per command.
 */
const WORKER = String.raw`
import io, json, os, sys
real_stdout = sys.stdout
from awscli.clidriver import create_clidriver
for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear(); os.environ.update(request['env']); os.chdir(request['cwd'])
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout = io.TextIOWrapper(out, encoding='utf-8', write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding='utf-8', write_through=True)
    try:
        code = create_clidriver().main(request['argv'])
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 255)
    except BaseException as error:
        sys.stderr.write(repr(error)); code = 255
    finally:
        sys.stdout.flush(); sys.stderr.flush()
        sys.stdout, sys.stderr = real_stdout, sys.__stderr__
    real_stdout.write(json.dumps({'code': code or 0, 'stdout': out.getvalue().decode('utf-8', 'replace'), 'stderr': err.getvalue().decode('utf-8', 'replace')}) + '\n')
    real_stdout.flush()
`;

class CliWorker {
  private readonly child: ChildProcess;
  private buffer = '';
  private readonly waiting: ((result: CliResult) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(python: string, env: Record<string, string>) {
    this.child = spawn(python, ['-c', WORKER], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        const { code, stdout, stderr } = JSON.parse(line) as { code: number; stdout: string; stderr: string };
        this.waiting.shift()?.({ code, stdout, stderr, json: parseJson(stdout) });
      }
    });
    this.child.on('exit', () => {
      for (const done of this.waiting.splice(0)) done({ code: 255, stdout: '', stderr: 'the AWS CLI worker process exited', json: undefined });
    });
  }

  static start(env: Record<string, string>): CliWorker | undefined {
    return CLI_PYTHON ? new CliWorker(CLI_PYTHON, env) : undefined;
  }

  /** Commands of one session run one after the other, as a learner types them. */
  run(argv: readonly string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
    const result = this.queue.then(() => new Promise<CliResult>((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin!.write(`${JSON.stringify({ argv, env, cwd })}\n`);
    }));
    this.queue = result;
    return result;
  }

  stop(): void {
    this.child.stdin!.end();
    this.child.kill();
  }
}
