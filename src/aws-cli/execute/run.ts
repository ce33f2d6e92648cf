/**
 * Runs one `aws …` command line through the AWS SDK v3: parse, call (with the CLI's pagination),
 * shape the answer as the CLI does, print it in the requested format. Never a shell: one command,
 * no pipes, no variables, files only from the session's store.
 */
import { parseCommand, type ParsedCommand } from '../command-line/parse-command.ts';
import { tokenize, type Token } from '../command-line/tokenize.ts';
import { CliConfigurationError, CliUsageError, EXIT } from '../errors.ts';
import type { FileStore } from '../files/file-store.ts';
import { renderHelp } from '../help/render-help.ts';
import { skeletonOf } from '../help/skeleton.ts';
import type { OperationModel } from '../model/service-model.ts';
import { loadServiceModel } from '../model/service-model.ts';
import { normalizeOutput, type CliData } from '../output/normalize.ts';
import { applyQuery, checkQuery } from '../output/query.ts';
import { renderOutput } from '../output/render.ts';
import { formatText } from '../output/text.ts';
import { describeCallError } from './aws-errors.ts';
import { endpointClientFactory, type ClientFactory, type Credentials, type SdkClient } from './clients.ts';
import { customiseOutput } from './output-customisations.ts';
import { paginate } from './paginate.ts';

