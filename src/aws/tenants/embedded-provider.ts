/**
 * Tenants on the embedded emulator: each learner gets a strict tenant account of its own
 * (POST /_mlsec/tenants), whose calls are accepted only with the keys the emulator issued for it
 * and a valid SigV4 signature, and where IAM is enforced — so another learner's bucket, key, secret
 * or role is AccessDenied. Talks to the emulator over HTTP with its admin token, so it works the same
 * whether the emulator runs in this process (`npm start`) or in another (`npm run emulator`).
 */
import type { TargetSettings } from '../target-settings.ts';
import type { Target } from '../target.ts';
import { embeddedTarget } from '../targets/embedded.ts';
import { TenantError, tenantString, type ProvisionRequest, type Tenant, type TenantProvider } from './tenant.ts';

interface EmulatorTls {
  httpsUrl: string;
  caCertificate: string;
  caCertificatePath?: string;
}

interface CreatedTenant {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  principalArn: string;
}

export interface EmbeddedTenantOptions {
  /** The emulator's admin token (default: MLSEC_EMULATOR_ADMIN_TOKEN of the env given). */
  adminToken?: string;
}

export class EmbeddedTenantProvider implements TenantProvider {
  readonly kind = 'embedded' as const;
  private readonly settings: TargetSettings;
  private readonly adminToken: string | undefined;
  private base: Promise<Target> | undefined;
  private tls: Promise<EmulatorTls | undefined> | undefined;

  constructor(settings: TargetSettings, env: NodeJS.ProcessEnv = process.env, options: EmbeddedTenantOptions = {}) {
    this.settings = settings;
    this.adminToken = options.adminToken ?? (env.MLSEC_EMULATOR_ADMIN_TOKEN || undefined);
  }

  /** The emulator (attached, or started in this process as MLSEC_EMBEDDED says), opened once. */
  private emulator(): Promise<Target> {
    if (!this.base) {
      this.base = embeddedTarget(this.settings);
      this.base.catch(() => (this.base = undefined));
    }
    return this.base;
  }

  private async admin(method: string, path: string, body?: unknown): Promise<{ status: number; value: Record<string, unknown> }> {
    const url = `${(await this.emulator()).endpoint}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(this.adminToken ? { authorization: `Bearer ${this.adminToken}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new TenantError('EmulatorUnreachable', `The embedded emulator did not answer ${method} ${url} (${(error as Error).message}). Is \`npm start\` (or \`npm run emulator\`) running? MLSEC_ENDPOINT names where it should be.`, { cause: error });
    }
    const text = await response.text();
    let value: Record<string, unknown> = {};
    try {
      value = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      value = { error: text.slice(0, 300) };
    }
    if (response.status === 401) {
      throw new TenantError(
        'EmulatorRefused',
        `The embedded emulator at ${url} refused its admin route: it needs its admin token. Give this app the same MLSEC_EMULATOR_ADMIN_TOKEN as the emulator (\`npm start\` sets both when it starts the emulator itself).`,
      );
    }
    return { status: response.status, value };
  }

  /**
   * The emulator's HTTPS side (same port) and its CA. Tenants' clients use it: AWS is reached only
   * over TLS, so a learner's "deny unless aws:SecureTransport" policy must not lock the lab out.
   */
  private emulatorTls(): Promise<EmulatorTls | undefined> {
    if (!this.tls) {
      this.tls = this.admin('GET', '/_mlsec/tls').then(({ status, value }) => (status === 200 && typeof value.httpsUrl === 'string' && typeof value.caCertificate === 'string' ? (value as unknown as EmulatorTls) : undefined));
      this.tls.catch(() => (this.tls = undefined));
    }
    return this.tls;
  }

  async provision(request: ProvisionRequest): Promise<Tenant> {
    const { status, value } = await this.admin('POST', '/_mlsec/tenants', { label: `workshop ${request.workshopId}, learner ${request.learnerId}`.slice(0, 200) });
    if (status !== 201) throw new TenantError('EmulatorRefused', `The embedded emulator could not create a tenant account for learner ${request.learnerId} (HTTP ${status}: ${String(value.error ?? 'no reason given')}).`);
    const created = value as unknown as CreatedTenant;
    const endpoint = (await this.emulator()).endpoint!;
    return {
      id: created.accountId,
      accountId: created.accountId,
      label: `embedded account ${created.accountId}`,
      data: { endpoint, accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, principalArn: created.principalArn },
    };
  }

  async openTarget(tenant: Tenant): Promise<Target> {
    const credentials = { accessKeyId: tenantString(tenant, 'accessKeyId'), secretAccessKey: tenantString(tenant, 'secretAccessKey') };
    // The emulator as it runs now (its address may have changed since the tenant was made).
    const base = await this.emulator();
    const endpoint = base.endpoint!;
    const tls = await this.emulatorTls();
    const region = this.settings.region;
    // The AWS CLI gets the HTTPS address when it can be told which CA to trust (a CA kept on disk).
    const cli: Record<string, string> = tls?.caCertificatePath ? { AWS_ENDPOINT_URL: tls.httpsUrl, AWS_CA_BUNDLE: tls.caCertificatePath } : { AWS_ENDPOINT_URL: endpoint };
    return {
      kind: 'embedded',
      description: { kind: 'embedded', endpoint, region, label: `${tenant.label} on the embedded emulator at ${endpoint}` },
      region,
      endpoint,
      credentials,
      tls: tls && { endpoint: tls.httpsUrl, caCertificate: tls.caCertificate },
      enforcesIam: true,
      // The emulator itself confines these keys to the tenant's account and the member accounts it
      // creates (the SCP lab assumes a role in one), so the guard lists no accounts, as for any
      // embedded target.
      guard: { allowedAccounts: undefined, allowedRegions: this.settings.allowedRegions, source: `the embedded emulator (strict tenant account ${tenant.accountId})` },
      capabilityProbe: 'health',
      learnerEnvironment: () => ({
        ...cli,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      }),
      close: async () => {},
    };
  }

  async release(tenant: Tenant): Promise<{ removed: string[] }> {
    if (!/^\d{12}$/.test(tenant.accountId)) throw new TenantError('TenantUnknown', `Tenant ${tenant.id} has no 12-digit account id ("${tenant.accountId}"); it was not made by the embedded provider.`);
    const { status, value } = await this.admin('DELETE', `/_mlsec/tenants/${tenant.accountId}`);
    // Already gone (released before, or the emulator kept no state): nothing left to remove.
    if (status === 404) return { removed: [] };
    if (status !== 200) throw new TenantError('EmulatorRefused', `The embedded emulator could not remove tenant account ${tenant.accountId} (HTTP ${status}: ${String(value.error ?? 'no reason given')}).`);
    return { removed: Array.isArray(value.removed) ? value.removed.map(String) : [] };
  }

  async close(): Promise<void> {
    const base = this.base;
    this.base = undefined;
    this.tls = undefined;
    if (base) await (await base.catch(() => undefined))?.close();
  }
}
