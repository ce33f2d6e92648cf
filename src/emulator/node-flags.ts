/**
 * Node/V8 flags the standalone emulator runs with (`npm run emulator` passes them in package.json;
 * node-flags.test.ts checks the script still does, and the emulator benchmark spawns with them).
 *
 * --max-semi-space-size=16: V8 grows the young generation up to 64 MB per semi-space (128 MB
 *   committed) when a process allocates fast, which a busy emulator always does (every call builds
 *   request, response and CloudTrail record objects that die young), and keeps it after the burst.
 *   The emulator's live data is small and long-lived, so the large nursery buys nothing but resident
 *   memory: capped at 16 MB (32 MB committed) it saved ~95 MB RSS on the 1,000-account workload with
 *   no measurable cost to latency or calls per CPU-second (docs/emulator.md, "Memory").
 * --heap-growing-percent=50: after each full collection V8 lets the old generation grow to a
 *   multiple of what survived before collecting again — up to 4× when allocation is fast and
 *   collections look cheap, which is when accounts are being built as fast as clients can send.
 *   Fixing the factor at 1.5 keeps the peak near 1.5× the live heap. It is not a limit: the heap
 *   still grows with the data, and nothing fails when it does.
 */
export const EMULATOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--heap-growing-percent=50'];
