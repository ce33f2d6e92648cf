/**
 * The AWS-compatible servers the lab engine's integration tests run on: the embedded emulator
 * (always — it is part of the project) and moto_server (when installed). Both are started by the
 * test on a free port and reached over real HTTP as an `endpoint` target, so a test written once
 * proves the engine on each. `port` restarts a server where it was (a target that comes back).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.ts';
import { MOTO_AVAILABLE, motoSkipMessage, startMoto } from './moto.ts';

export interface LabServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface LabServerKind {
  /** For test titles. */
  readonly name: string;
  readonly available: boolean;
  /** Shown when the kind is not available. */
  readonly skipMessage: (suite: string) => string;
  /**
   * Starts a server. Servers that started with the same `state` folder share their resources
   * across restarts (the emulator persists there; moto keeps nothing anyway).
   */
  start(options?: { port?: number; state?: string }): Promise<LabServer>;
}

export const embeddedServer: LabServerKind = {
  name: 'embedded emulator',
  available: true,
  skipMessage: (suite) => suite,
  async start(options = {}) {
    const running = await startEmulator({ port: options.port ?? 0, host: '127.0.0.1', warmUp: false, log: () => {}, dataDir: options.state, persistDebounceMs: 0 });
    return { endpoint: running.url.replace(/\/$/, ''), port: running.port, stop: () => running.stop() };
  },
};

export const motoServer: LabServerKind = {
  name: 'moto_server',
  available: MOTO_AVAILABLE,
  skipMessage: motoSkipMessage,
  async start(options = {}) {
    const moto = await startMoto({ port: options.port });
    return { endpoint: moto.endpoint, port: moto.port, stop: () => moto.stop() };
  },
};

export const labServers: readonly LabServerKind[] = [embeddedServer, motoServer];

/** A fresh folder for a server's state. */
export function serverStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'mlsec-server-state-'));
}

/** Environment that points the lab target settings at a server as an AWS-compatible endpoint. */
export function endpointEnv(endpoint: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { MLSEC_TARGET: 'endpoint', MLSEC_ENDPOINT: endpoint, MLSEC_REGION: 'us-east-1', ...extra };
}
