/**
 * Where `file://`, `fileb://`, streaming `--body` inputs and `outfile` outputs live. The web terminal
 * gives each session its own in-memory store — the server's own disk is never read or written — and
 * the local `npm run aws` uses the working directory, as the real CLI would.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface FileStore {
  /** The file's bytes, or undefined when there is no such file. */
  read(path: string): Uint8Array | undefined;
  /** Creates or replaces a file. Throws an Error with a message for people when refused. */
  write(path: string, content: Uint8Array): void;
  /** Names of the files, for listings and completion. */
  list(): string[];
}

export interface MemoryFileStoreLimits {
  /** Largest single file in bytes (default 5 MiB). */
  maxFileBytes?: number;
  /** Most files (default 100). */
  maxFiles?: number;
  /** Most bytes over all files (default 20 MiB). */
  maxTotalBytes?: number;
}

export interface MemoryFileStore extends FileStore {
  /** Convenience for text: `put('policy.json', '{…}')`. */
  put(path: string, content: string | Uint8Array): void;
  /** The file's text (UTF-8), or undefined. */
  text(path: string): string | undefined;
  delete(path: string): boolean;
  /** Total bytes held. */
  readonly size: number;
}

/** `./a/../b.json` and `b.json` name the same file; absolute paths and `~` are kept as names. */
export function normalizeVirtualPath(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '') throw new Error('a file name is empty');
  const absolute = trimmed.startsWith('/');
  const parts: string[] = [];
  for (const part of trimmed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) throw new Error(`"${path}" points outside the session's files`);
      parts.pop();
    } else parts.push(part);
  }
  if (parts.length === 0) throw new Error(`"${path}" is not a file name`);
  return (absolute ? '/' : '') + parts.join('/');
}

export function createMemoryFileStore(initial: Record<string, string | Uint8Array> = {}, limits: MemoryFileStoreLimits = {}): MemoryFileStore {
  const maxFileBytes = limits.maxFileBytes ?? 5 * 1024 * 1024;
  const maxFiles = limits.maxFiles ?? 100;
  const maxTotalBytes = limits.maxTotalBytes ?? 20 * 1024 * 1024;
  const files = new Map<string, Uint8Array>();
  let size = 0;
  const store: MemoryFileStore = {
    read: (path) => files.get(normalizeVirtualPath(path)),
    write(path, content) {
      const name = normalizeVirtualPath(path);
      const previous = files.get(name)?.byteLength ?? 0;
      if (content.byteLength > maxFileBytes) throw new Error(`${name} is ${content.byteLength} bytes; files here may be at most ${maxFileBytes} bytes`);
      if (!files.has(name) && files.size >= maxFiles) throw new Error(`there are already ${maxFiles} files; delete one before writing ${name}`);
      if (size - previous + content.byteLength > maxTotalBytes) throw new Error(`writing ${name} would exceed the ${maxTotalBytes} bytes this session's files may hold; delete some first`);
      files.set(name, content.slice());
      size += content.byteLength - previous;
    },
    list: () => [...files.keys()].sort(),
    put(path, content) {
      store.write(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    },
    text(path) {
      const bytes = store.read(path);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },
    delete(path) {
      const name = normalizeVirtualPath(path);
      const bytes = files.get(name);
      if (!bytes) return false;
      size -= bytes.byteLength;
      return files.delete(name);
    },
    get size() {
      return size;
    },
  };
  for (const [path, content] of Object.entries(initial)) store.put(path, content);
  return store;
}

/** The local file system under `cwd` (for `npm run aws` on a person's own machine only). */
export function createDiskFileStore(cwd: string = process.cwd()): FileStore {
  const full = (path: string) => resolve(cwd, path.startsWith('~/') ? `${process.env.HOME ?? '~'}/${path.slice(2)}` : path);
  return {
    read(path) {
      try {
        const target = full(path);
        if (!statSync(target).isFile()) return undefined;
        return new Uint8Array(readFileSync(target));
      } catch {
        return undefined;
      }
    },
    write(path, content) {
      const target = full(path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    list: () => [],
  };
}
