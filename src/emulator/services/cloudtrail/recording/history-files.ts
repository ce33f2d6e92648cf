/**
 * The event history on disk: one append-only file per account and region,
 * `<dataDir>/cloudtrail/event-history/<account>/<region>.jsonl`, one event per line (the recorder's
 * format: its lookup resources as JSON, a tab, the CloudTrail record as JSON).
 * Recording appends (batched, 100 ms after the last event, and on flush/stop), so persisting an
 * event costs a line, not a rewrite of the account. When a file holds more than twice the history
 * limit it is rewritten with the newest events (temporary file, fsync, rename: never torn). A line
 * cut short by a crash is skipped when the file is read back.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface LoadedHistory {
  /** The newest `limit` records, oldest first, as JSON text. */
  readonly lines: string[];
  /** Lines the file held (to know when to rewrite it). */
  readonly fileLines: number;
  readonly skipped: number;
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z0-9-]{1,40}$/;

export class HistoryFiles {
  readonly dir: string;
  private readonly log: (message: string) => void;
  private readonly debounceMs: number;
  private readonly pending = new Map<string, string[]>();
  private readonly lineCounts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private appended = 0;
  private lastError: string | undefined;

  constructor(dataDir: string, options: { log: (message: string) => void; debounceMs?: number }) {
    this.dir = join(dataDir, 'cloudtrail', 'event-history');
    this.log = options.log;
    this.debounceMs = options.debounceMs ?? 100;
  }

  private path(accountId: string, region: string): string {
    return join(this.dir, accountId, `${region}.jsonl`);
  }

  private static key(accountId: string, region: string): string {
    return `${accountId}/${region}`;
  }

  /** Reads a history file (synchronously: it runs once per account and region, on first use). */
  load(accountId: string, region: string, limit: number): LoadedHistory {
    const path = this.path(accountId, region);
    if (!ACCOUNT.test(accountId) || !REGION.test(region) || !existsSync(path)) return { lines: [], fileLines: 0, skipped: 0 };
    const text = readFileSync(path, 'utf8');
    const all = text.split('\n');
    let skipped = 0;
    const lines: string[] = [];
    for (const line of all) {
      if (line === '') continue;
      // A whole line is `<resources JSON>\t<record JSON>`; anything else is a write cut short.
      if (line.indexOf('\t') < 1 || line.charCodeAt(line.length - 1) !== 125 /* } */) {
        skipped++;
        continue;
      }
      lines.push(line);
    }
    if (skipped) this.log(`cloudtrail: skipped ${skipped} unreadable line(s) in ${path} (a write cut short by a crash?)`);
    this.lineCounts.set(HistoryFiles.key(accountId, region), lines.length + skipped);
    return { lines: lines.length > limit ? lines.slice(lines.length - limit) : lines, fileLines: lines.length + skipped, skipped };
  }

  /** Queues a record for the file. Returns the number of lines the file will then hold. */
  append(accountId: string, region: string, line: string): number {
    if (!ACCOUNT.test(accountId) || !REGION.test(region)) return 0;
    const key = HistoryFiles.key(accountId, region);
    let queue = this.pending.get(key);
    if (!queue) this.pending.set(key, (queue = []));
    queue.push(line);
    const count = (this.lineCounts.get(key) ?? 0) + 1;
    this.lineCounts.set(key, count);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.debounceMs);
      this.timer.unref();
    }
    return count;
  }

  /** Writes queued lines now. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batches = [...this.pending.entries()];
    this.pending.clear();
    this.writing = this.writing.then(async () => {
      for (const [key, lines] of batches) {
        const [accountId, region] = key.split('/') as [string, string];
        try {
          await mkdir(join(this.dir, accountId), { recursive: true });
          await appendFile(this.path(accountId, region), `${lines.join('\n')}\n`);
          this.appended += lines.length;
        } catch (error) {
          this.lastError = `${key}: ${(error as Error).message}`;
          this.log(`cloudtrail: could not append ${lines.length} event(s) to ${this.path(accountId, region)}: ${(error as Error).message}. They stay in memory.`);
        }
      }
    });
    return this.writing;
  }

  /** Replaces a file with the given records (after pending appends), atomically. */
  rewrite(accountId: string, region: string, lines: readonly string[]): Promise<void> {
    const key = HistoryFiles.key(accountId, region);
    // The caller's lines already hold every queued record.
    this.pending.delete(key);
    this.lineCounts.set(key, lines.length);
    const path = this.path(accountId, region);
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(join(this.dir, accountId), { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        const handle = await open(tmp, 'w');
        try {
          await handle.writeFile(lines.length ? `${lines.join('\n')}\n` : '');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, path);
      } catch (error) {
        this.lastError = `${key}: ${(error as Error).message}`;
        this.log(`cloudtrail: could not rewrite ${path}: ${(error as Error).message}`);
      }
    });
    return this.writing;
  }

  /** Forgets one account's files (or every account's). */
  remove(accountId?: string): void {
    for (const key of [...this.pending.keys()]) if (accountId === undefined || key.startsWith(`${accountId}/`)) this.pending.delete(key);
    for (const key of [...this.lineCounts.keys()]) if (accountId === undefined || key.startsWith(`${accountId}/`)) this.lineCounts.delete(key);
    const targets = accountId !== undefined ? (ACCOUNT.test(accountId) ? [accountId] : []) : existsSync(this.dir) ? readdirSync(this.dir).filter((e) => ACCOUNT.test(e)) : [];
    for (const id of targets) rmSync(join(this.dir, id), { recursive: true, force: true });
    // An append already under way must not bring the files back: remove again once it is done
    // (later appends queue behind this, so new events survive).
    this.writing = this.writing.then(async () => {
      for (const id of targets) await rm(join(this.dir, id), { recursive: true, force: true });
    });
  }

  /** Makes sure the directory exists and is writable (fails loudly at start rather than on first write). */
  prepare(): void {
    mkdirSync(this.dir, { recursive: true });
  }

  status(): { dir: string; pendingLines: number; appended: number; lastError: string | undefined } {
    let pendingLines = 0;
    for (const lines of this.pending.values()) pendingLines += lines.length;
    return { dir: this.dir, pendingLines, appended: this.appended, lastError: this.lastError };
  }
}
