/**
 * The event history keeps a record's JSON in parts and interns the shared ones: the text read back
 * must be exactly `JSON.stringify(record)` — for real records (failures, S3, TLS, cross-account
 * copies) and for any record, including ones with members the grouping does not know or in an order
 * it does not expect (kept whole).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../auth/principal.ts';
import type { Call } from '../../../pipeline/hooks.ts';
import { buildEvent, recordFor } from './event-record.ts';
import { recordJson, recordText, SharedText } from './record-text.ts';

const ACCOUNT = '123456789012';
const alice: Principal = { type: 'IAMUser', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/alice`, userId: 'AIDAALICE0000000000X', accessKeyId: 'AKIAALICE0000000001', userName: 'alice' };

function call(overrides: Partial<Call>): Call {
  return {
    requestId: 'req-1', receivedAt: new Date('2026-01-01T00:00:00Z'), method: 'POST', path: '/', host: '127.0.0.1:4566', sourceIp: '::ffff:10.0.0.5',
    userAgent: 'aws-cli/2.17.0 Python/3.12', secure: false, principal: alice, accountId: ACCOUNT, region: 'us-east-1', status: 200, durationMs: 1,
    service: 'iam', protocol: 'awsQuery', operation: 'CreateUser', input: { UserName: 'bob' }, output: { User: { UserName: 'bob' } },
    ...overrides,
  } as Call;
}

const CALLS: Call[] = [
  call({}),
  call({ secure: true }),
  call({ status: 409, output: undefined, error: Object.assign(new Error('User with name bob already exists.'), { code: 'EntityAlreadyExists', status: 409 }) as never }),
  call({ service: 's3', protocol: 'restXml', operation: 'PutBucketPolicy', input: { Bucket: 'models', Policy: '{"Version":"2012-10-17","Statement":[]}' }, output: {} }),
  call({ service: 'sts', operation: 'GetCallerIdentity', input: {}, output: { Account: ACCOUNT }, userAgent: 'ua "with" quotes\\ and \u00e9' }),
];

describe('record text', () => {
  it('reads back exactly JSON.stringify of real records, cross-account copies included', () => {
    const shared = new SharedText();
    for (const c of CALLS) {
      const event = buildEvent(c, { signingName: c.service!, operation: undefined, bucketOwner: undefined })!;
      for (const record of [recordFor(event, ACCOUNT), recordFor(event, '210987654321', 'shared-id-1')]) {
        const text = recordText(record, shared);
        expect(typeof text).not.toBe('string');
        expect(recordJson(text)).toBe(JSON.stringify(record));
      }
    }
  });

  it('stores what a caller\'s records share once', () => {
    const shared = new SharedText();
    const event = buildEvent(CALLS[0]!, { signingName: 'iam', operation: undefined, bucketOwner: undefined })!;
    for (let i = 0; i < 100; i++) recordText({ ...recordFor(event, ACCOUNT), eventID: `id-${i}` }, shared);
    // head, user agent, tail: three strings for a hundred records.
    expect(shared.size).toBe(3);
  });

  it('starts over when the interned strings reach their bound, and still reads back', () => {
    const shared = new SharedText(2);
    const event = buildEvent(CALLS[0]!, { signingName: 'iam', operation: undefined, bucketOwner: undefined })!;
    for (let i = 0; i < 10; i++) {
      const record = { ...recordFor(event, ACCOUNT), userAgent: `agent-${i}` };
      expect(recordJson(recordText(record, shared))).toBe(JSON.stringify(record));
      expect(shared.size).toBeLessThanOrEqual(2);
    }
  });

  it('keeps any record\'s text exactly, whatever its members and their order', () => {
    const KNOWN = ['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID', 'readOnly', 'resources', 'eventType', 'managementEvent', 'recipientAccountId', 'sharedEventID', 'eventCategory', 'tlsDetails'];
    const member = fc.tuple(fc.oneof(fc.constantFrom(...KNOWN), fc.string()), fc.oneof(fc.jsonValue(), fc.constant(undefined)));
    fc.assert(
      fc.property(fc.array(member, { maxLength: 30 }), fc.boolean(), (members, canonical) => {
        const ordered = canonical ? [...members].sort((a, b) => KNOWN.indexOf(a[0]) - KNOWN.indexOf(b[0])) : members;
        const record = Object.fromEntries(ordered);
        expect(recordJson(recordText(record, new SharedText()))).toBe(JSON.stringify(record));
      }),
    );
  });
});
