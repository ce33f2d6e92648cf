/**
 * Tenants on LocalStack or another AWS-compatible endpoint: each learner gets an account id of its
 * own by using that 12-digit id as its access key id, which LocalStack (and moto's multi-account
 * mode) turn into the account. This separates learners' state, but it is isolation by convention,
 * not enforcement: anyone who knows (or guesses) another learner's account id can use it as a key
 * and act in that account. Use the embedded emulator, or a pool of real sandbox accounts, where
 * learners must not be able to reach each other.
 */
import { randomInt } from 'node:crypto';
import type { TargetSettings } from '../target-settings.ts';
import type { Target } from '../target.ts';
import { endpointTarget } from '../targets/endpoint.ts';
import { TenantError, type ProvisionRequest, type Tenant, type TenantProvider } from './tenant.ts';

function randomAccountId(taken: ReadonlySet<string>): string {
  for (;;) {
    // Never 000000000000 (the shared default account) or LocalStack's default 000000000000-like ids.
    const id = String(randomInt(100_000_000_000, 1_000_000_000_000)).padStart(12, '0');
    if (!taken.has(id)) return id;
  }
}

export class SharedEndpointTenantProvider implements TenantProvider {
  /** Reported as `embedded` (a local emulator's account per learner); see the file comment on isolation. */
  readonly kind = 'embedded' as const;
  private readonly settings: TargetSettings;

  constructor(settings: TargetSettings) {
    this.settings = settings;
  }

  /** Whether the endpoint takes this 12-digit key as the account (moto, for one, does not). */
  private async checkAccountFromKey(accountId: string): Promise<void> {
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ endpoint: this.settings.endpoint, region: this.settings.region, credentials: { accessKeyId: accountId, secretAccessKey: 'test' }, maxAttempts: 1 });
    let answered: string | undefined;
    try {
      answered = (await sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch (error) {
      throw new TenantError('EmulatorUnreachable', `${this.settings.endpoint} did not answer STS GetCallerIdentity (${(error as Error).message}), so no learner account can be set up there.`, { cause: error });
    } finally {
      sts.destroy();
    }
    if (answered !== accountId) {
      throw new TenantError(
        'IsolationUnsupported',
        `${this.settings.endpoint} does not take a 12-digit access key as the account id (key ${accountId} acted as account ${answered ?? 'unknown'}), so every learner would share one account. Run workshops on the embedded emulator (MLSEC_TARGET=embedded), LocalStack, or an account pool on AWS (MLSEC_WORKSHOP_ACCOUNT_ROLES).`,
      );
    }
  }

  async provision(request: ProvisionRequest): Promise<Tenant> {
    const accountId = randomAccountId(new Set((request.inUse ?? []).map((t) => t.accountId)));
    await this.checkAccountFromKey(accountId);
    const where = this.settings.kind === 'localstack' ? 'LocalStack' : 'endpoint';
    return {
      id: accountId,
      accountId,
      label: `${where} account ${accountId} (isolated by convention)`,
      data: { endpoint: this.settings.endpoint, accessKeyId: accountId, secretAccessKey: 'test', isolation: 'convention' },
    };
  }

  async openTarget(tenant: Tenant): Promise<Target> {
    if (!/^\d{12}$/.test(tenant.accountId)) throw new TenantError('TenantUnknown', `Tenant ${tenant.id} has no 12-digit account id ("${tenant.accountId}").`);
    const label = `${tenant.label} at ${this.settings.endpoint}`;
    const target = endpointTarget({ ...this.settings, localCredentials: { accessKeyId: tenant.accountId, secretAccessKey: 'test' } }, { kind: this.settings.kind, label });
    // Whatever the endpoint makes of the key, the guard refuses to act anywhere but this account.
    return { ...target, guard: { ...target.guard, allowedAccounts: [tenant.accountId], source: `the workshop tenant (account ${tenant.accountId})` } };
  }

  /** The endpoint offers no way to delete an account; the labs' teardown removed what they created. */
  async release(_tenant: Tenant): Promise<{ removed: string[] }> {
    return { removed: [] };
  }

  async close(): Promise<void> {}
}
