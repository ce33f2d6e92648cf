/**
 * A CloudTrail record's JSON text, kept in the event history in parts so that what many records
 * repeat is stored once. Of a typical ~1.1 KB management record, ~40% is the same for every call of
 * one caller: the head (`eventVersion` and `userIdentity`), the `userAgent`, and the tail
 * (`eventType` … `recipientAccountId`, `eventCategory`, `tlsDetails`). Those parts are interned;
 * the parts that differ per call (times, names, parameters, ids) are kept as their own strings.
 *
 * The text is rebuilt on read and is byte for byte what `JSON.stringify(record)` gives: each part is
 * `JSON.stringify` of the record's members in that group, in the record's own key order, so joining
 * the parts' members with commas is the whole record. A record whose keys do not fall into the
 * groups in order (a member added later and not listed here) is kept whole, never reordered.
 */

/** Groups of record members in the order a record has them (event-record.ts builds that order). */
const GROUP_OF: ReadonlyMap<string, number> = new Map(Object.entries({
  eventVersion: 0, userIdentity: 0,
  eventTime: 1, eventSource: 1, eventName: 1, awsRegion: 1, sourceIPAddress: 1,
  userAgent: 2,
  errorCode: 3, errorMessage: 3, requestParameters: 3, responseElements: 3, additionalEventData: 3, requestID: 3, eventID: 3, readOnly: 3, resources: 3,
  eventType: 4, managementEvent: 4, recipientAccountId: 4, eventCategory: 4, tlsDetails: 4,
  // Per event (cross-account copies): kept in the tail, which is then not interned.
  sharedEventID: 4,
}));
const GROUPS = 5;
/** Groups the same for many records (head, user agent, tail). */
const SHARED_GROUPS = new Set([0, 2, 4]);

/** Interns strings many records share, up to a bound (then starts over: sharing is an optimisation). */
export class SharedText {
  readonly #strings = new Map<string, string>();
  readonly max: number;

  constructor(max = 10_000) {
    this.max = max;
  }

  intern(text: string): string {
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    if (this.#strings.size >= this.max) this.#strings.clear();
    this.#strings.set(text, text);
    return text;
  }

  get size(): number {
    return this.#strings.size;
  }
}

/** The record's text: one string (kept whole) or the JSON of each group of members, `{…}` each. */
export type RecordText = string | readonly string[];

/** Splits a record into its stored parts, interning the shared ones. */
export function recordText(record: object, shared: SharedText): RecordText {
  const groups: Record<string, unknown>[] = Array.from({ length: GROUPS }, () => ({}));
  let last = 0;
  for (const [key, value] of Object.entries(record)) {
    const group = GROUP_OF.get(key);
    if (group === undefined || group < last) return JSON.stringify(record);
    last = group;
    groups[group]![key] = value;
  }
  const hasShared = 'sharedEventID' in record && (record as { sharedEventID?: unknown }).sharedEventID !== undefined;
  return groups.map((members, i) => {
    const json = JSON.stringify(members);
    return SHARED_GROUPS.has(i) && !(i === 4 && hasShared) ? shared.intern(json) : json;
  });
}

/** The record's JSON text, as `JSON.stringify(record)` wrote it. */
export function recordJson(text: RecordText): string {
  if (typeof text === 'string') return text;
  let out = '';
  for (const part of text) {
    if (part.length <= 2) continue; // "{}": a group with no members in this record
    out += out ? `,${part.slice(1, -1)}` : part.slice(1, -1);
  }
  return `{${out}}`;
}
