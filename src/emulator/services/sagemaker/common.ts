/** Helpers every SageMaker resource module uses: state access, ARNs, ids, errors, names, enums, listing. */
import { pageByToken } from '../../core/next-token.ts';
import { arnIn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { ProblemList } from '../../core/validation.ts';
import type { SageMakerState } from './state.ts';

export function sagemaker(ctx: RequestContext): SageMakerState {
  return ctx.stateOf<SageMakerState>('sagemaker');
}

/** SageMaker lower-cases resource names in ARNs (`endpoint/MyEndpoint` → `endpoint/myendpoint`). */
export function sagemakerArn(ctx: RequestContext, type: string, name: string): string {
  return arnIn(ctx, 'sagemaker', `${type}/${name.toLowerCase()}`);
}

export function key(name: string): string {
  return name.toLowerCase();
}

/** Random parts of SageMaker ids: hex (ENI, security group and EFS ids, notebook URLs), lower-case alphanumerics (Studio domain ids: `d-` + 12). */
export { randomHex, randomChars as randomAlnum } from '../../core/ids.ts';

// ── errors ─────────────────────────────────────────────────────────────────────────────────────

/** SageMaker answers most problems as ValidationException (400), including "not found". */
export function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message, { status: 400 });
}

export function resourceNotFound(message: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFound', message);
}

export function resourceInUse(message: string): AwsServiceError {
  return new AwsServiceError('ResourceInUse', message);
}

export function resourceLimitExceeded(message: string): AwsServiceError {
  return new AwsServiceError('ResourceLimitExceeded', message);
}

export function conflict(message: string): AwsServiceError {
  return new AwsServiceError('ConflictException', message);
}

// ── names and common members ───────────────────────────────────────────────────────────────────

export const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
export const NAME_PATTERN_TEXT = '^[a-zA-Z0-9](-*[a-zA-Z0-9])*';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const KMS_KEY = /^[a-zA-Z0-9:/_-]*$/;
const S3_URI = /^(https|s3):\/\/([^/]+)\/?(.*)$/;

export function checkName(problems: ProblemList, path: string, value: string | undefined, max = 63): ProblemList {
  return problems.minLength(path, value, 1).maxLength(path, value, max).pattern(path, value, NAME_PATTERN, NAME_PATTERN_TEXT);
}

export function checkRoleArn(problems: ProblemList, path: string, value: string | undefined): ProblemList {
  return problems.minLength(path, value, 20).maxLength(path, value, 2048).pattern(path, value, ROLE_ARN, '^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$');
}

export function checkKmsKeyId(problems: ProblemList, path: string, value: string | undefined): ProblemList {
  return problems.maxLength(path, value, 2048).pattern(path, value, KMS_KEY, '^[a-zA-Z0-9:/_-]*$');
}

export function checkS3Uri(problems: ProblemList, path: string, value: string | undefined): ProblemList {
  return problems.maxLength(path, value, 1024).pattern(path, value, S3_URI, '^(https|s3)://([^/]+)/?(.*)$');
}

/** A list member's item count, with AWS's wording. */
export function checkCount(problems: ProblemList, path: string, list: readonly unknown[] | undefined, min: number, max: number): ProblemList {
  if (list === undefined) return problems;
  if (list.length < min) problems.problems.push({ path, kind: 'constraint', value: list, constraint: `Member must have length greater than or equal to ${min}` });
  else if (list.length > max) problems.problems.push({ path, kind: 'constraint', value: list, constraint: `Member must have length less than or equal to ${max}` });
  return problems;
}

/** VpcConfig: 1–5 security groups, 1–16 subnets. */
export function checkVpcConfig(problems: ProblemList, path: string, vpc: { Subnets?: string[]; SecurityGroupIds?: string[] } | undefined): ProblemList {
  if (!vpc) return problems;
  checkCount(problems, `${path}.securityGroupIds`, vpc.SecurityGroupIds, 1, 5);
  return checkCount(problems, `${path}.subnets`, vpc.Subnets, 1, 16);
}

/** A string map (Environment, HyperParameters): entry count, key and value lengths, key pattern. */
export function checkMap(problems: ProblemList, path: string, map: Record<string, string> | undefined, limits: { entries: number; key: number; value: number; keyPattern?: [RegExp, string] }): ProblemList {
  if (!map) return problems;
  const entries = Object.entries(map);
  if (entries.length > limits.entries) problems.problems.push({ path, kind: 'constraint', value: map, constraint: `Member must have length less than or equal to ${limits.entries}` });
  for (const [k, v] of entries) {
    if (k.length > limits.key || (limits.keyPattern && !limits.keyPattern[0].test(k))) {
      const rules = [`Member must have length less than or equal to ${limits.key}`];
      if (limits.keyPattern) rules.push(`Member must satisfy regular expression pattern: ${limits.keyPattern[1]}`);
      problems.problems.push({ path, kind: 'constraint', value: map, constraint: `Map keys must satisfy constraint: [${rules.join(', ')}]` });
      break;
    }
    if (v.length > limits.value) {
      problems.problems.push({ path, kind: 'constraint', value: map, constraint: `Map value must satisfy constraint: [Member must have length less than or equal to ${limits.value}]` });
      break;
    }
  }
  return problems;
}

/** `s3://bucket/prefix` → bucket and key prefix (undefined when not an S3 URI). */
export function parseS3Uri(uri: string): { bucket: string; prefix: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1]!, prefix: m[2]! } : undefined;
}

