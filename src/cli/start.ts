/**
 * `npm start`: build the site when its sources changed, start the embedded AWS emulator
 * (127.0.0.1:4566; see src/cli/embedded-emulator.ts), then serve the site (http://localhost:4321).
 * Labs started from the CLI (`npm run lab -- start …`) attach to this emulator, and a sweeper tears
 * down lab sessions past their time limit or abandoned (src/labs/session-sweeper.ts).
 * Kept dependency-free so a first run on a fresh clone needs nothing but `npm install`.
 *
 * `--rebuild` always builds first; `--no-build` serves `dist/` as it is (tests that just built it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openTarget, targetSettingsFromEnv } from '../aws/index.ts';
import { databaseLabel, openDatabase } from '../db/index.ts';
import { findLab, startSessionSweeper, sqlSessionStore, type SessionSweeper } from '../labs/index.ts';
import { startEmbeddedEmulator } from './embedded-emulator.ts';

const root = resolve(import.meta.dirname, '../..');
const stampFile = join(root, 'dist', '.build-stamp');
const sourceRoots = ['src', 'content', 'labs', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function siteIsStale(): boolean {
  if (!existsSync(stampFile) || !existsSync(join(root, 'dist/server/entry.mjs'))) return true;
  const built = statSync(stampFile).mtimeMs;
  return sourceRoots.some((p) => newestMtime(join(root, p)) > built);
}

function buildSite(): void {
  console.log('mlsec-sim: building the site (first start, or sources changed)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('mlsec-sim: the site build failed (see the messages above); nothing was started.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, new Date().toISOString());
}

/** Tears down expired and abandoned lab sessions every minute, on the labs' target. */
async function startSweeper(): Promise<SessionSweeper | undefined> {
  try {
    const settings = targetSettingsFromEnv();
    // Never start a second emulator for sweeping: attach to the one this command runs (or found).
    if (settings.kind === 'embedded') settings.embeddedMode = 'attach';
    const db = await openDatabase();
    const sweeper = startSessionSweeper({
      store: sqlSessionStore(db),
      loadLab: findLab,
      openTarget: () => openTarget(settings),
      onSwept: (s) => console.log(`mlsec-sim: lab session ${s.id} (${s.owner}) ${s.reason === 'time-limit' ? 'reached its time limit' : 'was abandoned'}; teardown: ${s.outcome}.`),
      onError: (error) => console.error(`mlsec-sim: sweeping lab sessions failed (will retry in a minute): ${(error as Error).message}`),
    });
    return { sweepNow: sweeper.sweepNow, stop: async () => (await sweeper.stop(), await db.close()) };
  } catch (error) {
    console.error(`mlsec-sim: expired lab sessions will not be torn down automatically: ${(error as Error).message}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build') && (process.argv.includes('--rebuild') || siteIsStale())) buildSite();
  // The emulator starts before the site so that the site's labs find it listening.
  const emulator = await startEmbeddedEmulator();
  // The labs of this process (the sweeper, the site) use the emulator it started, whatever its port.
  if (emulator && !process.env.MLSEC_ENDPOINT) process.env.MLSEC_ENDPOINT = emulator.url;
  console.log(`mlsec-sim: data in ${databaseLabel()}`);
  const sweeper = await startSweeper();
  const stop = async () => {
    await sweeper?.stop();
    await emulator?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.env.HOST ??= '127.0.0.1';
  process.env.PORT ??= '4321';
  // The Node adapter's standalone entry starts listening as soon as it is imported.
  await import(pathToFileURL(join(root, 'dist/server/entry.mjs')).href);
  console.log(`mlsec-sim: site at http://localhost:${process.env.PORT}`);
}

await main();
