/**
 * Server-sent events for the dashboard: `dashboard` with the Dashboard each time it changes, read
 * from the database once a second (so every app instance's work shows, with no shared memory).
 * Time counters tick on every read; they alone do not count as a change, but a fresh dashboard is
 * sent at least every 15 s so the clocks on the page stay close.
 */
import type { Dashboard } from './types.ts';

export function dashboardEventStream(options: { read: () => Promise<Dashboard | undefined>; signal?: AbortSignal; pollMs?: number; refreshMs?: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pollMs = options.pollMs ?? 1000;
  const refreshMs = options.refreshMs ?? 15_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = '';
      let lastSent = 0;
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
      controller.enqueue(encoder.encode('retry: 2000\n\n'));
      const tick = async () => {
        if (closed) return;
        try {
          const dashboard = await options.read();
          if (!dashboard) {
            controller.enqueue(encoder.encode('event: gone\ndata: {}\n\n'));
            return stop();
          }
          const key = JSON.stringify({ ...dashboard, generatedAt: undefined, rows: dashboard.rows.map((r) => ({ ...r, labs: r.labs.map((c) => ({ ...c, timeSeconds: undefined })) })) });
          if (key !== last || Date.now() - lastSent > refreshMs) {
            last = key;
            lastSent = Date.now();
            controller.enqueue(encoder.encode(`event: dashboard\ndata: ${JSON.stringify(dashboard)}\n\n`));
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
