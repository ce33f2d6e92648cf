/**
 * The embedded AWS emulator, the default target. This file (and only this one, among the product's
 * engines) may load `src/emulator`: the emulator stays a standalone AWS that labs reach over HTTP
 * like any other endpoint.
 *
 * Modes (MLSEC_EMBEDDED): `auto` attaches to an emulator that already answers at MLSEC_ENDPOINT
 * (default http://127.0.0.1:4566, started by `npm start` or `npm run emulator`) and otherwise starts
 * one inside this process; `attach` only attaches; `in-process` always starts a private one on an
 * ephemeral port (tests, benchmarks, `lab selftest`).
 */
import { TargetConfigError, type Target } from '../target.ts';
import type { TargetSettings } from '../target-settings.ts';
import { endpointTarget } from './endpoint.ts';

export interface EmbeddedOptions {
  /** Port for an in-process emulator; 0 (default) picks a free one. */
  port?: number;
  /**
   * Start the in-process emulator with IAM and SCP enforcement on (labs that declare
   * `requires: ['scp-enforcement']` get their own such emulator in `lab selftest`). Ignored when
   * attaching to a running emulator: its own setting (MLSEC_EMULATOR_ENFORCE_IAM) decides.
   */
  enforceIam?: boolean;
}

interface RunningEmulator {
  url: string;
  stop(): Promise<void>;
}

export async function embeddedTarget(settings: TargetSettings, options: EmbeddedOptions = {}): Promise<Target> {
  const attachUrl = settings.endpoint!;
  if (settings.embeddedMode !== 'in-process') {
    // A busy machine can take longer than the first probe allows; something listening that has not
    // answered yet gets a patient second probe, so `auto` never starts a second emulator on the
    // same data directory next to a slow one.
    let health = await probeHealth(attachUrl, 500);
    if (health === 'no-answer') health = await probeHealth(attachUrl, 10_000);
    if (health === 'answers') {
      return { ...endpointTarget({ ...settings, endpoint: attachUrl }, { kind: 'embedded', label: `embedded emulator at ${attachUrl}` }), capabilityProbe: 'health' };
    }
    if (health === 'no-answer') {
      throw new TargetConfigError(
        `Something listens at ${attachUrl} but does not answer as an emulator (GET /_localstack/health). If it is \`npm start\` or \`npm run emulator\` still starting, try again; otherwise point MLSEC_ENDPOINT at the emulator, or use MLSEC_TARGET=localstack or endpoint for what runs there.`,
      );
    }
  }
  if (settings.embeddedMode === 'attach') {
    throw new TargetConfigError(`No embedded emulator answers at ${attachUrl}. Start one with \`npm run emulator\` (or \`npm start\`), or set MLSEC_EMBEDDED=auto to start one inside this command.`);
  }
  // Falling back from `auto` serves the learner's own environment, so its state is kept in
  // MLSEC_DATA_DIR like `npm run emulator` keeps it; `in-process` is a private, in-memory one.
  const emulator = await startInProcess(options.port ?? 0, settings.embeddedMode === 'auto', options.enforceIam);
  const target = endpointTarget({ ...settings, endpoint: emulator.url }, { kind: 'embedded', label: `embedded emulator at ${emulator.url} (in this process)` });
  return { ...target, capabilityProbe: 'health', close: () => emulator.stop() };
}

async function startInProcess(port: number, persist: boolean, enforceIam?: boolean): Promise<RunningEmulator> {
  // A computed specifier keeps the emulator out of the static import graph of everything else.
  const specifier = new URL('../../emulator/index.ts', import.meta.url).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('emulator/index.ts')) {
      throw new TargetConfigError(
        'The embedded emulator is not part of this build. Point the labs at another AWS-compatible endpoint instead, e.g. MLSEC_TARGET=endpoint MLSEC_ENDPOINT=http://127.0.0.1:5000 with `moto_server -p 5000`.',
      );
    }
    throw error;
  }
  const start = mod.startEmulator as ((options: Record<string, unknown>) => Promise<unknown>) | undefined;
  if (typeof start !== 'function') throw new TargetConfigError('src/emulator/index.ts does not export startEmulator({ port }).');
  const fromEnv = typeof mod.optionsFromEnv === 'function' ? (mod.optionsFromEnv as (env: NodeJS.ProcessEnv) => Record<string, unknown>)(process.env) : {};
  const base = persist ? { ...fromEnv, port, host: '127.0.0.1' } : { port, host: '127.0.0.1', log: () => {} };
  const options = enforceIam === undefined ? base : { ...base, enforceIam };
  const handle = (await start(options)) as { url?: string; port?: number; stop?: () => Promise<void>; close?: () => Promise<void> };
  const url = handle.url ?? `http://127.0.0.1:${handle.port}`;
  const stop = handle.stop ?? handle.close;
  return { url: url.replace(/\/$/, ''), stop: async () => void (await stop?.call(handle)) };
}

/** True when something answers LocalStack's health route at `endpoint` within half a second. */
export async function answersHealth(endpoint: string): Promise<boolean> {
  return (await probeHealth(endpoint, 500)) === 'answers';
}

/**
 * `answers`: the health route answered 2xx. `nothing-there`: the connection was refused (or the
 * host does not resolve). `no-answer`: something accepted the connection but gave no healthy answer
 * in time.
 */
export async function probeHealth(endpoint: string, timeoutMs: number): Promise<'answers' | 'nothing-there' | 'no-answer'> {
  try {
    const response = await fetch(`${endpoint}/_localstack/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok ? 'answers' : 'no-answer';
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET' ? 'nothing-there' : 'no-answer';
  }
}
