/**
 * From the words of a command line to a call: `aws [globals] <service> <operation> [options]`
 * → which SDK command, with which input, and how to present the answer. Every mistake is a
 * CliUsageError that says what was wrong, where (an offset for a caret), and the closest valid names.
 */
import { argumentTable, type ArgumentTable, type CliArgument } from '../arguments/argument-table.ts';
import { BASE64_ENCODED_INPUTS } from '../arguments/customisations.ts';
import { fromJson, parseOptionValue, resolveParamFile, scalarFromText, type ValueContext } from '../arguments/values.ts';
import { CliUsageError } from '../errors.ts';
import type { FileStore } from '../files/file-store.ts';
import { loadServiceModel, type OperationModel, type ServiceModel } from '../model/service-model.ts';
import { findService, serviceNames, UNSUPPORTED_SERVICES } from '../model/services.ts';
import { waitersOf, type WaiterModel } from '../model/waiters.ts';
import { closest, didYouMean } from '../suggest.ts';
import { GLOBAL_OPTIONS, globalOptionByName, type GlobalOptions, type OutputFormat } from './global-options.ts';
import type { Token } from './tokenize.ts';

export interface PaginationRequest {
  /** Fetch every page and merge them (the CLI's default for paginated operations). */
  enabled: boolean;
  startingToken?: string;
  maxItems?: number;
  pageSize?: number;
}

export type ParsedCommand =
  | { kind: 'version'; globals: GlobalOptions; notices: string[] }
  | { kind: 'help'; globals: GlobalOptions; notices: string[]; service?: ServiceModel; operation?: OperationModel }
  | {
      kind: 'call';
      globals: GlobalOptions;
      notices: string[];
      service: ServiceModel;
      operation: OperationModel;
      input: Record<string, unknown>;
      /** Where a streaming body is written (get-object's outfile). */
      outfile?: string;
      pagination: PaginationRequest;
      /** --generate-cli-skeleton: print this instead of calling. */
      skeleton?: 'input' | 'output' | 'yaml-input';
      /** `aws <service> wait <waiter>`: poll with this waiter instead of one call. */
      waiter?: WaiterModel;
    };

export interface ParseOptions {
  files?: FileStore;
  /** Only check the command (no file contents are needed to be present). */
}

/** Parses words after `aws` (tokens carry offsets into the original line for error carets). */
export async function parseCommand(tokens: readonly Token[], options: ParseOptions = {}): Promise<ParsedCommand> {
  const globals: GlobalOptions = { paginate: true };
  const notices: string[] = [];
  const rest: Token[] = [];
  // Global options may appear anywhere; pull them out first, as the CLI's first parser does.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const [name, inlineValue] = splitOption(token.value);
    const spec = globalOptionByName.get(name);
    if (!spec) {
      rest.push(token);
      continue;
    }
    let value: string | undefined;
    if (spec.takesValue) {
      value = inlineValue ?? tokens[++i]?.value;
      if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) throw new CliUsageError(`${name} needs a value${spec.choices ? ` (one of: ${spec.choices.join(', ')})` : ''}`, token.end);
      if (spec.choices && !spec.choices.includes(value)) {
        throw new CliUsageError(`${name}: "${value}" is not a valid choice; choose from ${spec.choices.join(', ')}.${didYouMean(value, spec.choices, 1)}`, tokens[i]!.start);
      }
    } else if (inlineValue !== undefined) throw new CliUsageError(`${name} takes no value`, token.start);
    if (spec.refusedBecause) throw new CliUsageError(`${name} is not available here: ${spec.refusedBecause}`, token.start);
    if (spec.ignoredBecause) notices.push(`Note: ${name} is ignored: ${spec.ignoredBecause}.`);
    switch (name) {
      case '--region':
        if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value!)) throw new CliUsageError(`--region: "${value}" is not a region name (like us-east-1)`, tokens[i]!.start);
        globals.region = value;
        break;
      case '--output':
        globals.output = value as OutputFormat;
        break;
      case '--query':
        globals.query = value;
        break;
      case '--no-paginate':
        globals.paginate = false;
        break;
      case '--cli-binary-format':
        globals.binaryFormat = value as GlobalOptions['binaryFormat'];
        break;
      case '--color':
        globals.color = value;
        break;
      case '--version':
        return { kind: 'version', globals, notices };
    }
  }

  const serviceToken = rest[0];
  if (!serviceToken || serviceToken.value === 'help') return { kind: 'help', globals, notices };
  if (serviceToken.value.startsWith('-')) {
    throw new CliUsageError(`${serviceToken.value} is not a global option, and a service name must come first: aws <service> <operation> [options].${didYouMean(serviceToken.value, GLOBAL_OPTIONS.map((g) => g.name), 2)}`, serviceToken.start);
  }
  const entry = findService(serviceToken.value);
  if (!entry) {
    const why = UNSUPPORTED_SERVICES[serviceToken.value];
    if (why) throw new CliUsageError(`aws ${serviceToken.value}: ${why}`, serviceToken.start);
    throw new CliUsageError(`"${serviceToken.value}" is not a service this terminal knows.${didYouMean(serviceToken.value, serviceNames)} Services: ${serviceNames.join(', ')} (aws help lists them).`, serviceToken.start);
  }
  const service = await loadServiceModel(entry.cliName);

  const operationToken = rest[1];
  if (!operationToken || operationToken.value === 'help') return { kind: 'help', globals, notices, service };
  if (operationToken.value === 'wait') return parseWait(globals, notices, service, rest.slice(2), operationToken, options);
  const operation = service.operations.get(operationToken.value);
  if (!operation) {
    const names = [...service.operations.keys()];
    const near = closest(operationToken.value, names, 4);
    throw new CliUsageError(
      `"${operationToken.value}" is not an operation of aws ${entry.cliName}.` +
        (near.length ? ` Did you mean: ${near.join(', ')}?` : '') +
        ` (aws ${entry.cliName} help lists all ${names.length}.)`,
      operationToken.start,
    );
  }
  const words = rest.slice(2);
  if (words.some((w) => w.value === 'help') && words.filter((w) => !w.value.startsWith('--')).length === 1) {
    return { kind: 'help', globals, notices, service, operation };
  }
  return parseOperationOptions(globals, notices, service, operation, words, options);
}

