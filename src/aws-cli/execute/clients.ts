/**
 * How the engine gets SDK clients. The product passes a factory (src/aws's, with the session's
 * target, credentials and guard); tests and `npm run aws` may instead give an endpoint and
 * credentials, and the engine builds clients the way src/aws does for an emulator.
 */
import type { ServiceModel } from '../model/service-model.ts';

/** Something with the SDK v3 client's `send`. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy?(): void;
}

/**
 * Makes (or hands out) a client for a service. `service` is the client's key: the CLI name except
 * `s3` for `s3api` (the names `src/aws`'s `AwsClients.client()` takes). `region` is the region the
 * command asked for (--region, else the session's).
 */
export type ClientFactory = (service: string, options: { region: string }) => SdkClient | Promise<SdkClient>;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface EndpointClientOptions {
  endpoint: string;
  credentials: Credentials;
}

/** Clients for an AWS-compatible endpoint (the embedded emulator, moto, LocalStack), cached per service and region. */
export function endpointClientFactory(options: EndpointClientOptions, models: (service: string) => Promise<ServiceModel>): ClientFactory & { destroy(): void } {
  const clients = new Map<string, Promise<SdkClient>>();
  const factory = (service: string, { region }: { region: string }) => {
    const key = `${service} ${region}`;
    let pending = clients.get(key);
    if (!pending) {
      pending = models(service === 's3' ? 's3api' : service).then((model) => {
        const config: Record<string, unknown> = {
          region,
          endpoint: options.endpoint,
          credentials: options.credentials,
          maxAttempts: 1,
          // Emulators do not all implement the newer flexible checksums.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          customUserAgent: 'mlsec-sim-aws-cli',
        };
        if (service === 's3') config.forcePathStyle = true;
        // S3 Control puts the account id in the host name, which only AWS resolves.
        if (service === 's3control') config.endpointProvider = () => ({ url: new URL(options.endpoint) });
        return new model.Client(config) as SdkClient;
      });
      clients.set(key, pending);
      pending.catch(() => clients.delete(key));
    }
    return pending;
  };
  factory.destroy = () => {
    for (const pending of clients.values()) void pending.then((c) => c.destroy?.()).catch(() => {});
    clients.clear();
  };
  return factory;
}
