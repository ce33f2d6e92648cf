/**
 * Keeps the world on disk so it survives a restart: one file per account
 * (`<dir>/accounts/<id>.json`), written after changes settle (debounced) and on stop/SIGTERM.
 * Each write goes to a temporary file that is fsynced and then renamed over the old one, so a
 * crash leaves either the previous or the new file — never a torn one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountData, World } from './world.ts';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.ts';

const FORMAT_VERSION = 1;

export interface PersistenceStatus {
  readonly dir: string;
  readonly pendingAccounts: number;
  readonly writes: number;
  readonly lastWriteAt: string | undefined;
  readonly lastError: string | undefined;
}

export class Persistence {
  readonly dir: string;
  private readonly accountsDir: string;
  private readonly world: World;
  private readonly debounceMs: number;
  private readonly log: (message: string) => void;
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private writes = 0;
  /** Accounts taken off `dirty` whose write has not finished yet. */
  private inFlight = 0;
  private lastWriteAt: string | undefined;
  private lastError: string | undefined;

  constructor(dir: string, world: World, options: { debounceMs: number; log: (message: string) => void }) {
    this.dir = dir;
    this.accountsDir = join(dir, 'accounts');
    this.world = world;
    this.debounceMs = options.debounceMs;
    this.log = options.log;
  }

  /** Reads every account file into the world. Throws (with what to do) if the directory is unusable. */
  load(): { accounts: number; set: string[] } {
    try {
      mkdirSync(this.accountsDir, { recursive: true });
    } catch (error) {
      throw new Error(`The emulator cannot create its data directory ${this.dir}: ${(error as Error).message}. Set MLSEC_DATA_DIR to a writable directory.`);
    }
    const formatFile = join(this.dir, 'format.json');
    if (existsSync(formatFile)) {
      const format = JSON.parse(readFileSync(formatFile, 'utf8')) as { version?: number };
      if ((format.version ?? 0) > FORMAT_VERSION) {
        throw new Error(`The emulator data in ${this.dir} was written by a newer mlsec-sim (format ${format.version}); upgrade, or point MLSEC_DATA_DIR elsewhere.`);
      }
    } else {
      writeFileSync(formatFile, JSON.stringify({ version: FORMAT_VERSION, writtenBy: 'mlsec-sim emulator' }));
    }
    const loaded: string[] = [];
    for (const file of readdirSync(this.accountsDir)) {
      const path = join(this.accountsDir, file);
      if (file.endsWith('.tmp')) {
        rmSync(path, { force: true });
        continue;
      }
      if (!file.endsWith('.json')) continue;
      try {
        const data = decodeSnapshot(readFileSync(path, 'utf8')) as AccountData;
        if (!data || typeof data !== 'object' || data.id !== file.slice(0, -5)) throw new Error('the file does not hold this account');
        data.credentials ??= {};
        data.global ??= {};
        data.regions ??= {};
        this.world.importAccount(data);
        loaded.push(data.id);
      } catch (error) {
        const aside = `${path}.corrupt-${Date.now()}`;
        renameSync(path, aside);
        this.log(`persistence: ${file} could not be read (${(error as Error).message}); moved it to ${aside} and started that account empty.`);
      }
    }
    return { accounts: loaded.length, set: loaded };
  }

  markDirty(accountIds: Iterable<string>): void {
    for (const id of accountIds) this.dirty.add(id);
    if (this.dirty.size && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.debounceMs);
      this.timer.unref();
    }
  }

  /** Writes every pending account now; resolves when they are on disk. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const ids = [...this.dirty];
    this.dirty.clear();
    this.inFlight += ids.length;
    this.flushing = this.flushing.then(async () => {
      for (const id of ids) {
        try {
          await this.writeAccount(id);
        } catch (error) {
          this.lastError = `${id}: ${(error as Error).message}`;
          this.dirty.add(id);
          this.log(`persistence: could not write account ${id} to ${this.accountsDir}: ${(error as Error).message}. It stays in memory and will be retried.`);
        } finally {
          this.inFlight--;
        }
      }
    });
    return this.flushing;
  }

  /** Synchronous flush for process exit paths (SIGTERM, 'exit'), where awaiting is not possible. */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const id of [...this.dirty]) {
      const data = this.world.exportAccount(id);
      const path = join(this.accountsDir, `${id}.json`);
      if (!data) {
        rmSync(path, { force: true });
      } else {
        const tmp = `${path}.${process.pid}.sync.tmp`;
        const fd = openSync(tmp, 'w');
        try {
          writeFileSync(fd, encodeSnapshot(data));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, path);
      }
      this.dirty.delete(id);
      this.writes++;
    }
  }

  private async writeAccount(id: string): Promise<void> {
    const path = join(this.accountsDir, `${id}.json`);
    const data = this.world.exportAccount(id);
    if (!data) {
      await rm(path, { force: true });
      return;
    }
    const tmp = `${path}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(encodeSnapshot(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    await this.syncDirectory();
    this.writes++;
    this.lastWriteAt = new Date().toISOString();
  }

  /** fsync of the directory makes the rename itself durable. */
  private async syncDirectory(): Promise<void> {
    try {
      const dir = await open(this.accountsDir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // Some platforms cannot fsync a directory; the rename is still atomic.
    }
  }

  status(): PersistenceStatus {
    return { dir: this.dir, pendingAccounts: this.dirty.size + this.inFlight, writes: this.writes, lastWriteAt: this.lastWriteAt, lastError: this.lastError };
  }
}
