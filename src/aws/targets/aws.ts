import type { TargetSettings } from '../target-settings.ts';
import type { AwsCredentials, AwsCredentialsProvider, Target } from '../target.ts';

/**
 * A real sandbox account. Credentials come from the SDK's default chain (environment, profile, SSO,
 * instance role). The sandbox guard refuses any call unless STS says the account is in
 * MLSEC_ALLOWED_ACCOUNTS and the region is in MLSEC_ALLOWED_REGIONS. With MLSEC_LAB_ROLE_ARN the
 * labs run as that role, optionally narrowed by MLSEC_LAB_SESSION_POLICY.
 * AWS_ENDPOINT_URL is honoured, which is how the guard is tested against the emulator.
 */
export function awsTarget(settings: TargetSettings): Target {
  const endpoint = settings.endpoint;
  const credentials = settings.assumeRole ? assumeRoleProvider(settings) : undefined;
  const label = `AWS sandbox account (${settings.region}${endpoint ? `, endpoint ${endpoint}` : ''}${settings.assumeRole ? `, as ${settings.assumeRole.roleArn}` : ''})`;
  return {
    kind: 'aws',
    description: { kind: 'aws', endpoint, region: settings.region, label },
    region: settings.region,
    endpoint,
    credentials,
    guard: { allowedAccounts: settings.allowedAccounts, allowedRegions: settings.allowedRegions, source: 'MLSEC_ALLOWED_ACCOUNTS / MLSEC_ALLOWED_REGIONS' },
    capabilityProbe: 'assumed',
    learnerEnvironment: () => {
      const vars: Record<string, string> = { AWS_REGION: settings.region, AWS_DEFAULT_REGION: settings.region };
      if (endpoint) vars.AWS_ENDPOINT_URL = endpoint;
      return vars;
    },
    close: async () => {},
  };
}

/** AssumeRole credentials, refreshed five minutes before they expire. */
function assumeRoleProvider(settings: TargetSettings): AwsCredentialsProvider {
  const role = settings.assumeRole!;
  let cached: AwsCredentials | undefined;
  return async () => {
    if (cached?.expiration && cached.expiration.getTime() - Date.now() > 5 * 60_000) return cached;
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region: settings.region, endpoint: settings.endpoint, maxAttempts: 3 });
    try {
      const answer = await sts.send(
        new AssumeRoleCommand({ RoleArn: role.roleArn, RoleSessionName: role.sessionName, ExternalId: role.externalId, Policy: role.sessionPolicy, DurationSeconds: 3600 }),
      );
      const c = answer.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole into ${role.roleArn} returned no credentials.`);
      cached = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      return cached;
    } finally {
      sts.destroy();
    }
  };
}