async function parseWait(globals: GlobalOptions, notices: string[], service: ServiceModel, words: Token[], waitToken: Token, options: ParseOptions): Promise<ParsedCommand> {
  const waiters = waitersOf(service);
  const name = words[0];
  const list = [...waiters.keys()];
  if (!name || name.value === 'help') {
    throw new CliUsageError(`aws ${service.entry.cliName} wait needs a waiter: ${list.length ? list.join(', ') : '(this service has none)'}`, waitToken.end);
  }
  const waiter = waiters.get(name.value);
  if (!waiter) throw new CliUsageError(`"${name.value}" is not a waiter of aws ${service.entry.cliName}.${didYouMean(name.value, list)} Waiters: ${list.join(', ')}.`, name.start);
  const parsed = await parseOperationOptions(globals, notices, service, waiter.operation, words.slice(1), options);
  return parsed.kind === 'call' ? { ...parsed, waiter, pagination: { enabled: false } } : parsed;
}

function splitOption(word: string): [string, string | undefined] {
  if (!word.startsWith('--')) return [word, undefined];
  const eq = word.indexOf('=');
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

interface Given {
  arg: CliArgument;
  words: string[];
  token: Token;
}

async function parseOperationOptions(
  globals: GlobalOptions,
  notices: string[],
  service: ServiceModel,
  operation: OperationModel,
  words: Token[],
  options: ParseOptions,
): Promise<ParsedCommand> {
  const table = argumentTable(operation);
  const given = new Map<CliArgument, Given>();
  const groups = new Map<string, Given>();
  let positional: Given | undefined;

  for (let i = 0; i < words.length; i++) {
    const token = words[i]!;
    if (!isOption(token.value)) {
      if (table.positional && !positional) {
        positional = { arg: table.positional, words: [token.value], token };
        continue;
      }
      const previous = words[i - 1];
      throw new CliUsageError(
        `unexpected value "${token.value}"` +
          (previous?.value.startsWith('--') ? ` after ${previous.value} (it takes ${describeNargs(table.byName.get(splitOption(previous.value)[0]))}); quote a value that contains spaces` : ': values follow the option they belong to (--name value)'),
        token.start,
      );
    }
    const [name, inline] = splitOption(token.value);
    const arg = lookup(table, name, globals, token);
    const values: string[] = [];
    if (inline !== undefined) {
      if (arg.nargs === 0) throw new CliUsageError(`${name} is a flag and takes no value`, token.start);
      values.push(inline);
    }
    if (arg.nargs === 1 && inline === undefined) {
      const next = words[i + 1];
      if (!next || isOption(next.value)) throw new CliUsageError(`${name} needs a value${hint(arg)}`, token.end);
      values.push(next.value);
      i++;
    } else if (arg.nargs === '+') {
      while (words[i + 1] && !isOption(words[i + 1]!.value)) values.push(words[++i]!.value);
      if (values.length === 0) throw new CliUsageError(`${name} needs at least one value${hint(arg)}`, token.end);
    } else if (arg.nargs === '?' && inline === undefined) {
      const next = words[i + 1];
      if (next && !isOption(next.value) && !(table.positional && !positional && arg.action === 'generate-cli-skeleton' && !['input', 'output', 'yaml-input'].includes(next.value))) {
        values.push(next.value);
        i++;
      }
    }
    if (given.has(arg)) throw new CliUsageError(`${name} is given twice; give it once${arg.nargs === '+' ? ', with all its values after it' : ''}`, token.start);
    const entry = { arg, words: values, token };
    if (arg.group) {
      const other = groups.get(arg.group);
      if (other) throw new CliUsageError(`${other.arg.name} and ${name} contradict each other; give one of them`, token.start);
      groups.set(arg.group, entry);
    }
    given.set(arg, entry);
  }

  const context = (option: string): ValueContext => ({ files: options.files, binaryFormat: globals.binaryFormat ?? 'base64', option });
  let input: Record<string, unknown> = {};
  const pagination: PaginationRequest = { enabled: table.paginated && globals.paginate };
  let skeleton: 'input' | 'output' | 'yaml-input' | undefined;
  const metricDatum: Record<string, unknown> = {};
  let metricDatumGiven: Token | undefined;

  for (const { arg, words: values, token } of given.values()) {
    const member = arg.member;
    const at = (error: unknown): never => {
      if (error instanceof CliUsageError && error.position === undefined) throw new CliUsageError(error.message, token.start);
      throw error;
    };
    try {
      switch (arg.action) {
        case 'member':
          input[member!.name] = parseOptionValue(arg.shape!, values, context(arg.name));
          break;
        case 'true':
          if (arg.shape!.kind === 'boolean') input[member!.name] = true;
          else input[member!.name] = values.length ? parseOptionValue(arg.shape!, values, context(arg.name)) : { Value: true };
          break;
        case 'false':
          input[member!.name] = arg.shape!.kind === 'boolean' ? false : { Value: false };
          break;
        case 'starting-token':
          pagination.startingToken = values[0];
          break;
        case 'max-items':
          pagination.maxItems = positiveInteger(values[0]!, arg.name);
          break;
        case 'page-size':
          pagination.pageSize = positiveInteger(values[0]!, arg.name);
          break;
        case 'cli-input-json':
          break; // applied below, under the command line's own values
        case 'generate-cli-skeleton': {
          const kind = values[0] ?? 'input';
          if (!['input', 'output', 'yaml-input'].includes(kind)) throw new CliUsageError(`--generate-cli-skeleton: choose input, output or yaml-input, not "${kind}"`);
          skeleton = kind as typeof skeleton;
          break;
        }
        case 'metric-datum':
          // --dimensions here is Name=Value pairs (putmetricdata.py), not the Dimension shorthand.
          metricDatum[member!.name] = member!.name === 'Dimensions' ? dimensionPairs(values[0]!) : parseOptionValue(arg.shape!, values, context(arg.name));
          metricDatumGiven = token;
          break;
        case 'outfile':
          break;
      }
    } catch (error) {
      at(error);
    }
  }
  const cliJson = [...given.values()].find((g) => g.arg.action === 'cli-input-json');
  if (cliJson) {
    const text = resolveParamFile(cliJson.words[0]!, context('--cli-input-json'));
    let json: unknown;
    try {
      json = JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));
    } catch (error) {
      throw new CliUsageError(`--cli-input-json: invalid JSON: ${(error as Error).message}`, cliJson.token.start);
    }
    // Options on the command line win over the same members in the JSON, as in the CLI.
    input = { ...fromJsonLenient(operation, json, context('--cli-input-json')), ...input };
  }
  if (metricDatumGiven) {
    if (input.MetricData) throw new CliUsageError('give either --metric-data or --metric-name/--value/… , not both', metricDatumGiven.start);
    if (!metricDatum.MetricName) throw new CliUsageError('--metric-name is required when --value, --unit, --dimensions or --statistic-values are given', metricDatumGiven.start);
    input.MetricData = [metricDatum];
  }

  // The service's own paging options (hidden) turn automatic pagination off, as in the CLI.
  const paginator = operation.paginator;
  if (paginator && (input[paginator.inputToken] !== undefined || (paginator.pageSizeKey && input[paginator.pageSizeKey] !== undefined && !table.shadowed.has(`--${cliNameOfMember(table, paginator.pageSizeKey)}`)))) {
    pagination.enabled = false;
  }
  if (!pagination.enabled && table.paginated) {
    const used = (['startingToken', 'maxItems', 'pageSize'] as const).filter((k) => pagination[k] !== undefined);
    // Under --no-paginate, an option the pagination options shadowed (IAM's --max-items) means the member again.
    for (const key of used) {
      const name = key === 'maxItems' ? '--max-items' : key === 'pageSize' ? '--page-size' : '--starting-token';
      const original = table.shadowed.get(name);
      const givenArg = [...given.values()].find((g) => g.arg.name === name);
      if (original && givenArg) {
        input[original.member!.name] = parseOptionValue(original.shape!, givenArg.words, context(name));
        delete pagination[key];
      }
    }
    const left = (['startingToken', 'maxItems', 'pageSize'] as const).filter((k) => pagination[k] !== undefined);
    if (left.length && !globals.paginate) {
      throw new CliUsageError(`--no-paginate cannot be combined with ${left.map((k) => (k === 'startingToken' ? '--starting-token' : k === 'maxItems' ? '--max-items' : '--page-size')).join(', ')}`);
    }
  }

  const encoded = BASE64_ENCODED_INPUTS;
  for (const memberName of Object.keys(input)) {
    if (encoded[`${service.entry.cliName}.${operation.cliName}.${memberName}`] && typeof input[memberName] === 'string') {
      input[memberName] = Buffer.from(input[memberName] as string, 'utf8').toString('base64');
    }
  }

  if (!skeleton) {
    const missing = table.documented.filter((a) => a.required && !a.positional && a.member && input[a.member.name] === undefined).map((a) => a.name);
    if (table.positional && !positional) missing.unshift(table.positional.name);
    if (missing.length) {
      throw new CliUsageError(`the following arguments are required: ${missing.join(', ')} (aws ${service.entry.cliName} ${operation.cliName} help shows them)`);
    }
  }
  return {
    kind: 'call',
    globals,
    notices,
    service,
    operation,
    input,
    ...(positional ? { outfile: positional.words[0] } : {}),
    pagination,
    ...(skeleton ? { skeleton } : {}),
  };
}

