/**
 * Assembles the emulator: world (state), persistence, services, router, pipeline and the HTTP edge.
 * `index.ts` is the public face; this file is the wiring.
 */
import { rootPrincipal } from './auth/principal.ts';
import { adoptCreatedMembers, createTenant, describeAccount, listTenants, membersOf, type TenantCredentials, type TenantSummary } from './auth/tenant-accounts.ts';
import { type EmulatorOptions, resolveOptions, type ResolvedOptions } from './config.ts';
import type { EventPublisher } from './core/events.ts';
import { IamEnforcer } from './enforcement/enforcer.ts';
import { explainRoute } from './enforcement/explain-route.ts';
import { tenantScope } from './enforcement/tenant-scope.ts';
import { accessKeyId as newAccessKeyId, randomAccountId, secretAccessKey as newSecret } from './core/ids.ts';
import type { MetricSink } from './core/metrics.ts';
import type { AuthorizeHook, RecordHook } from './pipeline/hooks.ts';
import { InternalBus } from './pipeline/internal-bus.ts';
import { Pipeline } from './pipeline/pipeline.ts';
import { ServiceRouter } from './pipeline/service-router.ts';
import { Edge } from './server/edge.ts';
import { loadOrCreateTls, type TlsMaterial } from './server/tls/certificate-store.ts';
import { EMULATOR_VERSION, healthReport } from './server/health.ts';
import type { ServiceDefinition } from './services/define-service.ts';
import type { ServiceHost } from './services/service-host.ts';
import { BUILTIN_SERVICES } from './services/registry.ts';
import { ServiceRuntime } from './services/service-runtime.ts';
import { Persistence } from './state/persistence.ts';
import { DEFAULT_ACCOUNT_ID, World } from './state/world.ts';
import { join } from 'node:path';

const WARM_UP_DELAY_MS = 500;

export interface RootCredentials {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export class Emulator {
  readonly options: ResolvedOptions;
  readonly world = new World();
  readonly services: readonly ServiceRuntime[];
  readonly router: ServiceRouter;
  readonly pipeline: Pipeline;
  readonly persistence: Persistence | undefined;
  /** IAM enforcement, when on (`enforceIam`). */
  readonly enforcer: IamEnforcer | undefined;
  /** With `enforceIam` off: IAM enforcement of the calls into and out of strict tenant accounts only. */
  readonly tenantEnforcer: IamEnforcer | undefined;
  private edge: Edge | undefined;
  /** The HTTPS certificate and the CA to trust, once started (https option). */
  tls: TlsMaterial | undefined;
  private readonly startedAt = Date.now();
  private port = 0;

  constructor(options: EmulatorOptions = {}) {
    this.options = resolveOptions(options);
    const byId = new Map<string, ServiceDefinition<any>>();
    for (const s of options.services ?? BUILTIN_SERVICES) byId.set(s.id, s);
    for (const s of options.extraServices ?? []) byId.set(s.id, s);
    this.services = [...byId.values()].map((d) => new ServiceRuntime(d));
    this.router = new ServiceRouter(this.services);
    if (this.options.dataDir) {
      this.persistence = new Persistence(this.options.dataDir, this.world, { debounceMs: this.options.persistDebounceMs, log: this.options.log });
      this.world.onDirty = (id) => this.persistence!.markDirty([id]);
    }
    this.pipeline = new Pipeline({
      world: this.world,
      router: this.router,
      verifySignatures: this.options.verifySignatures,
      defaultRegion: this.options.defaultRegion,
      now: this.options.now,
      onAccountsChanged: (ids) => this.persistence?.markDirty(ids),
      log: this.options.log,
      maxBodyBytes: this.options.maxBodyBytes,
      serviceSettings: this.options.serviceSettings,
    });
    if (this.options.enforceIam) {
      this.enforcer = new IamEnforcer({ world: this.world, router: this.router, log: this.options.log, now: this.options.now, decisionsPerAccount: this.options.decisionsPerAccount });
      this.pipeline.authorizers.push(this.enforcer.authorize);
      this.pipeline.recorders.push(this.enforcer.noteChange);
      this.pipeline.onBehalfAuthorizer = this.enforcer.onBehalf;
    } else {
      // Strict tenant accounts are enforced whatever the global setting; with no tenant the hook
      // returns at once, so relaxed accounts behave exactly as before.
      this.tenantEnforcer = new IamEnforcer({ world: this.world, router: this.router, log: this.options.log, now: this.options.now, decisionsPerAccount: this.options.decisionsPerAccount, scope: tenantScope(this.world) });
      this.pipeline.authorizers.push(this.tenantEnforcer.authorize);
      this.pipeline.recorders.push(this.tenantEnforcer.noteChange);
      this.pipeline.onBehalfAuthorizer = this.tenantEnforcer.onBehalf;
    }
    // Accounts a tenant creates through Organizations are the tenant's (strict, removed with it).
    this.pipeline.recorders.push((call) => {
      if (!call.error && call.service === 'organizations' && call.operation === 'CreateAccount' && call.accountId && this.world.isStrict(call.accountId)) {
        adoptCreatedMembers(this.world, call.accountId, this.options.now());
      }
    });
    for (const hook of options.hooks?.authorize ?? []) this.pipeline.authorizers.push(hook);
    for (const hook of options.hooks?.record ?? []) this.pipeline.recorders.push(hook);
    for (const runtime of this.services) {
      if (runtime.definition.attach) runtime.attachment = runtime.definition.attach(this.hostFor(runtime.id));
    }
  }