export interface RunOptions {
  /** Makes SDK clients (the terminal passes src/aws's). Either this or `endpoint` + `credentials`. */
  clientFactory?: ClientFactory;
  /** An AWS-compatible endpoint to build clients for (tests, `npm run aws`). */
  endpoint?: string;
  credentials?: Credentials;
  /** The session's region, used unless the command says --region (default us-east-1). */
  region?: string;
  /** The session's files, for file://, fileb://, --body and outfile. Without it, file references are refused. */
  files?: FileStore;
  /** Terminal columns, for --output table (default 80, as the CLI off a terminal). */
  terminalWidth?: number;
  /** Output format when the command gives no --output (default json). */
  defaultOutput?: 'json' | 'text' | 'table' | 'yaml';
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const ENGINE_VERSION = 'aws-cli/2-compatible mlsec-sim-aws-cli/0.1.0 (AWS SDK for JavaScript v3)';

/** Runs a command line that starts with `aws`. */
export async function runAwsCommand(line: string, options: RunOptions = {}): Promise<RunResult> {
  let tokens: Token[];
  try {
    tokens = tokenize(line);
  } catch (error) {
    return failure(error, line);
  }
  if (tokens.length === 0) return { exitCode: EXIT.ok, stdout: '', stderr: '' };
  if (tokens[0]!.value !== 'aws') {
    return failure(new CliUsageError(`this terminal runs aws commands only (aws <service> <operation> [options]); "${tokens[0]!.value}" is not one`, tokens[0]!.start), line);
  }
  return runTokens(tokens.slice(1), line, options);
}

/** Runs the words after `aws` (as a shell already split them, e.g. from process.argv). */
export async function runAwsArgv(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  // Offsets into a reconstructed line keep the caret under the right word.
  let offset = 4;
  const tokens = argv.map((value) => {
    const token = { value, start: offset, end: offset + value.length };
    offset += value.length + 1;
    return token;
  });
  return runTokens(tokens, `aws ${argv.join(' ')}`, options);
}

async function runTokens(tokens: Token[], line: string, options: RunOptions): Promise<RunResult> {
  let parsed: ParsedCommand;
  try {
    parsed = await parseCommand(tokens, { files: options.files });
  } catch (error) {
    return failure(error, line);
  }
  const notices = parsed.notices.length ? `${parsed.notices.join('\n')}\n` : '';
  if (parsed.kind === 'version') return { exitCode: EXIT.ok, stdout: `${ENGINE_VERSION}\n`, stderr: notices };
  if (parsed.kind === 'help') {
    return { exitCode: EXIT.ok, stdout: renderHelp(parsed.service, parsed.operation), stderr: notices };
  }
  const { operation, globals } = parsed;
  try {
    if (globals.query !== undefined) checkQuery(globals.query);
    if (parsed.skeleton) return { exitCode: EXIT.ok, stdout: skeletonOf(operation, parsed.skeleton), stderr: notices };
    const format = globals.output ?? options.defaultOutput ?? 'json';
    const client = await clientFor(operation, globals.region ?? options.region ?? 'us-east-1', options);
    const send = async (input: Record<string, unknown>) =>
      (await client.send(new operation.Command(input), options.signal ? { abortSignal: options.signal } : undefined)) as Record<string, unknown>;
    let stdout: string;
    try {
      if (parsed.waiter) {
        const outcome = await parsed.waiter.wait({ client, maxWaitTime: 900, minDelay: 1, maxDelay: 15, ...(options.signal ? { abortSignal: options.signal } : {}) }, parsed.input);
        if (outcome.state !== 'SUCCESS') {
          return { exitCode: EXIT.other, stdout: '', stderr: `${notices}\nWaiter ${parsed.waiter.name} failed: ${outcome.state === 'TIMEOUT' ? 'Max attempts exceeded' : 'Waiter encountered a terminal failure state'}\n` };
        }
        return { exitCode: EXIT.ok, stdout: '', stderr: notices };
      }
      stdout = await callAndRender(parsed, send, format, options);
    } catch (error) {
      if (error instanceof CliUsageError || error instanceof CliConfigurationError) throw error;
      const printed = describeCallError(error, operation.name, options.endpoint);
      return { exitCode: printed.exitCode, stdout: '', stderr: notices + printed.message };
    }
    return { exitCode: EXIT.ok, stdout, stderr: notices };
  } catch (error) {
    const result = failure(error, line);
    return { ...result, stderr: notices + result.stderr };
  }
}

async function clientFor(operation: OperationModel, region: string, options: RunOptions): Promise<SdkClient> {
  let factory = options.clientFactory;
  if (!factory) {
    if (!options.endpoint || !options.credentials) throw new CliConfigurationError('no AWS environment is connected to this terminal (neither a client factory nor an endpoint with credentials was given)');
    factory = endpointClientFactory({ endpoint: options.endpoint, credentials: options.credentials }, loadServiceModel);
    options.clientFactory = factory;
  }
  return factory(operation.service.entry.clientKey, { region });
}

type CallParsed = Extract<ParsedCommand, { kind: 'call' }>;

async function callAndRender(parsed: CallParsed, send: (input: Record<string, unknown>) => Promise<Record<string, unknown>>, format: string, options: RunOptions): Promise<string> {
  const { operation, globals } = parsed;
  const service = operation.service.entry.cliName;
  const outputShape = operation.output;
  const shape = (data: Record<string, unknown>): CliData => {
    // Keep the order of the (possibly merged) result, normalising each member by its shape.
    const out: { [key: string]: CliData } = {};
    const source = data;
    const ordered = parsed.pagination.enabled ? Object.keys(source) : [...outputShape.members.map((m) => m.name).filter((n) => n in source), ...Object.keys(source).filter((k) => !outputShape.member(k))];
    for (const key of ordered) {
      if (key === '$metadata' || source[key] === undefined) continue;
      out[key] = normalizeOutput(outputShape.member(key)?.shape, source[key]);
    }
    return customiseOutput(service, out);
  };
  const render = (data: CliData) => renderOutput(globals.query !== undefined ? applyQuery(data, globals.query) : data, { format: format as never, title: operation.name, terminalWidth: options.terminalWidth });

  if (parsed.pagination.enabled && operation.paginator) {
    const result = await paginate(operation, parsed.input, parsed.pagination, send);
    if (format === 'text') {
      // The CLI formats text page by page, applying --query to each page.
      let text = result.pages.map((page) => render(shape(page))).join('');
      if (result.resumeToken) text += formatText({ NextToken: { NextToken: result.resumeToken } });
      return text;
    }
    return render(shape(result.merged));
  }
  const response = await send(parsed.input);
  const payload = outputShape.payloadMember;
  if (payload && parsed.outfile !== undefined) {
    await saveBody(response[payload.name], parsed.outfile, options.files);
    delete response[payload.name];
  }
  return render(shape(response));
}

async function saveBody(body: unknown, path: string, files: FileStore | undefined): Promise<void> {
  if (!files) throw new CliUsageError(`files are not available in this terminal, so the body cannot be saved to ${path}`);
  let bytes: Uint8Array;
  if (body === undefined || body === null) bytes = new Uint8Array();
  else if (body instanceof Uint8Array) bytes = body;
  else if (typeof (body as { transformToByteArray?: unknown }).transformToByteArray === 'function') bytes = await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  else if (typeof body === 'string') bytes = new TextEncoder().encode(body);
  else throw new Error('the response body could not be read');
  try {
    files.write(path, bytes);
  } catch (error) {
    throw new CliUsageError(`could not save the body to ${path}: ${(error as Error).message}`);
  }
}

/** A usage or configuration error as the CLI prints it, with a caret under the offending word. */
function failure(error: unknown, line: string): RunResult {
  if (error instanceof CliUsageError) {
    const caret = error.position !== undefined && !line.includes('\n') ? `\n  ${line}\n  ${' '.repeat(Math.min(error.position, line.length))}^` : '';
    return { exitCode: error.exitCode, stdout: '', stderr: `aws: error: ${error.message}${caret}\n` };
  }
  if (error instanceof CliConfigurationError) return { exitCode: error.exitCode, stdout: '', stderr: `aws: error: ${error.message}\n` };
  return { exitCode: EXIT.other, stdout: '', stderr: `\n${(error as Error)?.message ?? String(error)}\n` };
}