// ── enums (read from the SDK client, which is loaded before any handler runs) ───────────────────

type Sdk = typeof import('@aws-sdk/client-sagemaker');
let sdk: Sdk | undefined;

/** The SDK's enum objects (InstanceType, TrainingInstanceType …); cheap after the model was loaded. */
export async function enums(): Promise<Sdk> {
  sdk ??= await import('@aws-sdk/client-sagemaker');
  return sdk;
}

export function enumValues(e: Record<string, string>): string[] {
  return Object.values(e);
}

// ── time-based transitions ─────────────────────────────────────────────────────────────────────

/** How long simulated work takes (creating an endpoint, a training job …): the `transitionDelayMs` setting, 2 s by default. */
export function transitionDelay(ctx: RequestContext): number {
  const value = ctx.settings.transitionDelayMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 2000;
}

export function after(ctx: RequestContext, fraction = 1): Date {
  return new Date(ctx.now.getTime() + Math.round(transitionDelay(ctx) * fraction));
}

// ── listing: filters, sorting, pagination ──────────────────────────────────────────────────────

export interface ListInput {
  NextToken?: string;
  MaxResults?: number;
  NameContains?: string;
  CreationTimeAfter?: Date;
  CreationTimeBefore?: Date;
  LastModifiedTimeAfter?: Date;
  LastModifiedTimeBefore?: Date;
  StatusEquals?: string;
  SortBy?: string;
  SortOrder?: string;
}

export interface Listable {
  readonly name: string;
  readonly creationTime: Date;
  readonly lastModifiedTime?: Date;
  readonly status?: string;
}

export interface ListOptions {
  /** SortBy values the API takes, mapped to how to sort. */
  readonly sortBy?: readonly string[];
  readonly defaultSortBy?: string;
  readonly defaultSortOrder?: 'Ascending' | 'Descending';
  readonly statuses?: readonly string[];
  /** Largest MaxResults (100 for most SageMaker lists). */
  readonly maxResults?: number;
  /** Page size when MaxResults is absent (10 for most SageMaker lists). */
  readonly defaultMaxResults?: number;
}

/** Code-point order, as AWS's services sort names (upper case before lower case). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy(sortBy: string): (a: Listable, b: Listable) => number {
  switch (sortBy) {
    case 'Name': return (a, b) => byCodePoint(a.name, b.name);
    case 'Status': return (a, b) => byCodePoint(a.status ?? '', b.status ?? '') || byCodePoint(a.name, b.name);
    case 'LastModifiedTime': return (a, b) => (a.lastModifiedTime ?? a.creationTime).getTime() - (b.lastModifiedTime ?? b.creationTime).getTime() || byCodePoint(a.name, b.name);
    default: return (a, b) => a.creationTime.getTime() - b.creationTime.getTime() || byCodePoint(a.name, b.name);
  }
}

/** Filters, sorts and pages resources as SageMaker's List* operations do. */
export function listPage<T extends Listable>(items: Iterable<T>, input: ListInput, options: ListOptions = {}): { page: T[]; NextToken?: string } {
  const problems = new ProblemList();
  problems.range('maxResults', input.MaxResults, 1, options.maxResults ?? 100);
  if (options.sortBy) problems.oneOf('sortBy', input.SortBy, options.sortBy);
  problems.oneOf('sortOrder', input.SortOrder, ['Ascending', 'Descending']);
  if (options.statuses) problems.oneOf('statusEquals', input.StatusEquals, options.statuses);
  problems.maxLength('nameContains', input.NameContains, 63).maxLength('nextToken', input.NextToken, 8192);
  problems.check();
  const contains = input.NameContains?.toLowerCase();
  let list = [...items].filter((r) => {
    if (contains !== undefined && !r.name.toLowerCase().includes(contains)) return false;
    if (input.CreationTimeAfter && !(r.creationTime > input.CreationTimeAfter)) return false;
    if (input.CreationTimeBefore && !(r.creationTime < input.CreationTimeBefore)) return false;
    const modified = r.lastModifiedTime ?? r.creationTime;
    if (input.LastModifiedTimeAfter && !(modified > input.LastModifiedTimeAfter)) return false;
    if (input.LastModifiedTimeBefore && !(modified < input.LastModifiedTimeBefore)) return false;
    if (input.StatusEquals !== undefined && r.status !== input.StatusEquals) return false;
    return true;
  });
  list.sort(compareBy(input.SortBy ?? options.defaultSortBy ?? 'CreationTime'));
  if ((input.SortOrder ?? options.defaultSortOrder ?? 'Descending') === 'Descending') list.reverse();
  return paginate(list, input.NextToken, input.MaxResults ?? options.defaultMaxResults ?? 10);
}

/** Pages an already filtered and sorted list; NextToken is opaque to clients (the next index). */
export function paginate<T>(list: readonly T[], nextToken: string | undefined, size: number): { page: T[]; NextToken?: string } {
  const page = pageByToken(list, {
    nextToken: nextToken === '' ? undefined : nextToken,
    defaultMaxResults: size,
    invalidToken: (_, token) => validation(`Invalid pagination token "${token}": pass the NextToken of a previous response unchanged.`),
  });
  return page.nextToken ? { page: page.items, NextToken: page.nextToken } : { page: page.items };
}
