/**
 * The admin token of the emulator `npm start` runs. Its /_mlsec routes create and remove workshop
 * tenants (and reset accounts), so when nobody configured MLSEC_EMULATOR_ADMIN_TOKEN, `npm start`
 * makes a random one for this run and puts it in its own environment: the emulator and the site in
 * this process share it, and nobody else on the machine can call those routes. For the owner's own
 * tools (curl …/_mlsec/explain) it is also written to a file only they can read.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ADMIN_TOKEN_VARIABLE = 'MLSEC_EMULATOR_ADMIN_TOKEN';

/** Sets a random admin token in `env` unless one is configured or the emulator is not ours; true when it made one. */
export function generateAdminTokenIfUnset(env: NodeJS.ProcessEnv): boolean {
  const target = (env.MLSEC_TARGET ?? '').trim();
  if ((target && target !== 'embedded') || env[ADMIN_TOKEN_VARIABLE]) return false;
  env[ADMIN_TOKEN_VARIABLE] = randomBytes(32).toString('base64url');
  return true;
}

/** Where the generated token is kept for the owner: `<MLSEC_DATA_DIR>/emulator-admin-token`. */
export function adminTokenFile(env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  return join(resolve(cwd, env.MLSEC_DATA_DIR || '.mlsec'), 'emulator-admin-token');
}

/** Writes the token readable and writable by the owner only (0600); returns the path, or undefined when it cannot. */
export function writeAdminTokenFile(path: string, token: string): string | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${token}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
    return path;
  } catch {
    return undefined;
  }
}
