/**
 * What the emulator keeps per call is bounded (docs/emulator.md, "Memory"): CloudTrail's event
 * history keeps the newest `historyLimit` events per account and region (10,000 by default), and
 * LookupEvents still answers exactly over what is kept — every page, every lookup attribute, the
 * record text byte for byte — after older events were cut; the same through a restart from disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as CT from '@aws-sdk/client-cloudtrail';
import * as I from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { record } from './cloudtrail-support.ts';
import { clientConfig, emulator } from './support.ts';

const ROOT = { accessKeyId: '123456789012', secretAccessKey: 'x' };

async function lookupAll(ct: CT.CloudTrailClient, input: CT.LookupEventsCommandInput): Promise<CT.Event[]> {
  const events: CT.Event[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ct.send(new CT.LookupEventsCommand({ ...input, NextToken }));
    events.push(...(page.Events ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return events;
}

describe('bounded CloudTrail event history', () => {
  it('keeps 10,000 events per account and region unless told otherwise', async () => {
    const emu = await emulator();
    try {
      const status = (await (await fetch(`${emu.url}/_mlsec/status`)).json()) as { extensions: { cloudtrail: { historyLimit: number } } };
      expect(status.extensions.cloudtrail.historyLimit).toBe(10_000);
    } finally {
      await emu.stop();
    }
  });

  it('keeps the newest events and pages through exactly those, by every kind of lookup, also after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-ct-bound-'));
    const limit = 30;
    const users = 25;
    // Newest first: each user was created, then tagged.
    const expected = Array.from({ length: users }, (_, i) => users - 1 - i).flatMap((i) => [`TagUser:user-${i}`, `CreateUser:user-${i}`]);
    const label = (e: CT.Event) => `${e.EventName}:${record(e).requestParameters.userName}`;
    // Every LookupEvents call is recorded too (a read-only event) and pushes the oldest event out,
    // even between the pages of one lookup: what is returned is always the newest writes still kept.
    const check = async (url: string) => {
      const ct = new CT.CloudTrailClient(clientConfig(url, ROOT));
      const writes = await lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }], MaxResults: 4 });
      const kept = writes.map(label);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThanOrEqual(limit);
      expect(kept).toEqual(expected.slice(0, kept.length));
      for (const e of writes) {
        expect(record(e)).toMatchObject({ eventName: e.EventName, eventID: e.EventId, recipientAccountId: ROOT.accessKeyId, userIdentity: { type: 'Root', accountId: ROOT.accessKeyId } });
      }
      const creates = (await lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }], MaxResults: 3 })).map(label);
      expect(creates.length).toBeGreaterThan(0);
      expect(creates).toEqual(expected.filter((l) => l.startsWith('CreateUser:')).slice(0, creates.length));
      expect(await lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'user-0' }] })).toEqual([]);
      const byId = await lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: writes[0]!.EventId! }] });
      expect(byId.map((e) => e.CloudTrailEvent)).toEqual([writes[0]!.CloudTrailEvent]);
      return new Map(writes.map((e) => [e.EventId!, e.CloudTrailEvent!]));
    };
    try {
      const options = { dataDir, serviceSettings: { cloudtrail: { historyLimit: limit } } };
      const emu = await emulator(options);
      let before: Map<string, string>;
      try {
        const iam = new I.IAMClient(clientConfig(emu.url, ROOT));
        for (let i = 0; i < users; i++) {
          await iam.send(new I.CreateUserCommand({ UserName: `user-${i}` }));
          await iam.send(new I.TagUserCommand({ UserName: `user-${i}`, Tags: [{ Key: 'n', Value: String(i) }] }));
        }
        before = await check(emu.url);
      } finally {
        await emu.stop();
      }
      const again = await emulator(options);
      try {
        const after = await check(again.url);
        // Read back from the history file: the same records, byte for byte.
        const both = [...after.keys()].filter((id) => before.has(id));
        expect(both.length).toBeGreaterThan(0);
        for (const id of both) expect(after.get(id)).toBe(before.get(id));
      } finally {
        await again.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
