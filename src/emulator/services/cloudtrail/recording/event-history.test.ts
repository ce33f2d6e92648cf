/**
 * The indexed, bounded event history against a plain model (filter the newest `limit` events, newest
 * first), for random event streams — including clocks that go backwards — and random queries paged
 * to the end. Also: history file lines survive a round trip, and arbitrary text never crashes the
 * line parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHistory, type HistoryEvent, type HistoryQuery, LOOKUP_ATTRIBUTE_KEYS, type LookupAttributeKey } from './event-history.ts';
import { historyLine, parseHistoryLine } from './recorder.ts';

const NAMES = ['CreateUser', 'PutBucketPolicy', 'GetObject', 'DeleteAlarms'];
const USERS = ['root', 'alice', 'mallory', undefined];
const KEYS = ['AKIA1', 'ASIA2', undefined];
const RESOURCES = [
  { type: 'AWS::S3::Bucket', name: 'models', arn: 'arn:aws:s3:::models' },
  { type: 'AWS::IAM::User', name: 'alice', arn: 'arn:aws:iam::1:user/alice' },
  { type: 'AWS::KMS::Key', name: 'arn:aws:kms:us-east-1:1:key/k' },
];

const eventArb = fc.record({
  name: fc.constantFrom(...NAMES),
  readOnly: fc.boolean(),
  step: fc.integer({ min: -2, max: 5 }),
  source: fc.constantFrom('iam.amazonaws.com', 's3.amazonaws.com'),
  username: fc.constantFrom(...USERS),
  accessKeyId: fc.constantFrom(...KEYS),
  resources: fc.subarray(RESOURCES),
});

type EventSpec = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: readonly EventSpec[], monotonic: boolean): HistoryEvent[] {
  let t = 1_000_000;
  return specs.map((s, i) => {
    t += (monotonic ? Math.abs(s.step) : s.step) * 1000;
    return { id: `e${i}`, name: s.name, readOnly: s.readOnly, time: t, source: s.source, username: s.username, accessKeyId: s.accessKeyId, resources: s.resources, json: `{"i":${i}}` };
  });
}

function matches(e: HistoryEvent, key: LookupAttributeKey, value: string): boolean {
  switch (key) {
    case 'EventId': return e.id === value;
    case 'EventName': return e.name === value;
    case 'ReadOnly': return String(e.readOnly) === value;
    case 'Username': return e.username === value;
    case 'EventSource': return e.source === value;
    case 'AccessKeyId': return e.accessKeyId === value;
    case 'ResourceType': return e.resources.some((r) => r.type === value);
    case 'ResourceName': return e.resources.some((r) => r.name === value || r.arn === value);
  }
}

const valueFor: Record<LookupAttributeKey, string[]> = {
  EventId: ['e0', 'e3', 'e17'],
  EventName: NAMES,
  ReadOnly: ['true', 'false'],
  Username: ['root', 'alice', 'mallory'],
  EventSource: ['iam.amazonaws.com', 's3.amazonaws.com'],
  AccessKeyId: ['AKIA1', 'ASIA2'],
  ResourceType: RESOURCES.map((r) => r.type),
  ResourceName: [...RESOURCES.map((r) => r.name), 'arn:aws:s3:::models'],
};

const queryArb = fc.record({
  attribute: fc.option(fc.constantFrom(...LOOKUP_ATTRIBUTE_KEYS).chain((key) => fc.constantFrom(...valueFor[key]).map((value) => ({ key, value }))), { nil: undefined }),
  // On the events' one-second grid, so bounds often fall exactly on an event (inclusive ends).
  start: fc.option(fc.integer({ min: -10, max: 300 }).map((k) => 1_000_000 + k * 1000), { nil: undefined }),
  span: fc.option(fc.integer({ min: 0, max: 200 }).map((k) => k * 1000), { nil: undefined }),
  max: fc.integer({ min: 1, max: 7 }),
});

describe('EventHistory', () => {
  it('answers every query like a plain filter over the newest `limit` events, across pages', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 120 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.array(queryArb, { minLength: 1, maxLength: 5 }), (specs, limit, monotonic, queries) => {
        const events = build(specs, monotonic);
        const history = new EventHistory(limit);
        for (const e of events) history.append(e);
        const kept = events.slice(Math.max(0, events.length - limit)).reverse();
        expect(history.size).toBe(kept.length);
        for (const q of queries) {
          const end = q.start !== undefined && q.span !== undefined ? q.start + q.span : undefined;
          const expected = kept.filter((e) => (!q.attribute || matches(e, q.attribute.key, q.attribute.value)) && (q.start === undefined || e.time >= q.start) && (end === undefined || e.time <= end));
          const got: string[] = [];
          let before: number | undefined;
          for (let pages = 0; pages < 500; pages++) {
            const query: HistoryQuery = { attribute: q.attribute, start: q.start, end, before, max: q.max };
            const page = history.query(query);
            expect(page.events.length).toBeLessThanOrEqual(q.max);
            got.push(...page.events.map((e) => e.id));
            if (page.next === undefined) break;
            before = page.next;
          }
          expect(got).toEqual(expected.map((e) => e.id));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps answering after many evictions (batched compaction)', () => {
    const history = new EventHistory(10);
    for (let i = 0; i < 1000; i++) history.append({ id: `e${i}`, name: i % 2 ? 'A' : 'B', readOnly: false, time: i * 1000, source: 's', resources: [], json: '{}' });
    expect(history.size).toBe(10);
    expect(history.query({ max: 50 }).events.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `e${999 - i}`));
    expect(history.query({ attribute: { key: 'EventName', value: 'A' }, max: 50 }).events.map((e) => e.id)).toEqual(['e999', 'e997', 'e995', 'e993', 'e991']);
    expect(history.query({ attribute: { key: 'EventId', value: 'e5' }, max: 50 }).events).toEqual([]);
  });
});

describe('history file lines', () => {
  it('round-trip an event', () => {
    const json = JSON.stringify({ eventVersion: '1.11', userIdentity: { type: 'IAMUser', userName: 'alice', accessKeyId: 'AKIA1' }, eventTime: '2026-01-01T00:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventID: 'id-1', readOnly: false, requestParameters: { note: 'tab\there' } });
    const event: HistoryEvent = { id: 'id-1', name: 'CreateUser', readOnly: false, time: Date.parse('2026-01-01T00:00:00Z'), source: 'iam.amazonaws.com', username: 'alice', accessKeyId: 'AKIA1', resources: [{ type: 'AWS::IAM::User', name: 'bob', arn: 'arn:aws:iam::1:user/bob' }], json };
    expect(parseHistoryLine(historyLine(event))).toEqual(event);
    const anonymous: HistoryEvent = { ...event, username: undefined, accessKeyId: undefined, readOnly: true, resources: [] };
    expect(parseHistoryLine(historyLine(anonymous))).toEqual(anonymous);
  });

  it('never throw on arbitrary text, and reject what is not a whole line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseHistoryLine(text);
        if (parsed !== undefined) expect(typeof parsed.json).toBe('string');
      }),
      { numRuns: 2000 },
    );
    expect(parseHistoryLine('[]\t{"eventVersion":"1.11","userIdentity":{"type":"Ro')).toBeUndefined();
  });
});