  /** What a service's `attach` gets (services/service-host.ts). */
  private hostFor(serviceId: string): ServiceHost {
    const stateDefinition = (id: string) => {
      const definition = this.router.get(id)?.definition.state;
      if (!definition) throw new Error(`emulator: service ${id} keeps no state`);
      return definition;
    };
    return {
      serviceId,
      dataDir: this.options.dataDir,
      settings: this.options.serviceSettings[serviceId] ?? {},
      log: this.options.log,
      now: () => new Date(this.options.now()),
      addRecorder: (hook) => this.pipeline.recorders.push(hook),
      service: (id) => {
        const runtime = this.router.get(id);
        return runtime && { definition: runtime.definition, api: runtime.loaded ? runtime.api : undefined };
      },
      stateOf: <S>(id: string, accountId: string, region = this.options.defaultRegion) => {
        const definition = stateDefinition(id);
        return this.world.serviceState(accountId, id, definition.scope === 'region' ? region : undefined, definition.create) as S;
      },
      peekStateOf: <S>(id: string, accountId: string, region = this.options.defaultRegion) => {
        const scope = this.router.get(id)?.definition.state?.scope;
        return this.world.peekServiceState<S>(accountId, id, scope === 'region' ? region : undefined);
      },
      regionsOf: (accountId) => Object.keys(this.world.exportAccount(accountId)?.regions ?? {}),
      accountIds: () => this.world.accountIds(),
      changed: (accountId) => this.persistence?.markDirty([accountId]),
      attachmentOf: <T>(id: string) => this.router.get(id)?.attachment?.api as T | undefined,
      runAs: (accountId, region, operation, fn) =>
        this.pipeline.bus.runAs(this.router.get(serviceId)!, `internal:${operation}`, accountId, region, InternalBus.origin(accountId, region, rootPrincipal(accountId), new Date(this.options.now())), fn),
      publishEvent: (event) => this.events.publish(event),
    };
  }

  async start(): Promise<{ host: string; port: number }> {
    this.persistence?.load();
    if (this.options.https && !this.tls) this.tls = loadOrCreateTls(this.options.dataDir ? join(this.options.dataDir, 'tls') : undefined, { names: this.options.tlsNames, log: this.options.log });
    this.edge = new Edge({
      tls: this.tls,
      host: this.options.host,
      port: this.options.port,
      maxBodyBytes: this.options.maxBodyBytes,
      bodyIdleTimeoutMs: this.options.bodyIdleTimeoutMs,
      pipeline: this.pipeline,
      log: this.options.log,
      admin: {
        adminToken: this.options.adminToken,
        health: () => healthReport(this.services, { iamEnforcement: this.enforcer !== undefined, persistence: this.persistence !== undefined, https: this.tls !== undefined }),
        status: () => this.status(),
        reset: (accountId) => this.reset(accountId),
        createAccount: (accountId) => this.createAccount(accountId),
        explain: (request) => explainRoute(request, (this.enforcer ?? (this.world.hasStrictAccounts() ? this.tenantEnforcer : undefined))?.decisions),
        tls: () => (this.tls && this.httpsUrl ? { httpsUrl: this.httpsUrl, caCertificate: this.tls.caPem, caCertificatePath: this.tls.caPath } : undefined),
        tenants: {
          create: (request) => this.createTenant(request),
          list: () => listTenants(this.world),
          remove: (accountId) => this.removeTenant(accountId),
        },
      },
    });
    const address = await this.edge.listen();
    this.port = address.port;
    // Loading a model blocks the event loop for tens of milliseconds, so warming up waits a moment:
    // whoever polls /_localstack/health right after start gets an answer at once.
    if (this.options.warmUp) setTimeout(() => this.warmUp(), WARM_UP_DELAY_MS).unref();
    return { host: this.options.host, port: address.port };
  }

  /** Loads every API model in the background; a model that fails is reported, not fatal. */
  private warmUp(): void {
    let chain = Promise.resolve();
    for (const s of this.services) {
      // One model per turn of the event loop, so requests arriving meanwhile are not starved.
      chain = chain.then(() => new Promise((r) => setImmediate(r))).then(() => (this.edge ? s.load().catch((error: Error) => this.options.log(error.message)) : undefined));
    }
  }

