/**
 * All emulated state: accounts, each with its issued credentials, account-wide service state
 * (IAM, S3's buckets, S3 Control) and per-region service state (KMS, EC2 …). Service state is
 * plain data (objects, arrays, Maps, Dates, Buffers) so persistence can write it as is.
 */
import type { IssuedCredential } from '../auth/credentials.ts';

export const DEFAULT_ACCOUNT_ID = '000000000000';

export interface AccountData {
  readonly id: string;
  readonly createdAt: string;
  /** Issued access keys by id. */
  credentials: Record<string, IssuedCredential>;
  /** Account-wide state by service id. */
  global: Record<string, unknown>;
  /** Regional state: region → service id → state. */
  regions: Record<string, Record<string, unknown>>;
  /**
   * A strict tenant account (workshops): only keys issued for it, with verified signatures, reach
   * it, and IAM is enforced on every call into or out of it (auth/tenants.ts). Absent: relaxed.
   */
  tenant?: TenantInfo;
}

export interface TenantInfo {
  readonly strict: true;
  readonly createdAt: string;
  /** Free text the creator gave (e.g. "workshop w1, learner l7"), for listings. */
  readonly label?: string;
  /** A member account the tenant with this id created (Organizations); removed with it. */
  readonly parent?: string;
}

export type AccountListener = (accountId: string) => void;

export class World {
  private readonly accounts = new Map<string, AccountData>();
  private readonly keyIndex = new Map<string, string>();
  /** Ids of strict tenant accounts, so relaxed traffic can skip tenant checks at a glance. */
  private readonly strictIds = new Set<string>();
  /**
   * Keys of tenant accounts removed while this process ran: refused rather than treated as
   * unknown keys (which would make them callers of the relaxed default account).
   */
  readonly retiredTenantKeys = new Set<string>();
  /** Increments whenever accounts are replaced wholesale (load, reset), so caches can rebuild. */
  generation = 0;
  /** Called when an account's state changed in a way that must be persisted. */
  onDirty: AccountListener = () => {};

  hasAccount(id: string): boolean {
    return this.accounts.has(id);
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  account(id: string): AccountData {
    let account = this.accounts.get(id);
    if (!account) {
      account = { id, createdAt: new Date().toISOString(), credentials: {}, global: {}, regions: {} };
      this.accounts.set(id, account);
    }
    return account;
  }

  /** State of one service in one account (and region, for regional services), created on first use. */
  serviceState<S>(accountId: string, serviceId: string, region: string | undefined, create: () => S): S {
    const account = this.account(accountId);
    const bucket = region === undefined ? account.global : (account.regions[region] ??= {});
    let state = bucket[serviceId] as S | undefined;
    if (state === undefined) {
      state = create();
      bucket[serviceId] = state;
    }
    return state;
  }

  /** Existing state only (no creation), e.g. to scan accounts without materialising new ones. */
  peekServiceState<S>(accountId: string, serviceId: string, region?: string): S | undefined {
    const account = this.accounts.get(accountId);
    if (!account) return undefined;
    const bucket = region === undefined ? account.global : account.regions[region];
    return bucket?.[serviceId] as S | undefined;
  }

  // ── strict tenant accounts ─────────────────────────────────────────────────────────────────────

  isStrict(id: string): boolean {
    return this.strictIds.size > 0 && this.strictIds.has(id);
  }

  hasStrictAccounts(): boolean {
    return this.strictIds.size > 0;
  }

  strictAccountIds(): string[] {
    return [...this.strictIds];
  }

  /** Marks an account a strict tenant (creating it); persisted with the account. */
  makeStrict(id: string, info: Omit<TenantInfo, 'strict'>): void {
    this.account(id).tenant = { strict: true, ...info };
    this.strictIds.add(id);
    this.onDirty(id);
  }

  // ── credentials ──────────────────────────────────────────────────────────────────────────────

  findCredential(accessKeyId: string): IssuedCredential | undefined {
    const accountId = this.keyIndex.get(accessKeyId);
    return accountId === undefined ? undefined : this.accounts.get(accountId)?.credentials[accessKeyId];
  }

  issueCredential(credential: IssuedCredential): void {
    this.account(credential.accountId).credentials[credential.accessKeyId] = credential;
    this.keyIndex.set(credential.accessKeyId, credential.accountId);
    this.onDirty(credential.accountId);
  }

  revokeCredential(accessKeyId: string): void {
    const accountId = this.keyIndex.get(accessKeyId);
    if (accountId === undefined) return;
    const account = this.accounts.get(accountId);
    if (account) delete account.credentials[accessKeyId];
    this.keyIndex.delete(accessKeyId);
    this.onDirty(accountId);
  }

  credentialsOf(accountId: string): IssuedCredential[] {
    return Object.values(this.accounts.get(accountId)?.credentials ?? {});
  }

  /** Drops expired temporary credentials of an account (called opportunistically). */
  pruneExpired(accountId: string, now: number): void {
    const account = this.accounts.get(accountId);
    if (!account) return;
    for (const [id, c] of Object.entries(account.credentials)) {
      if (c.expiresAt !== undefined && c.expiresAt < now) {
        delete account.credentials[id];
        this.keyIndex.delete(id);
      }
    }
  }

  // ── whole accounts (persistence, reset) ──────────────────────────────────────────────────────

  exportAccount(id: string): AccountData | undefined {
    return this.accounts.get(id);
  }

  importAccount(data: AccountData): void {
    this.removeAccount(data.id, false);
    this.accounts.set(data.id, data);
    if (data.tenant?.strict) this.strictIds.add(data.id);
    for (const keyId of Object.keys(data.credentials)) this.keyIndex.set(keyId, data.id);
    this.generation++;
  }

  /** Forgets an account entirely (its state and its keys). */
  removeAccount(id: string, bumpGeneration = true): void {
    const account = this.accounts.get(id);
    if (!account) return;
    for (const keyId of Object.keys(account.credentials)) {
      this.keyIndex.delete(keyId);
      if (account.tenant && bumpGeneration) this.retiredTenantKeys.add(keyId);
    }
    this.accounts.delete(id);
    this.strictIds.delete(id);
    if (bumpGeneration) this.generation++;
  }

  clear(): void {
    this.accounts.clear();
    this.keyIndex.clear();
    this.strictIds.clear();
    this.generation++;
  }
}
