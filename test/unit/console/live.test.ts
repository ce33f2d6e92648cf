import { describe, expect, it } from 'vitest';
import { sessionEventStream } from '../../../src/console/live.ts';
import type { ConsoleView } from '../../../src/console/console-view.ts';
import type { SessionRecord } from '../../../src/labs/index.ts';

/** Reads server-sent events until `until` says stop. */
async function collect(stream: ReadableStream<Uint8Array>, until: (events: string[]) => boolean): Promise<string[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event) events.push(`${event}:${data}`);
    }
  }
  await reader.cancel();
  return events;
}

describe('live session updates', () => {
  it('polls the cheap stamp, reads the whole session only when it changed, and ends when the session is gone', async () => {
    let version = 1;
    let exists = true;
    let reads = 0;
    let stamps = 0;
    const stream = sessionEventStream({
      pollMs: 5,
      refreshMs: 60_000,
      stamp: async () => {
        // Another instance writes the session twice, then it disappears.
        stamps++;
        if (stamps === 20) version = 2;
        if (stamps === 40) version = 3;
        if (stamps === 60) exists = false;
        return exists ? `v${version}` : undefined;
      },
      read: async () => {
        reads++;
        return exists ? ({ id: 's', version } as SessionRecord) : undefined;
      },
      view: (record) => ({ session: { id: record.id }, version: record.version }) as unknown as ConsoleView,
    });
    const events = await collect(stream, (seen) => seen.some((e) => e.startsWith('gone')));
    expect(events).toEqual(['session:{"session":{"id":"s"},"version":1}', 'session:{"session":{"id":"s"},"version":2}', 'session:{"session":{"id":"s"},"version":3}', 'gone:{}']);
    expect(stamps).toBeGreaterThanOrEqual(60);
    expect(reads).toBe(4);
  });

  it('reads the session again after refreshMs even when the stamp did not change', async () => {
    let reads = 0;
    let busy: string | undefined = 'checking';
    // A lease held elsewhere expires: no write, so the stamp stays the same, but the view changes.
    setTimeout(() => (busy = undefined), 20);
    const stream = sessionEventStream({
      pollMs: 5,
      refreshMs: 30,
      stamp: async () => 'same',
      read: async () => (reads++, { id: 's', version: 1 } as SessionRecord),
      view: () => ({ session: { id: 's' }, busy }) as unknown as ConsoleView,
    });
    const events = await collect(stream, (seen) => seen.length >= 2);
    expect(events).toEqual(['session:{"session":{"id":"s"},"busy":"checking"}', 'session:{"session":{"id":"s"}}']);
    expect(reads).toBeGreaterThanOrEqual(2);
  });
});
