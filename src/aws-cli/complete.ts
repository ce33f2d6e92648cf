/**
 * Tab completion for a line being typed: services, operations, the current operation's options
 * (those not given yet), values of global options, enum values the model lists, and the session's
 * files after `file://`. Returns the candidates and the range of the line they replace.
 */
import { argumentTable } from './arguments/argument-table.ts';
import { GLOBAL_OPTIONS, globalOptionByName } from './command-line/global-options.ts';
import { tokenize, type Token } from './command-line/tokenize.ts';
import type { FileStore } from './files/file-store.ts';
import { loadServiceModel } from './model/service-model.ts';
import { findService, serviceNames } from './model/services.ts';

export interface Completion {
  /** Full replacement words, sorted. */
  candidates: string[];
  /** Offsets of the text the chosen candidate replaces (the partial word under the cursor). */
  from: number;
  to: number;
}

export interface CompleteOptions {
  files?: FileStore;
}

export async function completeAwsCommand(line: string, cursor = line.length, options: CompleteOptions = {}): Promise<Completion> {
  const head = line.slice(0, cursor);
  let tokens: Token[];
  try {
    tokens = tokenize(head, { lenient: true });
  } catch {
    return { candidates: [], from: cursor, to: cursor };
  }
  const endsInSpace = head.length === 0 || /\s$/.test(head);
  const current: Token = endsInSpace || tokens.length === 0 ? { value: '', start: cursor, end: cursor } : tokens[tokens.length - 1]!;
  const before = endsInSpace ? tokens : tokens.slice(0, -1);
  const done = (all: Iterable<string>): Completion => ({
    candidates: [...new Set(all)].filter((c) => c.startsWith(current.value)).sort(),
    from: current.start,
    to: cursor,
  });

  if (before.length === 0) return done(['aws']);
  if (before[0]!.value !== 'aws') return done([]);

  // Walk the words typed so far: globals (and their values), service, operation, options.
  const words = before.slice(1).map((t) => t.value);
  const positional: string[] = [];
  const optionsGiven: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const global = globalOptionByName.get(word);
    if (global) {
      if (global.takesValue) i++;
      continue;
    }
    if (word.startsWith('--')) optionsGiven.push(word);
    else if (positional.length < 2 && optionsGiven.length === 0) positional.push(word);
  }
  const previous = words[words.length - 1];
  const previousGlobal = previous ? globalOptionByName.get(previous) : undefined;
  if (previousGlobal?.takesValue) return done(previousGlobal.choices ?? []);
  if (/^fileb?:\/\//.test(current.value)) {
    const scheme = current.value.startsWith('fileb') ? 'fileb://' : 'file://';
    return done((options.files?.list() ?? []).map((f) => `${scheme}${f}`));
  }
  const globalNames = GLOBAL_OPTIONS.map((g) => g.name);

  if (positional.length === 0) {
    if (current.value.startsWith('-')) return done(globalNames);
    return done([...serviceNames, 'help']);
  }
  const entry = findService(positional[0]!);
  if (!entry) return done([]);
  const service = await loadServiceModel(entry.cliName);
  if (positional.length === 1) {
    if (current.value.startsWith('-')) return done(globalNames);
    return done([...service.operations.keys(), 'help']);
  }
  const operation = service.operations.get(positional[1]!);
  if (!operation) return done([]);
  const table = argumentTable(operation);
  if (current.value.startsWith('-')) {
    const available = table.documented.filter((a) => !a.positional && !optionsGiven.includes(a.name)).map((a) => a.name);
    return done([...available, ...globalNames.filter((g) => !optionsGiven.includes(g))]);
  }
  // A value: enum values of the option it follows (also for the 2nd, 3rd… value of a list option).
  let option: string | undefined;
  for (let i = words.length - 1; i >= 0; i--) {
    if (words[i]!.startsWith('--')) {
      option = words[i];
      break;
    }
  }
  const arg = option ? table.byName.get(option) : undefined;
  if (!arg || arg.nargs === 0) return done(words.length === 2 ? ['help'] : []);
  if (arg.nargs !== '+' && option !== previous) return done([]);
  const shape = arg.shape;
  const values = shape?.enumValues ?? (shape?.kind === 'list' ? shape.element.enumValues : undefined);
  if (values) return done(values);
  if (shape?.kind === 'boolean') return done(['true', 'false']);
  return done([]);
}
