/**
 * Server-sent events for a lab page: the session's view each time it changes. The stream reads the
 * session from the store (every transition and every provisioning step is persisted there), so it
 * shows work done by any request, any process — the CLI on the same database, or another app
 * instance on the same PostgreSQL database.
 *
 * With `stamp` (the session's version and write time, plus anything in-process that changes the
 * view), each poll reads only that; the whole record is read when the stamp changes, and every
 * `refreshMs` anyway (a lease can expire without a write).
 */
import type { SessionRecord } from '../labs/index.ts';
import type { ConsoleView } from './console-view.ts';

export interface LiveOptions {
  read: () => Promise<SessionRecord | undefined>;
  /** A cheap fingerprint of the session; undefined when it is gone. */
  stamp?: () => Promise<string | undefined>;
  refreshMs?: number;
  view: (record: SessionRecord) => ConsoleView;
  signal?: AbortSignal;
  pollMs?: number;
  heartbeatMs?: number;
}

export function sessionEventStream(options: LiveOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pollMs = options.pollMs ?? 200;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const refreshMs = options.refreshMs ?? 5_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = '';
      let lastSent = Date.now();
      let lastStamp: string | undefined;
      let lastRead = 0;
      const stop = () => {
        if (closed) return;
        closed = true;
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      options.signal?.addEventListener('abort', stop, { once: true });
      // Tells EventSource how long to wait before reconnecting after a dropped connection.
      controller.enqueue(encoder.encode('retry: 1000\n\n'));
      const tick = async () => {
        if (closed) return;
        try {
          if (options.stamp) {
            const stamp = await options.stamp();
            const unchanged = stamp !== undefined && stamp === lastStamp && Date.now() - lastRead < refreshMs;
            lastStamp = stamp;
            if (unchanged) {
              if (Date.now() - lastSent > heartbeatMs) {
                lastSent = Date.now();
                controller.enqueue(encoder.encode(': still here\n\n'));
              }
              if (!closed) timer = setTimeout(() => void tick(), pollMs);
              return;
            }
          }
          lastRead = Date.now();
          const record = await options.read();
          if (!record) {
            controller.enqueue(encoder.encode('event: gone\ndata: {}\n\n'));
            return stop();
          }
          const view = options.view(record);
          // The clock-driven field changes on every read; compare the rest.
          const key = JSON.stringify({ ...view, session: { ...view.session, timeLeftMs: undefined } });
          if (key !== last) {
            last = key;
            lastSent = Date.now();
            controller.enqueue(encoder.encode(`event: session\ndata: ${JSON.stringify(view)}\n\n`));
          } else if (Date.now() - lastSent > heartbeatMs) {
            lastSent = Date.now();
            controller.enqueue(encoder.encode(': still here\n\n'));
          }
        } catch (error) {
          controller.enqueue(encoder.encode(`event: problem\ndata: ${JSON.stringify({ message: (error as Error).message })}\n\n`));
        }
        if (!closed) timer = setTimeout(() => void tick(), pollMs);
      };
      void tick();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
}
