/**
 * Turns the words typed after an option into the value the SDK expects, by the member's shape —
 * the AWS CLI's argprocess.py: `file://`/`fileb://` first, then JSON when the value starts with
 * `{` or `[`, shorthand for structures, maps and lists of them, space-separated words for lists,
 * and scalars by type. Every value is then checked against the model (unknown keys, wrong types,
 * missing required members), with the path to the problem in the message.
 */
import { CliUsageError } from '../errors.ts';
import type { FileStore } from '../files/file-store.ts';
import type { Shape } from '../model/shape.ts';
import { didYouMean } from '../suggest.ts';
import { parseShorthand, ShorthandSyntaxError, type ShorthandValue } from './shorthand.ts';

export type BinaryFormat = 'base64' | 'raw-in-base64-out';

export interface ValueContext {
  readonly files?: FileStore;
  /** How blob values typed as text are read (--cli-binary-format; base64 is the CLI v2 default). */
  readonly binaryFormat: BinaryFormat;
  /** The option being parsed, for messages (`--filters`). */
  readonly option: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads `file://path` (text) or `fileb://path` (bytes) from the session's files; other values pass through. */
export function resolveParamFile(word: string, context: ValueContext): string | Uint8Array {
  const match = /^(fileb?):\/\/(.*)$/s.exec(word);
  if (!match) return word;
  const [, scheme, path] = match;
  const bytes = readFile(path!, context);
  if (scheme === 'fileb') return bytes;
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CliUsageError(`${context.option}: ${path} is not UTF-8 text; use fileb://${path} for binary content`);
  }
}

export function readFile(path: string, context: ValueContext): Uint8Array {
  if (!context.files) throw new CliUsageError(`${context.option}: files are not available in this terminal, so ${path} cannot be read; give the value inline`);
  let bytes: Uint8Array | undefined;
  try {
    bytes = context.files.read(path);
  } catch (error) {
    throw new CliUsageError(`${context.option}: ${(error as Error).message}`);
  }
  if (!bytes) {
    const known = context.files.list();
    throw new CliUsageError(
      `${context.option}: no file named ${path}.` +
        (known.length ? ` Files here: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}.${didYouMean(path, known, 1)}` : ' Create it first (upload it, or write it with the terminal\'s file command).'),
    );
  }
  return bytes;
}

/** The value of an option from its words (`words` has one element unless the shape is a list). */
export function parseOptionValue(shape: Shape, words: string[], context: ValueContext): unknown {
  if (shape.kind === 'blob' && shape.streaming) {
    const path = words[0]!.replace(/^fileb?:\/\//, '');
    return readFile(path, context);
  }
  const resolved = words.map((w) => resolveParamFile(w, context));
  const label = context.option;
  if (shape.kind === 'list') {
    const first = resolved[0];
    if (resolved.length === 1 && typeof first === 'string' && first.trim().startsWith('[')) return fromJson(shape, parseJson(first, context), label, context);
    return resolved.map((w, i) => parseSingle(shape.element, w, `${label}[${i}]`, context, true));
  }
  if (resolved.length !== 1) throw new CliUsageError(`${label} takes one value, got ${resolved.length}: ${words.join(' ')}. Quote a value that contains spaces.`);
  return parseSingle(shape, resolved[0]!, label, context, false);
}

function parseSingle(shape: Shape, word: string | Uint8Array, path: string, context: ValueContext, inList: boolean): unknown {
  if (word instanceof Uint8Array) {
    if (shape.kind === 'blob') return word;
    try {
      word = decoder.decode(word);
    } catch {
      throw new CliUsageError(`${path}: fileb:// gives binary content, but this value is a ${shape.label}; use file://`);
    }
  }
  if (shape.kind === 'document') return fromJson(shape, parseJson(word, context), path, context);
  if (shape.isScalar) return scalarFromText(shape, word, path, context);
  const trimmed = word.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return fromJson(shape, parseJson(word, context), path, context);
  // A structure of one string member named Value may be given bare: --x stop → {Value: "stop"}.
  if (shape.kind === 'structure' && shape.members.length === 1 && shape.members[0]!.name === 'Value' && shape.members[0]!.shape.kind === 'string' && !word.includes('=')) {
    return { Value: word };
  }
  if (shape.kind === 'list' && shape.element.isScalar) {
    // A list nested in a list, given as words: a=b,c style does not apply; one word is one element.
    return [scalarFromText(shape.element, word, `${path}[0]`, context)];
  }
  let parsed: Record<string, ShorthandValue>;
  try {
    parsed = parseShorthand(word, { resolveFile: (ref) => optionalFile(ref, context) });
  } catch (error) {
    if (error instanceof ShorthandSyntaxError) {
      throw new CliUsageError(`${context.option}: could not read ${inList ? 'this item' : 'the value'} as shorthand (Key=Value,Key2=Value2) or JSON: ${error.message}\n${shorthandHint(shape)}`);
    }
    throw error;
  }
  const coerced = coerceShorthand(shape.kind === 'list' ? shape.element : shape, parsed, path);
  return fromJson(shape.kind === 'list' ? shape.element : shape, coerced, path, context);
}

function optionalFile(reference: string, context: ValueContext): string | undefined {
  const resolved = resolveParamFile(reference, context);
  return typeof resolved === 'string' ? resolved : new TextDecoder().decode(resolved);
}

function shorthandHint(shape: Shape): string {
  const target = shape.kind === 'list' ? shape.element : shape;
  const names = target.kind === 'structure' ? target.members.map((m) => m.name) : [];
  return names.length ? `  Keys of ${target.name}: ${names.join(', ')} (run the command with "help" for the syntax).` : '  Run the command with "help" for the syntax.';
}

function parseJson(text: string, context: ValueContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const pointer = at ? `\n  ${text.split('\n')[0]}\n  ${' '.repeat(Number(at[1]))}^` : `\n  JSON received: ${text}`;
    throw new CliUsageError(`${context.option}: invalid JSON: ${message.replace(/ in JSON at.*$/, '')}${pointer}`);
  }
}

