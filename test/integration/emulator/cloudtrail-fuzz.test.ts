/**
 * Property tests of CloudTrail's own parsers over HTTP: arbitrary NextTokens, trail names and ARNs,
 * and lookup attributes always get an AWS error (a 4xx with a CloudTrail code) or a valid answer —
 * never a 500, never a crash — and the emulator keeps serving.
 */
import * as CT from '@aws-sdk/client-cloudtrail';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { clientConfig, emulator } from './support.ts';

const CODES = new Set([
  'InvalidNextTokenException', 'InvalidLookupAttributesException', 'ValidationException', 'InvalidTrailNameException', 'TrailNotFoundException',
  'CloudTrailARNInvalidException', 'InvalidTimeRangeException', 'InvalidMaxResultsException', 'SerializationException',
]);

describe('CloudTrail parsers under arbitrary input', () => {
  let emu: RunningEmulator;
  let ct: CT.CloudTrailClient;
  beforeAll(async () => {
    emu = await emulator();
    ct = new CT.CloudTrailClient(clientConfig(emu.url));
  });
  afterAll(async () => emu.stop());

  async function outcome(send: () => Promise<unknown>): Promise<string> {
    try {
      await send();
      return 'ok';
    } catch (error) {
      const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
      expect(e.$metadata?.httpStatusCode, e.name).toBe(400);
      expect(CODES.has(e.name), e.name).toBe(true);
      return e.name;
    }
  }

  it('LookupEvents tokens and attribute values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 80 }), fc.base64String({ maxLength: 80 }), fc.json().map((j) => Buffer.from(j).toString('base64url'))),
        fc.constantFrom('EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'),
        fc.string({ maxLength: 40 }),
        async (token, key, value) => {
          const result = await outcome(() => ct.send(new CT.LookupEventsCommand({ NextToken: token || undefined, LookupAttributes: [{ AttributeKey: key as CT.LookupAttributeKey, AttributeValue: value }] })));
          if (token) expect(result).not.toBe('ok');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('trail names and ARNs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 140 }), fc.string({ maxLength: 40 }).map((s) => `arn:aws:cloudtrail:us-east-1:000000000000:trail/${s}`)), async (name) => {
        const result = await outcome(() => ct.send(new CT.GetTrailCommand({ Name: name })));
        expect(result).not.toBe('ok');
      }),
      { numRuns: 150 },
    );
    expect((await ct.send(new CT.DescribeTrailsCommand({}))).trailList).toEqual([]);
  });
});
