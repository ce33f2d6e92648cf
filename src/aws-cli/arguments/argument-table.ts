/**
 * The options an operation accepts on the command line, as the AWS CLI builds them: one option per
 * input member (kebab-cased), booleans as --flag/--no-flag, lists taking several values, plus the
 * CLI's own additions (pagination, --cli-input-json, outfile, put-metric-data's shortcuts).
 */
import type { OperationModel } from '../model/service-model.ts';
import { cliName } from '../model/names.ts';
import type { Member, Shape } from '../model/shape.ts';
import { hiddenAlias, PULL_UP_BOOLEAN_SERVICES, renamed } from './customisations.ts';

export type ArgumentAction =
  /** Sets `member` from the value(s). */
  | 'member'
  /** `--flag` sets true (or `{Value: true}` for pulled-up booleans); with pulled-up ones a value may follow. */
  | 'true'
  /** `--no-flag` sets false. */
  | 'false'
  | 'outfile'
  | 'starting-token'
  | 'max-items'
  | 'page-size'
  | 'cli-input-json'
  | 'generate-cli-skeleton'
  /** A put-metric-data shortcut: fills MetricData[0].<member>. */
  | 'metric-datum';

export interface CliArgument {
  /** `--bucket`, or `outfile` for the positional. */
  readonly name: string;
  readonly action: ArgumentAction;
  /** How many words follow: none (flag), exactly one, one or more, or an optional one. */
  readonly nargs: 0 | 1 | '+' | '?';
  readonly required: boolean;
  readonly positional?: boolean;
  /** Accepted but left out of help and completion (the CLI's undocumented arguments). */
  readonly hidden?: boolean;
  /** The input member it sets (for member, true/false, metric-datum). */
  readonly member?: Member;
  /** Shape the value is parsed as. */
  readonly shape?: Shape;
  /** The two options of a boolean pair share a group; giving both is an error. */
  readonly group?: string;
  /** One line for help when the member has no documentation. */
  readonly help?: string;
}

export interface ArgumentTable {
  readonly operation: OperationModel;
  /** Every option by name (`--bucket`), including hidden aliases. */
  readonly byName: ReadonlyMap<string, CliArgument>;
  /** Documented arguments in help order (required first, as the model lists them). */
  readonly documented: readonly CliArgument[];
  readonly positional?: CliArgument;
  /** Pagination is active for this operation. */
  readonly paginated: boolean;
  /** Members whose option name the CLI's pagination options took over (IAM's --max-items); they apply under --no-paginate. */
  readonly shadowed: ReadonlyMap<string, CliArgument>;
}

const cache = new WeakMap<OperationModel, ArgumentTable>();

export function argumentTable(operation: OperationModel): ArgumentTable {
  let table = cache.get(operation);
  if (!table) {
    table = build(operation);
    cache.set(operation, table);
  }
  return table;
}

