/**
 * The body of `npm run emulator [-- options]` (src/emulator/cli.ts): the embedded AWS emulator on its own (for AWS CLI users,
 * workshops, other tools). Options override the environment (see docs/emulator.md):
 *   --port <n>            (MLSEC_EMULATOR_PORT, default 4566; 0 picks a free port)
 *   --host <address>      (MLSEC_EMULATOR_HOST, default 127.0.0.1)
 *   --data-dir <dir>      state directory (default <MLSEC_DATA_DIR or .mlsec>/emulator)
 *   --in-memory           keep nothing on disk
 *   --verify-signatures   strict SigV4 mode (MLSEC_EMULATOR_VERIFY_SIGNATURES=1)
 *   --enforce-iam         IAM enforcement (MLSEC_EMULATOR_ENFORCE_IAM=1, or LocalStack's ENFORCE_IAM=1)
 *   --no-https            plain HTTP only (MLSEC_EMULATOR_HTTPS=0)
 *   --print-ca            print the emulator's CA certificate (made on first use) and how to trust it, then exit
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { loadOrCreateTls, optionsFromEnv, startEmulator, type EmulatorOptions } from './index.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run emulator -- [--port <n>] [--host <address>] [--data-dir <dir> | --in-memory] [--verify-signatures] [--enforce-iam] [--no-https] [--print-ca]\n`);
  process.exit(2);
}

export async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean' },
        'verify-signatures': { type: 'boolean' },
        'enforce-iam': { type: 'boolean' },
        'no-https': { type: 'boolean' },
        'print-ca': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    usage((error as Error).message);
  }
  if (args.help) usage('Starts the embedded AWS emulator.');
  let options: EmulatorOptions;
  try {
    options = optionsFromEnv(process.env);
  } catch (error) {
    usage((error as Error).message);
  }
  if (args.port !== undefined) {
    const port = Number(args.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port ${args.port} is not a port number (0–65535).`);
    options.port = port;
  }
  if (args.host) options.host = args.host;
  if (args['data-dir']) options.dataDir = args['data-dir'];
  if (args['in-memory']) options.dataDir = undefined;
  if (args['verify-signatures']) options.verifySignatures = true;
  if (args['enforce-iam']) options.enforceIam = true;
  if (args['no-https']) options.https = false;
  if (args['print-ca']) {
    printCa(options);
    return;
  }

  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    process.stderr.write(`mlsec-sim emulator: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const https = emulator.httpsUrl
    ? `${emulator.httpsUrl} (same port; trust the CA ${emulator.caCertificatePath ?? 'printed by --print-ca'}: AWS_CA_BUNDLE for the AWS CLI, NODE_EXTRA_CA_CERTS for Node)`
    : 'off (MLSEC_EMULATOR_HTTPS=0)';
  const keys = options.verifySignatures
    ? 'signatures are verified: get root keys with  curl -X POST ' + `${emulator.url}/_mlsec/accounts`
    : 'any keys work; a 12-digit access key id is the account id (e.g. AWS_ACCESS_KEY_ID=test → account 000000000000)';
  process.stdout.write(
    [
      `mlsec-sim emulator listening on ${emulator.url}`,
      `  HTTPS:     ${https}`,
      `  IAM:       ${options.enforceIam ? 'policies are enforced; see why a call was allowed or denied at ' + emulator.url + '/_mlsec/explain?format=text' : 'not enforced (MLSEC_EMULATOR_ENFORCE_IAM=1 to enforce)'}`,
      `  data:      ${emulator.dataDir ?? 'in memory only (nothing is kept after exit)'}`,
      `  health:    ${emulator.url}/_localstack/health`,
      `  AWS CLI:   AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${emulator.url} --region us-east-1 sts get-caller-identity`,
      `  SDK:       new STSClient({ endpoint: '${emulator.url}', region: 'us-east-1' })`,
      `  keys:      ${keys}`,
      `  reset:     curl -X POST ${emulator.url}/_mlsec/reset`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nmlsec-sim emulator: ${signal}, writing state and stopping…\n`);
    await emulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}


/** `--print-ca`: the CA certificate (made now if it does not exist yet) and how to trust it. */
function printCa(options: EmulatorOptions): void {
  if (!options.dataDir) usage('--print-ca needs a data directory (the certificate is kept there); drop --in-memory.');
  const tls = loadOrCreateTls(join(options.dataDir, 'tls'), { names: options.tlsNames, log: (m) => process.stderr.write(`${m}\n`) });
  const port = options.port ?? 4566;
  process.stdout.write(
    [
      tls.caPem.trimEnd(),
      '',
      `The emulator's certificate authority is stored in ${tls.caPath}. The emulator serves HTTPS on its usual port (https://localhost:${port}).`,
      'Trust it per tool:',
      `  AWS CLI / boto3:  export AWS_CA_BUNDLE=${tls.caPath}`,
      `  Node.js SDKs:     export NODE_EXTRA_CA_CERTS=${tls.caPath}   (or pass new https.Agent({ ca }) to the client's requestHandler)`,
      `  curl:             curl --cacert ${tls.caPath} https://localhost:${port}/_localstack/health`,
      '  Delete the tls directory to make a new authority (then trust the new one).',
      '',
    ].join('\n'),
  );
}
