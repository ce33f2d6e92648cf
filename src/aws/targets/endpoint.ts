import { isRealAwsEndpoint, type TargetSettings } from '../target-settings.ts';
import { TargetConfigError, type Target, type TargetKind } from '../target.ts';

/**
 * Any AWS-compatible endpoint (moto_server, a LocalStack, another emulator). Capabilities are
 * learned by calling (`endpoint`) or from LocalStack's health document (`localstack`).
 */
export function endpointTarget(settings: TargetSettings, options: { kind?: TargetKind; label?: string } = {}): Target {
  const endpoint = settings.endpoint;
  if (!endpoint) throw new TargetConfigError('This target needs an endpoint URL (MLSEC_ENDPOINT).');
  const kind = options.kind ?? 'endpoint';
  const realAws = isRealAwsEndpoint(endpoint);
  if (realAws && !(settings.allowedAccounts?.length && settings.allowedRegions?.length)) {
    throw new TargetConfigError(
      `MLSEC_ENDPOINT=${endpoint} is AWS itself, not an emulator. Use MLSEC_TARGET=aws with MLSEC_ALLOWED_ACCOUNTS and MLSEC_ALLOWED_REGIONS naming your sandbox. Nothing was called.`,
    );
  }
  const credentials = { ...settings.localCredentials };
  const label = options.label ?? `${kind === 'localstack' ? 'LocalStack' : 'AWS-compatible endpoint'} at ${endpoint}`;
  return {
    kind,
    description: { kind, endpoint, region: settings.region, label },
    region: settings.region,
    endpoint,
    credentials,
    guard: {
      allowedAccounts: settings.allowedAccounts,
      allowedRegions: settings.allowedRegions,
      source: settings.allowedAccounts || settings.allowedRegions ? 'MLSEC_ALLOWED_ACCOUNTS / MLSEC_ALLOWED_REGIONS' : 'no allow-list (local endpoint)',
    },
    capabilityProbe: kind === 'localstack' ? 'health' : 'calls',
    learnerEnvironment: () => ({
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: settings.region,
      AWS_DEFAULT_REGION: settings.region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
    close: async () => {},
  };
}
