/**
 * mlsec-sim's embedded AWS emulator — the public face.
 *
 *   const emulator = await startEmulator({ port: 0 });
 *   // point any AWS SDK or the AWS CLI at emulator.url
 *   await emulator.stop();
 *
 * Standalone: nothing here imports the product. See docs/emulator.md.
 */
import type { EmulatorOptions } from './config.ts';
import { Emulator, type RootCredentials } from './emulator.ts';
import type { TenantCredentials, TenantSummary } from './auth/tenant-accounts.ts';
import type { EventPublisher } from './core/events.ts';
import type { MetricSink } from './core/metrics.ts';
import type { AuthorizeHook, RecordHook } from './pipeline/hooks.ts';

export type { EmulatorOptions } from './config.ts';
export { optionsFromEnv, DEFAULT_PORT } from './config.ts';
export { loadOrCreateTls, type TlsMaterial } from './server/tls/certificate-store.ts';
export type { RootCredentials } from './emulator.ts';
export type { TenantCredentials, TenantSummary } from './auth/tenant-accounts.ts';
export type { AuthorizeHook, RecordHook, Call, PipelineHooks } from './pipeline/hooks.ts';
export type { ServiceDefinition, Handler, Output, Limitation } from './services/define-service.ts';
export { defineService } from './services/define-service.ts';
export type { RequestContext } from './core/context.ts';
export { AwsServiceError } from './core/errors.ts';
export type { MetricDatum, MetricSink, MetricBatch, MetricTarget } from './core/metrics.ts';
export type { AwsEvent, EmittedEvent, EventPublisher } from './core/events.ts';
export { BUILTIN_SERVICES } from './services/registry.ts';

export interface RunningEmulator {
  /** Base URL for SDK `endpoint` / CLI `--endpoint-url`, e.g. http://127.0.0.1:4566 */
  readonly url: string;
  /** The same port over TLS, e.g. https://127.0.0.1:4566 (undefined when `https: false`). */
  readonly httpsUrl: string | undefined;
  /** The emulator's CA certificate (PEM) to trust for HTTPS: NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE, or an agent's `ca`. */
  readonly caCertificate: string | undefined;
  /** Where that certificate is stored (undefined without a data directory). */
  readonly caCertificatePath: string | undefined;
  readonly host: string;
  readonly port: number;
  /** Directory state is persisted in, if any. */
  readonly dataDir: string | undefined;
  /** Stops listening and writes pending state. */
  stop(): Promise<void>;
  /** Forgets one account's state (or every account's). */
  reset(accountId?: string): Promise<{ accounts: string[] }>;
  /** Root credentials for an account (needed when signatures are verified). */
  createAccount(accountId?: string): RootCredentials;
  /** A strict tenant account (workshops) and its root keys, as POST /_mlsec/tenants creates it. */
  createTenant(request?: { accountId?: string; label?: string }): TenantCredentials;
  listTenants(): TenantSummary[];
  /** Forgets a tenant account and all in it, reporting what was there; undefined if it is not a tenant. */
  removeTenant(accountId: string): Promise<{ accountId: string; removed: string[] } | undefined>;
  /** Writes pending state now. */
  flush(): Promise<void>;
  addAuthorizer(hook: AuthorizeHook): void;
  addRecorder(hook: RecordHook): void;
  /** Records CloudWatch datapoints from outside a request (core/metrics.ts). */
  readonly metrics: MetricSink;
  /** Publishes AWS events to EventBridge from outside a request, e.g. a CloudTrail record hook (core/events.ts). */
  readonly events: EventPublisher;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options);
  let address: { host: string; port: number };
  try {
    address = await emulator.start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`Port ${emulator.options.port} on ${emulator.options.host} is already in use — is another emulator (or LocalStack) running? Stop it, or choose another port with MLSEC_EMULATOR_PORT.`, { cause: error });
    }
    throw error;
  }
  return {
    url: emulator.url,
    httpsUrl: emulator.httpsUrl,
    caCertificate: emulator.tls?.caPem,
    caCertificatePath: emulator.tls?.caPath,
    host: address.host,
    port: address.port,
    dataDir: emulator.options.dataDir,
    stop: () => emulator.stop(),
    reset: (accountId) => emulator.reset(accountId),
    createAccount: (accountId) => emulator.createAccount(accountId),
    createTenant: (request) => emulator.createTenant(request),
    listTenants: () => emulator.listTenants(),
    removeTenant: (accountId) => emulator.removeTenant(accountId),
    flush: () => emulator.flush(),
    addAuthorizer: (hook) => emulator.addAuthorizer(hook),
    addRecorder: (hook) => emulator.addRecorder(hook),
    metrics: emulator.metrics,
    events: emulator.events,
  };
}
