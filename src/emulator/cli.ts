/**
 * `npm run emulator`: turns on Node's compile cache (which also keeps the type-stripped source of
 * our TypeScript), then loads the emulator — the difference between ~250 ms and ~1 s to healthy
 * on a busy machine. Options: see cli-main.ts.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
const { main } = await import('./cli-main.ts');
await main();
