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
 * Not used: --heap-growing-percent=50 (a fixed old-generation growing factor of 1.5, to keep the
 *   peak of a fast build near 1.5x the live heap): it made the cold start ~50% slower (probably more
 *   full collections while modules load), and its benefit could not be shown on the shared machine.
 */
export const EMULATOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];
