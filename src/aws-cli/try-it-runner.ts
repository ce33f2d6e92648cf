/**
 * The Try it test's "equivalent SDK path": runs a lesson command (its text or the argv that
 * extractTryItBlocks gives) through the engine, with the same result shape as spawning the AWS CLI
 * (`{ status, stdout, stderr }`), so the test can use either:
 *
 *   const run = haveCli ? runWithAwsCli : (argv) => runTryItLine(argv, { endpoint: emulator.url, files });
 *
 * One file store per lesson keeps `file://` references between its commands.
 */
import { quoteWord } from './command-line/tokenize.ts';
import { runAwsArgv, runAwsCommand, type RunOptions } from './execute/run.ts';

export interface TryItRunOptions extends Omit<RunOptions, 'credentials'> {
  /** Defaults to test/test, what an emulator accepts. */
  credentials?: RunOptions['credentials'];
}

export async function runTryItLine(command: string | readonly string[], options: TryItRunOptions): Promise<{ status: number; stdout: string; stderr: string }> {
  const run: RunOptions = { credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', ...options };
  const result =
    typeof command === 'string'
      ? await runAwsCommand(command, run)
      : command[0] === 'aws'
        ? await runAwsArgv(command.slice(1), run)
        : await runAwsCommand(command.map(quoteWord).join(' '), run);
  return { status: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}
