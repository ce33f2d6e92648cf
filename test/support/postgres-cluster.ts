/**
 * A throwaway PostgreSQL server for the tests, made from the machine's PostgreSQL server binaries
 * (Debian's `postgresql` package): `initdb` into a temp directory, started on a unix socket in that
 * directory (no TCP port, so parallel runs never collide), trust authentication, durability off.
 *
 * initdb and postgres refuse to run as root; as root they run as the `postgres` user (Debian's
 * package creates it), or `nobody`, through `runuser`.
 *
 * One cluster serves a whole test run: the global setup (test/support/postgres-global-setup.ts)
 * names a directory, the first test file that needs PostgreSQL starts the cluster there (a lock
 * directory makes sure only one does), the others wait for it, and the global teardown stops it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The directory holding `initdb`, `pg_ctl` and `postgres`, or undefined when they are not installed. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on the PATH (it may belong to the client package only; look further)
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((bin) => existsSync(join(dir, bin))));
}

/** The unprivileged user to run the server as when we are root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { name, uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new Error('PostgreSQL cannot run as root, and there is neither a "postgres" nor a "nobody" user to run it as.');
}

function command(bin: string, args: string[], user: ReturnType<typeof serverUser>): [string, string[]] {
  return user ? ['runuser', ['-u', user.name, '--', bin, ...args]] : [bin, args];
}

export interface RunningCluster {
  /** Superuser connection URL over the unix socket, e.g. `postgresql://mlsec@/postgres?host=/tmp/…`. */
  url: string;
  dir: string;
}

const superuser = 'mlsec';

/** initdb + start in `dir` (which must be empty or new). Resolves once the server accepts connections. */
export async function startCluster(dir: string, binDir: string): Promise<RunningCluster> {
  const user = serverUser();
  mkdirSync(dir, { recursive: true });
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const exec = async (bin: string, args: string[]) => {
    const [file, argv] = command(join(binDir, bin), args, user);
    try {
      return await run(file, argv, { cwd: dir, timeout: 120_000 });
    } catch (error) {
      const e = error as Error & { stderr?: string; stdout?: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  };
  await exec('initdb', ['-D', data, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  // Throwaway data: no durability, no TCP, enough connections for parallel test files.
  appendFileSync(
    join(data, 'postgresql.conf'),
    [
      '',
      "listen_addresses = ''",
      `unix_socket_directories = '${dir}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 300',
      'shared_buffers = 32MB',
      '',
    ].join('\n'),
  );
  await exec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '120', 'start']);
  return { url: `postgresql://${superuser}@/postgres?host=${encodeURIComponent(dir)}`, dir };
}

/** Stops the cluster in `dir` at once (its data is thrown away) and removes the directory. */
export function stopCluster(dir: string, binDir = postgresBinDir()): void {
  const data = join(dir, 'data');
  if (binDir && existsSync(join(data, 'postmaster.pid'))) {
    const [file, argv] = command(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], serverUser());
    try {
      execFileSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 60_000 });
    } catch {
      // already stopped
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Stops the shared cluster kept under `dir` (if one was started) and removes the directory. */
export function stopSharedCluster(dir: string, binDir = postgresBinDir()): void {
  stopCluster(join(dir, 'cluster'), binDir);
  rmSync(dir, { recursive: true, force: true });
}

/** A new directory for the shared cluster, traversable by the server's user. */
export function newClusterDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-pg-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Where the global setup asks test files to put the shared cluster. */
export const clusterDirVariable = 'MLSEC_TEST_POSTGRES_DIR';

/**
 * The shared cluster of this test run: started by the first caller (across processes), waited for
 * by the others. Without the global setup (a test file run by another config) the process starts
 * its own and stops it when it exits.
 */
export async function sharedCluster(binDir: string): Promise<RunningCluster> {
  let dir = process.env[clusterDirVariable];
  if (!dir) {
    dir = newClusterDir();
    process.env[clusterDirVariable] = dir;
    const own = dir;
    process.once('exit', () => stopSharedCluster(own, binDir));
  }
  const lock = join(dir, 'starting');
  const ready = join(dir, 'ready.json');
  const failed = join(dir, 'failed.txt');
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // another test file is starting it
  }
  if (mine) {
    try {
      const cluster = await startCluster(join(dir, 'cluster'), binDir);
      writeFileSync(ready, JSON.stringify(cluster));
      return cluster;
    } catch (error) {
      writeFileSync(failed, (error as Error).message);
      throw error;
    }
  }
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as RunningCluster;
    if (existsSync(failed)) throw new Error(`The test PostgreSQL server did not start: ${readFileSync(failed, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for the test PostgreSQL server in ${dir} to start.`);
}
