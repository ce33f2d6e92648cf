/**
 * The emulator's CLI (src/emulator/cli.js), started by the memory benchmark with `--expose-gc` and an
 * IPC channel, so the benchmark can ask the emulator process itself for honest numbers:
 *   { type: 'memory' }            → forces full collections, then answers process.memoryUsage()
 *                                   and the peak RSS the kernel recorded (VmHWM) in bytes;
 *   { type: 'snapshot', path }    → writes a V8 heap snapshot to `path` (for finding what holds memory).
 * Nothing here changes how the emulator serves requests. Plain JavaScript for the same reason as cli.js.
 */
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

function kernelBytes(field) {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

process.on('message', async (message) => {
  if (message?.type === 'memory') {
    if (typeof globalThis.gc !== 'function') {
      process.send({ type: 'memory', error: 'the emulator process was not started with --expose-gc' });
      return;
    }
    const before = { rss: process.memoryUsage.rss(), ...process.memoryUsage() };
    // Two full collections with a turn of the event loop between them: weak callbacks and
    // finalizers queued by the first run before the second measures.
    globalThis.gc();
    await new Promise((r) => setImmediate(r));
    globalThis.gc();
    process.send({
      type: 'memory',
      before,
      after: process.memoryUsage(),
      peakRss: kernelBytes('VmHWM'),
      spaces: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }])),
    });
  } else if (message?.type === 'snapshot') {
    process.send({ type: 'snapshot', path: writeHeapSnapshot(message.path) });
  }
});
// The IPC channel must not keep the emulator alive on its own.
process.channel?.unref();

await import('../../src/emulator/cli.js');
