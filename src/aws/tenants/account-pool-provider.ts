/**
 * Tenants on real AWS: a pool of sandbox accounts, one IAM role per account
 * (MLSEC_WORKSHOP_ACCOUNT_ROLES). A learner leases one account for the workshop and acts in it
 * through AssumeRole with the session name `mlsec-<workshop>-<learner>`, behind the sandbox guard:
 * every client confirms with STS that it acts in the leased account, which must be in
 * MLSEC_ALLOWED_ACCOUNTS. The provider keeps no state: which accounts are leased is what the
 * caller's stored tenants say (`provision({ inUse })`), so leases survive restarts.
 */
import type { TargetSettings } from '../target-settings.ts';
import { TargetConfigError, type AwsCredentials, type AwsCredentialsProvider, type Target } from '../target.ts';
import { learnerSessionName } from './session-name.ts';
import { TenantError, tenantString, type ProvisionRequest, type Tenant, type TenantProvider } from './tenant.ts';

export const POOL_VARIABLE = 'MLSEC_WORKSHOP_ACCOUNT_ROLES';
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

export interface PoolRole {
  readonly roleArn: string;
  readonly accountId: string;
  readonly roleName: string;
}

/** The pool from MLSEC_WORKSHOP_ACCOUNT_ROLES, checked against MLSEC_ALLOWED_ACCOUNTS. */
export function poolFromEnv(env: NodeJS.ProcessEnv, allowedAccounts: readonly string[] | undefined): PoolRole[] {
  const raw = env[POOL_VARIABLE]?.trim();
  if (!raw) {
    throw new TargetConfigError(
      `Workshops on MLSEC_TARGET=aws need ${POOL_VARIABLE}: the comma-separated ARNs of one IAM role per sandbox account learners may use (for example ${POOL_VARIABLE}=arn:aws:iam::111122223333:role/mlsec-workshop,arn:aws:iam::444455556666:role/mlsec-workshop). Nothing was called.`,
    );
  }
  const roles: PoolRole[] = [];
  for (const arn of raw.split(/[,\s]+/).filter(Boolean)) {
    const m = ROLE_ARN.exec(arn);
    if (!m) throw new TargetConfigError(`${POOL_VARIABLE} contains "${arn}", which is not an IAM role ARN (arn:aws:iam::111122223333:role/mlsec-workshop). Nothing was called.`);
    const accountId = m[2]!;
    if (!allowedAccounts?.includes(accountId)) {
      throw new TargetConfigError(
        `${POOL_VARIABLE} names role ${arn} in account ${accountId}, which is not in MLSEC_ALLOWED_ACCOUNTS (${allowedAccounts?.join(', ') || 'empty'}). Every pool account must be an allow-listed sandbox: add it to MLSEC_ALLOWED_ACCOUNTS if it is one, or remove the role. Nothing was called.`,
      );
    }
    const taken = roles.find((r) => r.accountId === accountId);
    if (taken) throw new TargetConfigError(`${POOL_VARIABLE} names two roles in account ${accountId} (${taken.roleArn} and ${arn}); a learner leases a whole account, so give one role per account.`);
    roles.push({ roleArn: arn, accountId, roleName: arn.slice(arn.indexOf(':role/') + 6).split('/').pop()! });
  }
  return roles;
}

export interface AccountPoolOptions {
  /** Credentials that call AssumeRole (default: the SDK's default chain). */
  baseCredentials?: AwsCredentials | AwsCredentialsProvider;
  /** Session length in seconds (default 3600; credentials refresh five minutes before they expire). */
  durationSeconds?: number;
}

export class AccountPoolTenantProvider implements TenantProvider {
  readonly kind = 'account-pool' as const;
  readonly roles: readonly PoolRole[];
  private readonly settings: TargetSettings;
  private readonly options: AccountPoolOptions;

  constructor(settings: TargetSettings, env: NodeJS.ProcessEnv = process.env, options: AccountPoolOptions = {}) {
    if (settings.kind !== 'aws') throw new TargetConfigError(`The account pool (${POOL_VARIABLE}) is for MLSEC_TARGET=aws; the target is ${settings.kind}.`);
    this.settings = settings;
    this.options = options;
    this.roles = poolFromEnv(env, settings.allowedAccounts);
  }

