/**
 * One account's event history in one region: what LookupEvents reads. AWS keeps 90 days; the
 * emulator keeps the newest `limit` management events (a bounded ring), indexed by every lookup
 * attribute so a lookup over 100,000 events touches only the events it returns.
 *
 * Events are numbered in arrival order (`seq`). Each index maps an attribute value to the seqs of
 * its events, ascending. Evicted events are cut from the front in batches (so appends stay O(1)
 * amortised); until a cut, `oldestSeq` hides them.
 *
 * Memory: a value seen once (every EventId, most resource names) maps to its seq as a plain number,
 * not a one-element array (an array costs ~180 bytes: the empty array grows to 16 slots on its
 * first push); an index exists only once a value for it has been seen. That cuts what the indexes
 * cost by ~40%; the record's JSON text is most of the rest (docs/emulator.md, "Memory").
 */

export type LookupAttributeKey = 'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

export const LOOKUP_ATTRIBUTE_KEYS: readonly LookupAttributeKey[] = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

/** An event as the history keeps it: what LookupEvents returns, plus the record as JSON text. */
export interface HistoryEvent {
  readonly id: string;
  readonly name: string;
  readonly readOnly: boolean;
  readonly time: number;
  readonly source: string;
  readonly username?: string;
  readonly accessKeyId?: string;
  readonly resources: readonly { readonly type: string; readonly name: string; readonly arn?: string }[];
  /** The CloudTrail record exactly as LookupEvents' `CloudTrailEvent` returns it. */
  readonly json: string;
}

export interface HistoryQuery {
  readonly attribute?: { readonly key: LookupAttributeKey; readonly value: string };
  /** Epoch ms, inclusive. */
  readonly start?: number;
  readonly end?: number;
  /** Continue below this seq (from a NextToken). */
  readonly before?: number;
  readonly max: number;
}

export interface HistoryPage {
  readonly events: HistoryEvent[];
  /** Seq to continue from when more events match. */
  readonly next?: number;
}

/** The seqs of one attribute value: a single seq, or several ascending. */
type Postings = number | number[];

function postingsArray(postings: Postings | undefined): readonly number[] {
  return postings === undefined ? [] : typeof postings === 'number' ? [postings] : postings;
}

function attributeValues(event: HistoryEvent, key: LookupAttributeKey): string[] {
  switch (key) {
    case 'EventId': return [event.id];
    case 'EventName': return [event.name];
    case 'ReadOnly': return [event.readOnly ? 'true' : 'false'];
    case 'Username': return event.username ? [event.username] : [];
    case 'EventSource': return [event.source];
    case 'AccessKeyId': return event.accessKeyId ? [event.accessKeyId] : [];
    case 'ResourceType':
      return event.resources.length < 2 ? event.resources.map((r) => r.type) : [...new Set(event.resources.map((r) => r.type))];
    case 'ResourceName': {
      const names = event.resources.flatMap((r) => (r.arn && r.arn !== r.name ? [r.name, r.arn] : [r.name]));
      return names.length < 2 ? names : [...new Set(names)];
    }
  }
}

