/**
 * Emulator settings: the options `startEmulator` takes, their defaults, and how the environment
 * variables of `npm run emulator` / `npm start` map onto them.
 */
import { join, resolve } from 'node:path';
import type { PipelineHooks } from './pipeline/hooks.ts';
import type { ServiceDefinition } from './services/define-service.ts';

export interface EmulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 4566; 0 picks a free one). */
  port?: number;
  /** Directory for persisted state; none (the default) keeps everything in memory. */
  dataDir?: string;
  /** Verify SigV4 signatures against issued secrets and refuse unknown keys (default false). */
  verifySignatures?: boolean;
  /**
   * Enforce IAM: every call is evaluated against identity policies, permissions boundaries,
   * session policies, resource policies and SCPs, and refused with AWS's AccessDenied when they do
   * not allow it (default false). See docs/emulator-enforcement.md.
   */
  enforceIam?: boolean;
  /** Authorization decisions kept per account for GET /_mlsec/explain (default 500). */
  decisionsPerAccount?: number;
  /** Authorization decisions kept for all accounts together; the oldest go first (default 50,000). */
  decisionsTotal?: number;
  /**
   * Serve HTTPS on the same port as HTTP (default true), with a certificate from the emulator's own
   * certificate authority, kept under `<dataDir>/tls/` (in memory without a data directory).
   */
  https?: boolean;
  /** Extra host names or IP addresses the server certificate should cover (e.g. a LAN address for workshops). */
  tlsNames?: readonly string[];
  /** Region for requests that name none (default us-east-1). */
  defaultRegion?: string;
  /** Services to serve (default: every built-in service). */
  services?: readonly ServiceDefinition<any>[];
  /** Services added to (or replacing, by id) the built-in ones — e.g. test providers. */
  extraServices?: readonly ServiceDefinition<any>[];
  hooks?: PipelineHooks;
  /** Largest request body accepted (default 64 MiB). */
  maxBodyBytes?: number;
  /**
   * How long a request body may stall (no bytes arriving) before the request is answered with
   * `RequestTimeout` and its connection closed, as S3 does after about 20 s (default 20,000 ms).
   */
  bodyIdleTimeoutMs?: number;
  /** Delay before changed accounts are written to disk (default 100 ms). */
  persistDebounceMs?: number;
  /** Token required by the /_mlsec admin routes when set. */
  adminToken?: string;
  /** Load every service's API model right after listening (default true), so first calls are fast. */
  warmUp?: boolean;
  /** Where diagnostics go (default: stderr). */
  log?: (message: string) => void;
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /**
   * Settings of individual services by service id, e.g. `{ sagemaker: { transitionDelayMs: 0 }, cloudtrail: { historyLimit: 1000 } }`
   * (each service documents its own; docs/emulator.md lists them).
   */
  serviceSettings?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly verifySignatures: boolean;
  readonly enforceIam: boolean;
  readonly decisionsPerAccount: number;
  readonly decisionsTotal: number;
  readonly https: boolean;
  readonly tlsNames: readonly string[];
  readonly defaultRegion: string;
  readonly maxBodyBytes: number;
  readonly bodyIdleTimeoutMs: number;
  readonly persistDebounceMs: number;
  readonly adminToken: string | undefined;
  readonly warmUp: boolean;
  readonly log: (message: string) => void;
  readonly now: () => number;
  readonly serviceSettings: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const DEFAULT_PORT = 4566;

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? DEFAULT_PORT,
    dataDir: options.dataDir ? resolve(options.dataDir) : undefined,
    verifySignatures: options.verifySignatures ?? false,
    enforceIam: options.enforceIam ?? false,
    decisionsPerAccount: options.decisionsPerAccount ?? 500,
    decisionsTotal: options.decisionsTotal ?? 50_000,
    https: options.https ?? true,
    tlsNames: options.tlsNames ?? [],
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 20_000,
    persistDebounceMs: options.persistDebounceMs ?? 100,
    adminToken: options.adminToken || undefined,
    warmUp: options.warmUp ?? true,
    log: options.log ?? ((message) => process.stderr.write(`emulator: ${message}\n`)),
    now: options.now ?? Date.now,
    serviceSettings: options.serviceSettings ?? {},
  };
}