function build(operation: OperationModel): ArgumentTable {
  const service = operation.service.entry.cliName;
  const op = operation.cliName;
  const args: CliArgument[] = [];
  const aliases: [string, CliArgument][] = [];
  const paginator = operation.paginator;
  const paginationMembers = new Set(paginator ? [paginator.inputToken, paginator.pageSizeKey].filter(Boolean) : []);

  for (const member of operation.input.members) {
    const shape = member.shape;
    if (shape.kind === 'blob' && shape.streaming) {
      args.push({ name: `--${renamed(service, op, cliName(member.name))}`, action: 'member', nargs: 1, required: member.required, member, shape, help: 'path to a file' });
      continue;
    }
    const base = cliName(member.name);
    const hidden = paginationMembers.has(member.name);
    if (shape.kind === 'boolean') {
      const positive = renamed(service, op, base);
      const negative = renamed(service, op, `no-${base}`);
      args.push({ name: `--${positive}`, action: 'true', nargs: 0, required: member.required, member, shape, group: base, hidden });
      args.push({ name: `--${negative}`, action: 'false', nargs: 0, required: false, member, shape, group: base, hidden });
      continue;
    }
    if (PULL_UP_BOOLEAN_SERVICES.has(service) && isValueBoolean(shape)) {
      const positive = renamed(service, op, base);
      const negative = renamed(service, op, `no-${base}`);
      args.push({ name: `--${positive}`, action: 'true', nargs: '?', required: member.required, member, shape, group: base, hidden });
      args.push({ name: `--${negative}`, action: 'false', nargs: 0, required: false, member, shape, group: base, hidden });
      continue;
    }
    const arg: CliArgument = {
      name: `--${renamed(service, op, base)}`,
      action: 'member',
      nargs: shape.kind === 'list' ? '+' : 1,
      // The SDK fills idempotency tokens; the CLI never asks for them.
      required: member.required && !member.idempotencyToken,
      member,
      shape,
      hidden,
    };
    args.push(arg);
    const alias = hiddenAlias(service, op, base);
    if (alias) aliases.push([`--${alias}`, arg]);
  }

  const output = operation.output;
  const payload = output.payloadMember;
  let positional: CliArgument | undefined;
  // Like botocore's has_streaming_output: any blob payload (S3 GetObject, SageMaker InvokeEndpoint).
  if (payload) {
    positional = { name: 'outfile', action: 'outfile', nargs: 1, required: true, positional: true, help: `Filename where the content (${payload.name}) will be saved` };
  }

  if (paginator) {
    args.push({ name: '--starting-token', action: 'starting-token', nargs: 1, required: false, help: 'A token to specify where to start paginating: the NextToken from a previously truncated response.' });
    if (paginator.pageSizeKey) {
      args.push({ name: '--page-size', action: 'page-size', nargs: 1, required: false, help: 'The size of each page to get in the AWS service call. This does not affect the number of items returned in the command\'s output.' });
    }
    args.push({ name: '--max-items', action: 'max-items', nargs: 1, required: false, help: 'The total number of items to return in the command\'s output. If more are available, a NextToken is provided to resume with --starting-token.' });
  }

  if (service === 'cloudwatch' && op === 'put-metric-data') args.push(...metricDatumArguments(operation));

  args.push({ name: '--cli-input-json', action: 'cli-input-json', nargs: 1, required: false, help: 'Reads arguments from the JSON string provided (or file://…); the JSON uses the API\'s member names. Arguments on the command line override it.' });
  args.push({ name: '--generate-cli-skeleton', action: 'generate-cli-skeleton', nargs: '?', required: false, help: 'Prints a JSON skeleton of the input (or "output") instead of calling AWS.' });

  const byName = new Map<string, CliArgument>();
  const shadowed = new Map<string, CliArgument>();
  // Later entries (the CLI's pagination options) shadow members of the same name, as in the CLI.
  for (const arg of args) {
    const earlier = byName.get(arg.name);
    if (earlier) shadowed.set(arg.name, earlier);
    byName.set(arg.name, arg);
  }
  for (const [alias, arg] of aliases) byName.set(alias, arg);
  if (positional) byName.set(positional.name, positional);
  const documented = [...byName.values()].filter((a, i, all) => !a.hidden && !a.positional && all.indexOf(a) === i);
  // The shadowed member (e.g. IAM's own MaxItems) stays reachable when pagination is turned off.
  return { operation, byName, documented: positional ? [positional, ...documented] : documented, positional, paginated: Boolean(paginator), shadowed };
}

/** A structure whose only member is `Value: boolean` (EC2's AttributeBooleanValue). */
export function isValueBoolean(shape: Shape): boolean {
  return shape.kind === 'structure' && shape.members.length === 1 && shape.members[0]!.name === 'Value' && shape.members[0]!.shape.kind === 'boolean';
}

function metricDatumArguments(operation: OperationModel): CliArgument[] {
  const datum = operation.input.member('MetricData')?.shape.element;
  if (!datum) return [];
  const pick = (memberName: string, name: string, help: string): CliArgument[] => {
    const member = datum.member(memberName);
    return member ? [{ name, action: 'metric-datum', nargs: member.shape.kind === 'list' ? '+' : 1, required: false, member, shape: member.shape, help }] : [];
  };
  return [
    ...pick('MetricName', '--metric-name', 'The name of the metric (builds one datum of --metric-data).'),
    ...pick('Value', '--value', 'The value for the metric.'),
    ...pick('Unit', '--unit', 'The unit of the metric.'),
    ...pick('Dimensions', '--dimensions', 'Dimensions as Name=Value pairs separated by commas: --dimensions InstanceId=i-1,InstanceType=m5.large.').map((a) => ({ ...a, nargs: 1 as const })),
    ...pick('Timestamp', '--timestamp', 'The time stamp of the datum (ISO 8601 or seconds since the epoch).'),
    ...pick('StatisticValues', '--statistic-values', 'SampleCount=…,Sum=…,Minimum=…,Maximum=…'),
    ...pick('StorageResolution', '--storage-resolution', '1 for high resolution, 60 for standard.'),
  ];
}