/** Index of the last element of an ascending array that is < bound (-1 when none). */
function lastBelow(sorted: readonly number[], bound: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export class EventHistory {
  readonly limit: number;
  /** items[i] has seq firstSeq + i. */
  private items: HistoryEvent[] = [];
  private firstSeq = 0;
  /** Created on first use: an account that never sends an access key has no AccessKeyId index. */
  private readonly indexes = new Map<LookupAttributeKey, Map<string, Postings>>();
  /** Whether times never went backwards (then time ranges can be binary-searched). */
  private ordered = true;

  constructor(limit: number) {
    this.limit = Math.max(1, Math.floor(limit));
  }

  /** Seq of the newest event + 1. */
  get endSeq(): number {
    return this.firstSeq + this.items.length;
  }

  /** Oldest seq still visible (the ring holds at most `limit`). */
  get oldestSeq(): number {
    return Math.max(this.firstSeq, this.endSeq - this.limit);
  }

  get size(): number {
    return this.endSeq - this.oldestSeq;
  }

  append(event: HistoryEvent): void {
    const last = this.items[this.items.length - 1];
    if (last && event.time < last.time) this.ordered = false;
    const seq = this.endSeq;
    this.items.push(event);
    for (const key of LOOKUP_ATTRIBUTE_KEYS) {
      const values = attributeValues(event, key);
      if (values.length === 0) continue;
      let index = this.indexes.get(key);
      if (!index) this.indexes.set(key, (index = new Map()));
      for (const value of values) {
        const postings = index.get(value);
        if (postings === undefined) index.set(value, seq);
        else if (typeof postings === 'number') index.set(value, [postings, seq]);
        else postings.push(seq);
      }
    }
    // Cut evicted events in batches of a quarter of the limit.
    if (this.items.length > this.limit + Math.max(1, this.limit >> 2)) this.compact();
  }

  /** Visible events, oldest first (for rewriting the history file). */
  *events(): Iterable<HistoryEvent> {
    for (let seq = this.oldestSeq; seq < this.endSeq; seq++) yield this.items[seq - this.firstSeq]!;
  }

  private compact(): void {
    const drop = this.oldestSeq - this.firstSeq;
    if (drop <= 0) return;
    this.items = this.items.slice(drop);
    this.firstSeq += drop;
    for (const index of this.indexes.values()) {
      for (const [value, postings] of index) {
        if (typeof postings === 'number') {
          if (postings < this.firstSeq) index.delete(value);
          continue;
        }
        const cut = lastBelow(postings, this.firstSeq) + 1;
        if (cut === postings.length) index.delete(value);
        else if (cut === postings.length - 1) index.set(value, postings[cut]!);
        else if (cut > 0) index.set(value, postings.slice(cut));
      }
    }
  }

  private at(seq: number): HistoryEvent {
    return this.items[seq - this.firstSeq]!;
  }

  /** Newest first, as LookupEvents returns them. */
  query(q: HistoryQuery): HistoryPage {
    const oldest = this.oldestSeq;
    let upper = Math.min(this.endSeq, q.before ?? this.endSeq);
    const out: HistoryEvent[] = [];
    const inRange = (e: HistoryEvent) => (q.start === undefined || e.time >= q.start) && (q.end === undefined || e.time <= q.end);
    // With ordered times, events newer than EndTime are skipped by binary search, and the scan stops at StartTime.
    const tooOld = (e: HistoryEvent) => this.ordered && q.start !== undefined && e.time < q.start;
    if (q.attribute) {
      const list = postingsArray(this.indexes.get(q.attribute.key)?.get(q.attribute.value));
      let i = lastBelow(list, upper);
      if (this.ordered && q.end !== undefined) i = Math.min(i, this.lastAtOrBefore(list, q.end));
      for (; i >= 0 && list[i]! >= oldest; i--) {
        const event = this.at(list[i]!);
        if (tooOld(event)) break;
        if (!inRange(event)) continue;
        if (out.length === q.max) return { events: out, next: list[i]! + 1 };
        out.push(event);
      }
      return { events: out };
    }
    if (this.ordered && q.end !== undefined) upper = Math.min(upper, this.seqAtOrBefore(q.end) + 1);
    for (let seq = upper - 1; seq >= oldest; seq--) {
      const event = this.at(seq);
      if (tooOld(event)) break;
      if (!inRange(event)) continue;
      if (out.length === q.max) return { events: out, next: seq + 1 };
      out.push(event);
    }
    return { events: out };
  }

  /** Newest seq whose time is <= t (oldestSeq - 1 when none); requires ordered times. */
  private seqAtOrBefore(t: number): number {
    let lo = this.oldestSeq;
    let hi = this.endSeq;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).time <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Index in `list` of the newest event whose time is <= t (-1 when none). */
  private lastAtOrBefore(list: readonly number[], t: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const seq = list[mid]!;
      if (seq < this.firstSeq || this.at(seq).time <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
