/**
 * The recent authorization decisions of each account, for learners' "why was this allowed or
 * denied?" (GET /_mlsec/explain). A bounded ring per account (the caller's account): the oldest
 * decisions are dropped first, so memory stays flat however long the emulator runs. A decision
 * with its evaluations is ~1 KB, so the rings alone would allow 500 MB across 1,000 busy accounts;
 * a second bound for all accounts together (`totalCapacity`) drops the oldest decisions of any
 * account once it is reached — a workshop's quiet learners keep theirs until the emulator as a
 * whole has seen that many newer ones.
 */
import type { ContextValue, Decision, MatchedStatement } from '../policy/index.ts';

export interface Evaluation {
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly decision: Decision;
  /** The kind of policy that decided, in AWS's words (`service control policy` …), or what granted an allow. */
  readonly decidedBy: string;
  readonly reason?: string;
  /** The AccessDenied message the caller got (denials). */
  readonly message?: string;
  readonly summary: string;
  readonly matchedStatements: readonly MatchedStatement[];
  /** The request context the decision saw (request keys; principal-derived keys are implied by the principal). */
  readonly context: Readonly<Record<string, ContextValue>>;
  /** Made on the caller's behalf by another service (kms:ViaService). */
  readonly viaService?: string;
  /** What S3 added: an ACL grant, or RestrictPublicBuckets taking a grant away. */
  readonly s3?: string;
}

export interface DecisionRecord {
  /** Increases with every decision logged (orders decisions made within the same millisecond). */
  readonly sequence: number;
  readonly requestId: string;
  readonly time: string;
  readonly accountId: string;
  readonly region: string;
  readonly service: string;
  readonly operation: string;
  readonly principal: { readonly type: string; readonly arn: string; readonly accessKeyId?: string };
  readonly sourceIp: string;
  readonly secure: boolean;
  /** Denied as soon as one evaluation is; decisions made on the caller's behalf later in the call are appended. */
  decision: Decision;
  readonly evaluations: Evaluation[];
}

export const DEFAULT_DECISIONS_PER_ACCOUNT = 500;
/** Decisions kept for all accounts together (~50 MB). */
export const DEFAULT_DECISIONS_TOTAL = 50_000;

export class DecisionLog {
  readonly #perAccount = new Map<string, DecisionRecord[]>();
  readonly #byRequest = new Map<string, DecisionRecord>();
  /** Every decision kept, for the total bound. */
  readonly #live = new Set<DecisionRecord>();
  /** Decisions in the order they were made, from #orderStart; may still hold some already dropped. */
  #order: DecisionRecord[] = [];
  #orderStart = 0;
  readonly capacity: number;
  readonly totalCapacity: number;
  #sequence = 0;

  constructor(capacity = DEFAULT_DECISIONS_PER_ACCOUNT, totalCapacity = DEFAULT_DECISIONS_TOTAL) {
    this.capacity = capacity;
    this.totalCapacity = Math.max(capacity, totalCapacity);
  }

  add(entry: Omit<DecisionRecord, 'sequence'>): DecisionRecord {
    const record: DecisionRecord = { sequence: ++this.#sequence, ...entry };
    let ring = this.#perAccount.get(record.accountId);
    if (!ring) this.#perAccount.set(record.accountId, (ring = []));
    ring.push(record);
    this.#byRequest.set(record.requestId, record);
    this.#live.add(record);
    this.#order.push(record);
    if (ring.length > this.capacity) {
      for (const d of ring.splice(0, ring.length - this.capacity)) this.#forget(d);
    }
    while (this.#live.size > this.totalCapacity) this.#dropOldest();
    // The order list keeps dropped decisions until they reach its front: rebuild it when they are most of it.
    if (this.#order.length - this.#orderStart > 2 * this.#live.size + 1024) {
      this.#order = this.#order.slice(this.#orderStart).filter((r) => this.#live.has(r));
      this.#orderStart = 0;
    }
    return record;
  }

  /** Drops the oldest decision of all accounts (the front of its account's ring: rings are oldest first). */
  #dropOldest(): void {
    while (this.#orderStart < this.#order.length) {
      const oldest = this.#order[this.#orderStart++]!;
      if (!this.#live.has(oldest)) continue;
      const ring = this.#perAccount.get(oldest.accountId)!;
      ring.shift();
      if (ring.length === 0) this.#perAccount.delete(oldest.accountId);
      this.#forget(oldest);
      return;
    }
  }

  #forget(record: DecisionRecord): void {
    this.#live.delete(record);
    if (this.#byRequest.get(record.requestId) === record) this.#byRequest.delete(record.requestId);
  }

  /** Adds an evaluation made later in a call (on the caller's behalf, by another service). */
  append(requestId: string, evaluation: Evaluation): void {
    const record = this.#byRequest.get(requestId);
    if (!record) return;
    record.evaluations.push(evaluation);
    if (evaluation.decision !== 'allowed' && record.decision === 'allowed') record.decision = evaluation.decision;
  }

  byRequestId(requestId: string): DecisionRecord | undefined {
    return this.#byRequest.get(requestId);
  }

  /** The most recent first, optionally only one access key's or only denials. */
  recent(filter: { accountId?: string; accessKeyId?: string; deniedOnly?: boolean; limit: number }): DecisionRecord[] {
    const rings = filter.accountId !== undefined ? [this.#perAccount.get(filter.accountId) ?? []] : [...this.#perAccount.values()];
    const all = rings.flat().filter((r) => (filter.accessKeyId === undefined || r.principal.accessKeyId === filter.accessKeyId) && (!filter.deniedOnly || r.decision !== 'allowed'));
    all.sort((a, b) => b.sequence - a.sequence);
    return all.slice(0, filter.limit);
  }

  reset(accountId?: string): void {
    const ids = accountId === undefined ? [...this.#perAccount.keys()] : [accountId];
    for (const id of ids) {
      for (const r of this.#perAccount.get(id) ?? []) this.#forget(r);
      this.#perAccount.delete(id);
    }
    if (accountId === undefined) {
      this.#order = [];
      this.#orderStart = 0;
    }
  }

  get size(): number {
    return this.#live.size;
  }
}
