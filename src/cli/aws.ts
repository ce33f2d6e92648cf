/**
 * `npm run aws -- <service> <operation> [options]`: the AWS CLI's syntax without the AWS CLI, run
 * through the project's engine (src/aws-cli) and the AWS SDK — a drop-in on machines without the
 * real `aws`. Where requests go:
 *   AWS_ENDPOINT_URL (or MLSEC_ENDPOINT) when set — any AWS-compatible endpoint;
 *   else the mlsec-sim emulator already running on 127.0.0.1:4566 (`npm start`, `npm run emulator`);
 *   else the embedded emulator, started for this one command with its state in MLSEC_DATA_DIR
 *   (`.mlsec/` by default), so that state carries over from one command to the next.
 * Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (default test/test for
 * an emulator). Region: --region, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. file:// paths are
 * read relative to the directory you ran npm from.
 */
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
const { runAwsArgv, createDiskFileStore, endpointClientFactory, loadServiceModel, CliConfigurationError } = await import('../aws-cli/index.ts');

const env = process.env;
const argv = process.argv.slice(2);
const cwd = env.INIT_CWD ?? process.cwd();

async function ourEmulatorAt(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_localstack/health`, { signal: AbortSignal.timeout(500) });
    const body = (await response.json()) as { edition?: string };
    return response.ok && body.edition === 'mlsec-sim';
  } catch {
    return false;
  }
}

const credentials = {
  accessKeyId: env.AWS_ACCESS_KEY_ID || 'test',
  secretAccessKey: env.AWS_SECRET_ACCESS_KEY || 'test',
  ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
};
let stop: (() => Promise<void>) | undefined;
let clients: ReturnType<typeof endpointClientFactory> | undefined;

/** Finds (or starts) an AWS only when the command calls one: help and usage errors need none. */
async function clientsForTarget(): Promise<ReturnType<typeof endpointClientFactory>> {
  if (clients) return clients;
  let endpoint = env.AWS_ENDPOINT_URL || env.MLSEC_ENDPOINT;
  if (!endpoint) {
    const running = `http://127.0.0.1:${env.MLSEC_EMULATOR_PORT || 4566}`;
    // Imported by path: the CLI runs (against AWS_ENDPOINT_URL) on checkouts without the emulator too.
    const emulatorEntry = new URL('../emulator/index.ts', import.meta.url);
    if (await ourEmulatorAt(running)) endpoint = running;
    else if (!existsSync(emulatorEntry)) {
      throw new CliConfigurationError('no AWS to talk to: set AWS_ENDPOINT_URL (e.g. a moto_server or LocalStack), or start the emulator with npm start');
    } else {
      const { startEmulator, optionsFromEnv } = (await import(emulatorEntry.href)) as {
        startEmulator(options: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void> }>;
        optionsFromEnv(env: NodeJS.ProcessEnv, cwd: string): Record<string, unknown>;
      };
      const emulator = await startEmulator({ ...optionsFromEnv(env, cwd), port: 0, host: '127.0.0.1' });
      endpoint = emulator.url;
      stop = () => emulator.stop();
    }
  }
  clients = endpointClientFactory({ endpoint, credentials }, loadServiceModel);
  return clients;
}

const result = await runAwsArgv(argv, {
  clientFactory: async (service, options) => (await clientsForTarget())(service, options),
  region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
  files: createDiskFileStore(cwd),
  terminalWidth: process.stdout.isTTY ? process.stdout.columns : 80,
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
clients?.destroy();
await stop?.();
process.exitCode = result.exitCode;
