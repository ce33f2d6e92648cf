/**
 * `npm run emulator`: turns on Node's compile cache (which also keeps the type-stripped source of
 * our TypeScript), then loads the emulator — the difference between ~250 ms and ~1 s to healthy
 * on a busy machine. Options: see cli-main.ts.
 *
 * Plain JavaScript on purpose: a TypeScript entry point would have to be type-stripped before the
 * cache is on, and loading Node's type stripper alone costs ~40 ms of every cold start.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
const { main } = await import('./cli-main.ts');
await main();
