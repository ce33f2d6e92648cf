/**
 * Checks a command line without running it: it parses, names a known service and operation, and
 * its options are valid for that operation. This is the "equivalent SDK path" the Try it test uses
 * where the real AWS CLI is absent, and what the lesson validator can call to catch a typo early.
 */
import { parseCommand } from './command-line/parse-command.ts';
import { tokenize } from './command-line/tokenize.ts';
import { CliUsageError } from './errors.ts';
import type { FileStore } from './files/file-store.ts';

export type CheckedCommand =
  | {
      ok: true;
      /** CLI service name (`s3api`). */
      service: string;
      /** API operation name (`PutBucketPolicy`) and the SDK command's class name. */
      operation: string;
      command: string;
      /** The SDK input the line maps to (file contents read from `files` when given). */
      input: Record<string, unknown>;
    }
  | { ok: true; help: true }
  | { ok: false; message: string; position?: number };

export interface CheckOptions {
  /**
   * Files the command may read. Without a store, `file://` and `fileb://` references are accepted
   * unread (their contents cannot be checked), so a lesson's command that reads a file it created
   * earlier in the block still checks.
   */
  files?: FileStore;
}

export async function checkAwsCommand(line: string, options: CheckOptions = {}): Promise<CheckedCommand> {
  try {
    const tokens = tokenize(line);
    if (tokens[0]?.value !== 'aws') return { ok: false, message: 'not an aws command', position: tokens[0]?.start ?? 0 };
    const parsed = await parseCommand(tokens.slice(1), { files: options.files ?? permissiveFiles });
    if (parsed.kind !== 'call') return { ok: true, help: true };
    return { ok: true, service: parsed.service.entry.cliName, operation: parsed.operation.name, command: `${parsed.operation.name}Command`, input: parsed.input };
  } catch (error) {
    if (error instanceof CliUsageError) return { ok: false, message: error.message, ...(error.position !== undefined ? { position: error.position } : {}) };
    throw error;
  }
}

/** Any file "exists" and holds a placeholder that parses as JSON, text or base64. */
const permissiveFiles: FileStore = {
  read: () => new TextEncoder().encode('{}'),
  write: () => {},
  list: () => [],
};
