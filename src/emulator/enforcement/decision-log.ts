/**
 * The recent authorization decisions of each account, for learners' "why was this allowed or
 * denied?" (GET /_mlsec/explain). A bounded ring per account (the caller's account): the oldest
 * decisions are dropped first, so memory stays flat however long the emulator runs.
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

export class DecisionLog {
  readonly #perAccount = new Map<string, DecisionRecord[]>();
  readonly #byRequest = new Map<string, DecisionRecord>();
  readonly capacity: number;
  #sequence = 0;

  constructor(capacity = DEFAULT_DECISIONS_PER_ACCOUNT) {
    this.capacity = capacity;
  }

  add(entry: Omit<DecisionRecord, 'sequence'>): DecisionRecord {
    const record: DecisionRecord = { sequence: ++this.#sequence, ...entry };
    let ring = this.#perAccount.get(record.accountId);
    if (!ring) this.#perAccount.set(record.accountId, (ring = []));
    ring.push(record);
    this.#byRequest.set(record.requestId, record);
    if (ring.length > this.capacity) {
      const dropped = ring.splice(0, ring.length - this.capacity);
      for (const d of dropped) if (this.#byRequest.get(d.requestId) === d) this.#byRequest.delete(d.requestId);
    }
    return record;
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
      for (const r of this.#perAccount.get(id) ?? []) this.#byRequest.delete(r.requestId);
      this.#perAccount.delete(id);
    }
  }

  get size(): number {
    return this.#byRequest.size;
  }
}