function fromJsonLenient(operation: OperationModel, json: unknown, context: ValueContext): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliUsageError('--cli-input-json: expected a JSON object of the operation\'s input members');
  // Input that is not all there yet is fine: required members may come from the command line.
  const shape = operation.input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    const member = shape.member(key);
    if (!member) throw new CliUsageError(`--cli-input-json: unknown key "${key}"; ${operation.name} takes ${shape.members.map((m) => m.name).join(', ')}.${didYouMean(key, shape.members.map((m) => m.name), 2)}`);
    const converted = fromJson(member.shape, value, key, context);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

function cliNameOfMember(table: ArgumentTable, memberName: string): string {
  for (const arg of table.byName.values()) if (arg.member?.name === memberName) return arg.name.slice(2);
  return memberName;
}

function isOption(word: string): boolean {
  return word.startsWith('--') && word.length > 2;
}

function lookup(table: ArgumentTable, name: string, globals: GlobalOptions, token: Token): CliArgument {
  const arg = table.byName.get(name);
  if (arg && !arg.positional) return arg;
  const service = table.operation.service.entry.cliName;
  const candidates = [...table.byName.values()].filter((a) => !a.hidden && !a.positional).map((a) => a.name);
  const near = closest(name, [...candidates, ...GLOBAL_OPTIONS.map((g) => g.name)], 3);
  void globals;
  throw new CliUsageError(
    `${name} is not an option of aws ${service} ${table.operation.cliName}.` +
      (near.length ? ` Did you mean: ${near.join(', ')}?` : '') +
      ` (aws ${service} ${table.operation.cliName} help lists its options.)`,
    token.start,
  );
}

function describeNargs(arg: CliArgument | undefined): string {
  if (!arg) return 'one value';
  if (arg.nargs === 0) return 'no value';
  if (arg.nargs === '+') return 'one or more values';
  return 'one value';
}

function hint(arg: CliArgument): string {
  const shape = arg.shape;
  if (!shape) return '';
  if (shape.enumValues?.length) return ` (one of: ${shape.enumValues.slice(0, 8).join(', ')}${shape.enumValues.length > 8 ? ', …' : ''})`;
  return ` (${shape.label})`;
}

function dimensionPairs(text: string): { Name: string; Value: string }[] {
  return text.split(/(?<!\\),/).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliUsageError(`--dimensions: "${pair}" is not Name=Value (e.g. --dimensions EndpointName=churn,VariantName=AllTraffic)`);
    return { Name: pair.slice(0, eq).replaceAll('\\,', ','), Value: pair.slice(eq + 1).replaceAll('\\,', ',') };
  });
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new CliUsageError(`${option}: expected a whole number of 1 or more, got "${text}"`);
  return value;
}

export { scalarFromText };