  async provision(request: ProvisionRequest): Promise<Tenant> {
    const leased = new Set((request.inUse ?? []).map((t) => t.accountId));
    const free = this.roles.find((r) => !leased.has(r.accountId));
    if (!free) {
      throw new TenantError(
        'PoolExhausted',
        `All ${this.roles.length} account${this.roles.length === 1 ? '' : 's'} of ${POOL_VARIABLE} are in use, so learner ${request.learnerId} cannot get one. End a workshop (or remove a learner) to return accounts, or add role ARNs of more sandbox accounts to ${POOL_VARIABLE} and MLSEC_ALLOWED_ACCOUNTS.`,
      );
    }
    return {
      id: `pool:${free.accountId}`,
      accountId: free.accountId,
      label: `pool account ${free.accountId} via role ${free.roleName}`,
      data: { roleArn: free.roleArn, sessionName: learnerSessionName(request.workshopId, request.learnerId), poolIndex: this.roles.indexOf(free), leasedAt: new Date().toISOString() },
    };
  }

  async openTarget(tenant: Tenant): Promise<Target> {
    const roleArn = tenantString(tenant, 'roleArn');
    const sessionName = tenantString(tenant, 'sessionName');
    // Only a role that is still in the pool (and so still allow-listed) is assumed.
    const role = this.roles.find((r) => r.roleArn === roleArn && r.accountId === tenant.accountId);
    if (!role) {
      throw new TenantError('PoolMisconfigured', `Tenant ${tenant.id} leased role ${roleArn}, which is no longer in ${POOL_VARIABLE}; nothing was called. Put the role back, or end the workshop and provision again.`);
    }
    const { region, endpoint } = this.settings;
    const credentials = assumeRoleCredentials({ roleArn, sessionName, region, endpoint, base: this.options.baseCredentials, durationSeconds: this.options.durationSeconds ?? 3600 });
    return {
      kind: 'aws',
      description: { kind: 'aws', endpoint, region, label: `${tenant.label} (session ${sessionName}, ${region})` },
      region,
      endpoint,
      credentials,
      // The leased account only: a learner's clients can never act in another pool account.
      guard: { allowedAccounts: [tenant.accountId], allowedRegions: this.settings.allowedRegions, source: `MLSEC_ALLOWED_ACCOUNTS / MLSEC_ALLOWED_REGIONS (leased pool account ${tenant.accountId})` },
      capabilityProbe: 'assumed',
      learnerEnvironment: () => ({ AWS_REGION: region, AWS_DEFAULT_REGION: region, ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}) }),
      close: async () => {},
    };
  }

  /** Returns the account to the pool: nothing is deleted here (the labs' teardown removed what they made). */
  async release(tenant: Tenant): Promise<{ removed: string[] }> {
    if (!tenant.id.startsWith('pool:')) throw new TenantError('TenantUnknown', `Tenant ${tenant.id} is not a pool lease (pool tenant ids are pool:<account id>).`);
    return { removed: [] };
  }

  async close(): Promise<void> {}
}

/** AssumeRole credentials for one learner session, refreshed five minutes before they expire. */
function assumeRoleCredentials(options: { roleArn: string; sessionName: string; region: string; endpoint?: string; base?: AwsCredentials | AwsCredentialsProvider; durationSeconds: number }): AwsCredentialsProvider {
  let cached: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  const fetchCredentials = async (): Promise<AwsCredentials> => {
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region: options.region, endpoint: options.endpoint, maxAttempts: 3, ...(options.base ? { credentials: options.base } : {}) });
    try {
      const answer = await sts.send(new AssumeRoleCommand({ RoleArn: options.roleArn, RoleSessionName: options.sessionName, DurationSeconds: options.durationSeconds }));
      const c = answer.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole into ${options.roleArn} returned no credentials.`);
      cached = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      return cached;
    } finally {
      sts.destroy();
    }
  };
  return async () => {
    if (cached?.expiration && cached.expiration.getTime() - Date.now() > 5 * 60_000) return cached;
    pending ??= fetchCredentials().finally(() => (pending = undefined));
    return pending;
  };
}