  get url(): string {
    const host = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  /** The same port over TLS (undefined when HTTPS is off). */
  get httpsUrl(): string | undefined {
    if (!this.tls) return undefined;
    const host = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `https://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  addAuthorizer(hook: AuthorizeHook): void {
    this.pipeline.authorizers.push(hook);
  }

  addRecorder(hook: RecordHook): void {
    this.pipeline.recorders.push(hook);
  }

  /**
   * Metrics and events from outside any request (a record hook such as CloudTrail's, tests): the
   * same bus providers reach through `ctx.metrics` / `ctx.events`. Account and region default to
   * 000000000000 and the default region; the time to the emulator's clock.
   */
  readonly metrics: MetricSink = {
    put: (namespace, data, target = {}) => {
      const accountId = target.accountId ?? DEFAULT_ACCOUNT_ID;
      const region = target.region ?? this.options.defaultRegion;
      this.pipeline.bus.putMetrics(InternalBus.origin(accountId, region, rootPrincipal(accountId), new Date(this.options.now())), namespace, data, { accountId, region });
    },
  };

  readonly events: EventPublisher = {
    publish: (event) => {
      const accountId = event.accountId ?? DEFAULT_ACCOUNT_ID;
      const region = event.region ?? this.options.defaultRegion;
      this.pipeline.bus.publishEvent(InternalBus.origin(accountId, region, rootPrincipal(accountId), new Date(this.options.now())), { ...event, accountId, region });
    },
  };

  /** Forgets one account's state (or all), including its issued keys, on disk too. */
  async reset(accountId?: string): Promise<{ accounts: string[] }> {
    const ids = accountId === undefined ? this.world.accountIds() : this.world.hasAccount(accountId) ? [accountId] : [];
    for (const id of ids) this.world.removeAccount(id);
    for (const runtime of this.services) runtime.attachment?.reset?.(accountId);
    this.enforcer?.reset(accountId);
    this.tenantEnforcer?.reset(accountId);
    if (this.persistence && ids.length) {
      this.persistence.markDirty(ids);
      await this.persistence.flush();
    }
    return { accounts: ids };
  }

  /** Issues root credentials for an account (a new random one unless given). */
  createAccount(accountId?: string): RootCredentials {
    const id = accountId ?? this.unusedAccountId();
    const keyId = newAccessKeyId(false);
    const secret = newSecret();
    this.world.issueCredential({
      accessKeyId: keyId,
      secretAccessKey: secret,
      accountId: id,
      principal: rootPrincipal(id, keyId),
      status: 'Active',
      createdAt: new Date(this.options.now()).toISOString(),
      issuer: 'root',
    });
    return { accountId: id, accessKeyId: keyId, secretAccessKey: secret };
  }

  /** A strict tenant account (workshops) and its root keys; see auth/tenant-accounts.ts. */
  createTenant(request: { accountId?: string; label?: string } = {}): TenantCredentials {
    return createTenant(this.world, { ...request, now: this.options.now() });
  }

  listTenants(): TenantSummary[] {
    return listTenants(this.world);
  }

  /** Forgets a tenant account and everything in it; undefined when no such tenant exists. */
  async removeTenant(accountId: string): Promise<{ accountId: string; removed: string[] } | undefined> {
    const account = this.world.exportAccount(accountId);
    if (!account?.tenant || account.tenant.parent !== undefined) return undefined;
    const removed = describeAccount(account);
    for (const member of membersOf(this.world, accountId)) {
      removed.push(...describeAccount(this.world.exportAccount(member)!).map((line) => `member account ${member}: ${line}`), `member account ${member}`);
      await this.reset(member);
    }
    await this.reset(accountId);
    return { accountId, removed };
  }

  private unusedAccountId(): string {
    return randomAccountId((id) => this.world.hasAccount(id));
  }

  status(): Record<string, unknown> {
    return {
      version: EMULATOR_VERSION,
      url: this.url,
      httpsUrl: this.httpsUrl ?? null,
      caCertificate: this.tls ? (this.tls.caPath ?? 'in memory') : null,
      uptimeMs: Date.now() - this.startedAt,
      accounts: this.world.accountIds().length,
      verifySignatures: this.options.verifySignatures,
      strictTenants: this.world.strictAccountIds().length,
      enforcement: this.enforcer?.status ?? { enabled: false, ...(this.world.hasStrictAccounts() && this.tenantEnforcer ? { strictTenants: this.tenantEnforcer.status } : {}) },
      services: Object.fromEntries(this.services.map((s) => [s.id, s.status])),
      persistence: this.persistence?.status() ?? null,
      memory: process.memoryUsage(),
      extensions: Object.fromEntries(this.services.filter((s) => s.attachment?.status).map((s) => [s.id, s.attachment!.status!()])),
    };
  }

  async flush(): Promise<void> {
    await this.flushAttachments();
    await this.persistence?.flush();
  }

  async stop(): Promise<void> {
    await this.edge?.close();
    this.edge = undefined;
    await this.flushAttachments();
    await this.persistence?.flush();
  }

  /** Pending work of attached services first: it may change account state (delivered log files). */
  private async flushAttachments(): Promise<void> {
    for (const runtime of this.services) {
      try {
        await runtime.attachment?.flush?.();
      } catch (error) {
        this.options.log(`${runtime.id}: flush failed: ${(error as Error).stack ?? error}`);
      }
    }
  }
}