function flag(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/**
 * Options from the environment:
 *   MLSEC_EMULATOR_HOST, MLSEC_EMULATOR_PORT (or LocalStack's GATEWAY_LISTEN=host:port),
 *   MLSEC_DATA_DIR (state under <dir>/emulator; `.mlsec` in the working directory by default),
 *   MLSEC_EMULATOR_VERIFY_SIGNATURES=1, MLSEC_EMULATOR_ADMIN_TOKEN, AWS_DEFAULT_REGION,
 *   MLSEC_EMULATOR_ENFORCE_IAM=1 (or LocalStack's ENFORCE_IAM=1): IAM enforcement.
 *   MLSEC_EMULATOR_HTTPS=0: plain HTTP only; MLSEC_EMULATOR_TLS_NAMES=a,b: more names for the certificate.
 *   MLSEC_EMULATOR_SAGEMAKER_DELAY_MS (how long SageMaker's simulated transitions take).
 *   MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT (events CloudTrail keeps per account and region).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): EmulatorOptions {
  let host = env.MLSEC_EMULATOR_HOST;
  const portText = env.MLSEC_EMULATOR_PORT?.trim();
  let port = portText ? Number(portText) : undefined;
  if (env.GATEWAY_LISTEN && port === undefined) {
    const [h, p] = env.GATEWAY_LISTEN.split(',')[0]!.split(':');
    host ??= h || undefined;
    port = p ? Number(p) : undefined;
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`MLSEC_EMULATOR_PORT="${env.MLSEC_EMULATOR_PORT ?? env.GATEWAY_LISTEN}" is not a port number (0–65535).`);
  }
  const serviceSettings: Record<string, Record<string, unknown>> = {};
  const sagemakerDelay = env.MLSEC_EMULATOR_SAGEMAKER_DELAY_MS;
  if (sagemakerDelay !== undefined && sagemakerDelay.trim() !== '') {
    const ms = Number(sagemakerDelay);
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`MLSEC_EMULATOR_SAGEMAKER_DELAY_MS="${sagemakerDelay}" is not a number of milliseconds (0 or more).`);
    serviceSettings.sagemaker = { transitionDelayMs: ms };
  }
  const historyLimit = env.MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT;
  if (historyLimit !== undefined && historyLimit.trim() !== '') {
    const n = Number(historyLimit);
    if (!Number.isInteger(n) || n < 1) throw new Error(`MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT="${historyLimit}" is not a whole number of events (1 or more).`);
    serviceSettings.cloudtrail = { historyLimit: n };
  }
  return {
    host,
    port,
    serviceSettings,
    dataDir: join(resolve(cwd, env.MLSEC_DATA_DIR || '.mlsec'), 'emulator'),
    verifySignatures: flag(env.MLSEC_EMULATOR_VERIFY_SIGNATURES),
    enforceIam: flag(env.MLSEC_EMULATOR_ENFORCE_IAM ?? env.ENFORCE_IAM),
    https: env.MLSEC_EMULATOR_HTTPS === undefined || env.MLSEC_EMULATOR_HTTPS.trim() === '' ? undefined : flag(env.MLSEC_EMULATOR_HTTPS),
    tlsNames: env.MLSEC_EMULATOR_TLS_NAMES?.split(',').map((n) => n.trim()).filter(Boolean),
    adminToken: env.MLSEC_EMULATOR_ADMIN_TOKEN,
    defaultRegion: env.MLSEC_EMULATOR_REGION || env.AWS_DEFAULT_REGION || undefined,
  };
}
