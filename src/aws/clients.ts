/**
 * The SDK v3 client factory: every client it hands out points at the target's endpoint and region,
 * uses the learner's credentials, and carries the sandbox guard — a middleware that lets no request
 * leave before STS GetCallerIdentity has confirmed an allow-listed account and region.
 */
import { Agent as HttpsAgent } from 'node:https';
import { AwsCallError, isNetworkError, toAwsErrorInfo } from './errors.ts';
import { checkSandbox, SandboxRefusedError, type CallerIdentity } from './sandbox-guard.ts';
import { defaultConnectionTimeoutMs } from './connection-timeout.ts';
import { isServiceName, services, type ServiceClients, type ServiceName } from './services.ts';
import type { AwsCredentials, AwsCredentialsProvider, Target } from './target.ts';

export interface AwsClients {
  readonly target: Target;
  /** A client for `service`, guarded. Built once per factory. */
  client<K extends ServiceName>(service: K): Promise<ServiceClients[K]>;
  /** The verified identity (runs the guard if it has not run yet). */
  identity(): Promise<CallerIdentity>;
  /** Clients for the same target and guard policy, acting with other credentials (e.g. an assumed lab principal). */
  withCredentials(credentials: AwsCredentials | AwsCredentialsProvider): AwsClients;
  /** Closes sockets; the target itself stays open. */
  destroy(): void;
}

export interface ClientOptions {
  /**
   * Connection timeout in ms. Default: 3 s for remote endpoints and AWS (a dead host must fail fast,
   * not hang a spinner), 30 s for loopback ones, where only a busy server is slow to accept
   * (see connection-timeout.ts).
   */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export function createAwsClients(target: Target, options: ClientOptions = {}, credentials = target.credentials): AwsClients {
  const built = new Map<ServiceName, Promise<unknown>>();
  let verified: Promise<CallerIdentity> | undefined;

  // A target served over TLS by a local CA (workshop tenants on the emulator) is reached through it.
  const endpoint = target.tls?.endpoint ?? target.endpoint;
  const tlsCa = target.tls?.caCertificate;
  const baseConfig = (): Record<string, unknown> => ({
    region: target.region,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    // Retries of throttling are ours (src/aws/retry.ts); the SDK's would also retry a dead endpoint.
    maxAttempts: 1,
    // One agent per client: destroying a client closes its handler's agents.
    requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? defaultConnectionTimeoutMs(endpoint), requestTimeout: options.requestTimeoutMs ?? 30_000, ...(tlsCa ? { httpsAgent: new HttpsAgent({ ca: tlsCa, keepAlive: true }) } : {}) },
    customUserAgent: 'mlsec-sim',
  });

  async function runGuard(): Promise<CallerIdentity> {
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient(baseConfig());
    try {
      const answer = await sts.send(new GetCallerIdentityCommand({}));
      return checkSandbox(answer, target.region, target.guard);
    } catch (error) {
      if (error instanceof SandboxRefusedError) throw error;
      throw new AwsCallError(toAwsErrorInfo(error, 'STS.GetCallerIdentity'));
    } finally {
      sts.destroy();
    }
  }

  function identity(): Promise<CallerIdentity> {
    if (!verified) {
      verified = runGuard();
      // A refusal is final; a network or credentials failure may be retried by the next call.
      verified.catch((error) => {
        if (!(error instanceof SandboxRefusedError)) verified = undefined;
      });
    }
    return verified;
  }

  async function build<K extends ServiceName>(service: K): Promise<ServiceClients[K]> {
    const info = services[service];
    const mod = await info.load();
    const config = baseConfig();
    if (target.endpoint) {
      // Emulators do not all implement the newer flexible checksums.
      config.requestChecksumCalculation = 'WHEN_REQUIRED';
      config.responseChecksumValidation = 'WHEN_REQUIRED';
      if (service === 's3') config.forcePathStyle = true;
      // S3 Control puts the account id in the host name (123456789012.s3-control…), which only AWS resolves.
      if (service === 's3control') config.endpointProvider = () => ({ url: new URL(endpoint!) });
    }
    // On AWS itself a bucket in another region answers with a redirect; follow it rather than fail.
    if (service === 's3' && !target.endpoint) config.followRegionRedirects = true;
    const client = new mod[info.clientClass](config);
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        await identity();
        return next(args);
      },
      { step: 'initialize', name: 'mlsecSandboxGuard', priority: 'high' },
    );
    return client as ServiceClients[K];
  }

  const clients: AwsClients = {
    target,
    client(service) {
      let pending = built.get(service);
      if (!pending) {
        pending = build(service);
        built.set(service, pending);
      }
      return pending as Promise<ServiceClients[typeof service]>;
    },
    identity,
    withCredentials(other) {
      const child = createAwsClients(target, options, other);
      return child;
    },
    destroy() {
      for (const pending of built.values()) void pending.then((c) => (c as { destroy(): void }).destroy()).catch(() => {});
      built.clear();
    },
  };
  return clients;
}

/** True when an error means the target cannot be reached (as opposed to AWS refusing the call). */
export function isTargetUnreachable(error: unknown): boolean {
  const info = error instanceof AwsCallError ? error.info : toAwsErrorInfo(error);
  return isNetworkError(info);
}

/**
 * A `(service, { region }) => client` factory over `aws`, for callers that name services as the AWS
 * CLI does (the lab terminal's CLI engine): `s3api` is `s3`, and a command may ask for another
 * region — it gets clients for that region behind the same guard, so MLSEC_ALLOWED_REGIONS holds.
 */
export function regionalClientFactory(aws: AwsClients, options: ClientOptions = {}): ((service: string, request: { region: string }) => Promise<unknown>) & { destroy(): void } {
  const byRegion = new Map<string, AwsClients>([[aws.target.region, aws]]);
  const factory = async (service: string, request: { region: string }) => {
    const name = service === 's3api' ? 's3' : service;
    if (!isServiceName(name)) throw new Error(`The ${service} service is not available in the lab environment.`);
    const region = request.region || aws.target.region;
    let clients = byRegion.get(region);
    if (!clients) {
      const target: Target = { ...aws.target, region, description: { ...aws.target.description, region } };
      clients = createAwsClients(target, options);
      byRegion.set(region, clients);
    }
    return clients.client(name);
  };
  return Object.assign(factory, {
    destroy() {
      for (const [region, clients] of byRegion) if (region !== aws.target.region) clients.destroy();
    },
  });
}