/** A scalar typed as text: numbers, booleans, timestamps, blobs by the model's type. */
export function scalarFromText(shape: Shape, text: string, path: string, context: ValueContext): unknown {
  switch (shape.kind) {
    case 'number': {
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value)) throw new CliUsageError(`${path}: expected a number, got "${text}"`);
      return value;
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw new CliUsageError(`${path}: expected true or false, got "${text}"`);
    }
    case 'timestamp':
      return parseTimestamp(text, path);
    case 'blob':
      return blobFromText(text, path, context);
    default:
      return text;
  }
}

function parseTimestamp(text: string | number, path: string): Date {
  const raw = typeof text === 'number' ? String(text) : text.trim();
  const date = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  if (Number.isNaN(date.getTime())) throw new CliUsageError(`${path}: "${text}" is not a timestamp; use ISO 8601 (2026-01-31T12:00:00Z) or seconds since the epoch`);
  return date;
}

function blobFromText(text: string, path: string, context: ValueContext): Uint8Array {
  if (context.binaryFormat === 'raw-in-base64-out') return new TextEncoder().encode(text);
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new CliUsageError(
      `${path}: invalid base64: "${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}". Binary values are base64 text (as in the AWS CLI v2); to send text as it is, add --cli-binary-format raw-in-base64-out, or read a file with fileb://`,
    );
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/** The CLI's BackCompatVisitor: shorthand leaves are strings; make them what the model says. */
export function coerceShorthand(shape: Shape, value: ShorthandValue, path: string): unknown {
  switch (shape.kind) {
    case 'structure':
    case 'union': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const member = shape.member(key);
        out[key] = member ? coerceShorthand(member.shape, v, `${path}.${key}`) : v;
      }
      return out;
    }
    case 'list': {
      const items = Array.isArray(value) ? value : [value];
      return items.map((v, i) => coerceShorthand(shape.element, v, `${path}[${i}]`));
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerceShorthand(shape.value, v, `${path}.${k}`)]));
    }
    case 'document':
      throw new CliUsageError(`${path}: shorthand cannot give a document value; use JSON for this option`);
    case 'number':
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return value;
    case 'boolean':
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return value;
    default:
      return value;
  }
}

/** Checks a JSON-like value against the shape and converts it to SDK types (Date, Uint8Array). */
export function fromJson(shape: Shape, value: unknown, path: string, context: ValueContext): unknown {
  if (value === null) return undefined;
  const wrong = (expected: string): never => {
    throw new CliUsageError(`${path}: expected ${expected}, got ${describe(value)}`);
  };
  switch (shape.kind) {
    case 'structure':
    case 'union': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrong(`a structure (${shape.name})`);
      const out: Record<string, unknown> = {};
      const names = shape.members.map((m) => m.name);
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const member = shape.member(key);
        if (!member) {
          throw new CliUsageError(`${path}: unknown key "${key}"; ${shape.name} has ${names.join(', ')}.${didYouMean(key, names, 2)}`);
        }
        const converted = fromJson(member.shape, v, `${path}.${key}`, context);
        if (converted !== undefined) out[key] = converted;
      }
      if (shape.kind === 'union' && Object.keys(out).length !== 1) throw new CliUsageError(`${path}: give exactly one of ${names.join(', ')}`);
      const missing = shape.members.filter((m) => m.required && !m.idempotencyToken && out[m.name] === undefined).map((m) => m.name);
      if (missing.length) throw new CliUsageError(`${path}: missing required ${missing.length === 1 ? 'key' : 'keys'} ${missing.map((m) => `"${m}"`).join(', ')}`);
      return out;
    }
    case 'list':
      if (!Array.isArray(value)) return wrong('a list');
      return (value as unknown[]).map((v, i) => fromJson(shape.element, v, `${path}[${i}]`, context));
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrong('a map (an object of keys and values)');
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(shape.value, v, `${path}.${k}`, context)]));
    }
    case 'document':
      return value;
    case 'string':
      if (typeof value !== 'string') return wrong('a string');
      return value;
    case 'number':
      if (typeof value !== 'number') return wrong('a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return wrong('true or false');
      return value;
    case 'timestamp':
      if (typeof value !== 'string' && typeof value !== 'number') return wrong('a timestamp');
      return parseTimestamp(value as string | number, path);
    case 'blob':
      if (value instanceof Uint8Array) return value;
      if (typeof value !== 'string') return wrong('base64 text');
      return blobFromText(value as string, path, context);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a structure';
  return `${typeof value} ${JSON.stringify(value)}`;
}
