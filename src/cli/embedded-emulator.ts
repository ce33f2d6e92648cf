/**
 * The embedded AWS emulator as `npm start` runs it: in this process, on 127.0.0.1:4566 (or
 * MLSEC_EMULATOR_PORT), with state under MLSEC_DATA_DIR — unless MLSEC_TARGET points the labs at
 * another AWS, or our emulator is already running there (`npm run emulator` in another terminal),
 * or MLSEC_EMBEDDED=attach with MLSEC_ENDPOINT names a shared one (several app instances).
 */
import { optionsFromEnv, startEmulator, DEFAULT_PORT } from '../emulator/index.ts';

export interface EmbeddedEmulator {
  readonly url: string;
  stop(): Promise<void>;
}

async function ourEmulatorAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_localstack/health`, { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { edition?: string };
    return response.ok && body.edition === 'mlsec-sim';
  } catch {
    return false;
  }
}

/** Starts (or finds) the emulator; undefined when the labs use another target. Exits on a port clash. */
export async function startEmbeddedEmulator(env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedEmulator | undefined> {
  const target = (env.MLSEC_TARGET ?? '').trim();
  if (target && target !== 'embedded') {
    console.log(`mlsec-sim: MLSEC_TARGET=${target}, so the embedded emulator is not started.`);
    return undefined;
  }
  if ((env.MLSEC_EMBEDDED ?? '').trim() === 'attach' && env.MLSEC_ENDPOINT) {
    // Several app instances share one emulator elsewhere (docs/deployment.md): never start another.
    console.log(`mlsec-sim: MLSEC_EMBEDDED=attach, so the embedded emulator is not started; labs use the one at ${env.MLSEC_ENDPOINT}.`);
    return undefined;
  }
  const options = optionsFromEnv(env);
  const port = options.port ?? DEFAULT_PORT;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  try {
    const emulator = await startEmulator(options);
    console.log(`mlsec-sim: embedded AWS emulator at ${emulator.url} (state in ${emulator.dataDir ?? 'memory'})`);
    return emulator;
  } catch (error) {
    if (!/already in use/.test((error as Error).message)) throw error;
    if (await ourEmulatorAnswers(url)) {
      console.log(`mlsec-sim: using the embedded AWS emulator already running at ${url}.`);
      return undefined;
    }
    console.error(
      [
        `mlsec-sim: port ${port} is already in use by something that is not the mlsec-sim emulator (LocalStack?).`,
        '  - stop it, or',
        `  - run the emulator on another port: MLSEC_EMULATOR_PORT=4567 MLSEC_ENDPOINT=http://127.0.0.1:4567 npm start, or`,
        '  - use what is running there: MLSEC_TARGET=localstack npm start (or MLSEC_TARGET=endpoint MLSEC_ENDPOINT=…).',
      ].join('\n'),
    );
    process.exit(1);
  }
}
