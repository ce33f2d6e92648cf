/**
 * The AWS CLI's automatic pagination (botocore's PageIterator): follow the service's token page by
 * page, merge the result lists, stop at --max-items with a NextToken that --starting-token
 * resumes (base64 JSON `{"<InputToken>": …, "boto_truncate_amount": n}`, the same format as the
 * CLI's). Tokens and page-size members come from the SDK's paginators; which output members are
 * merged comes from the CLI's own paginator definitions (paginator-results.generated.ts), or, for an
 * operation those do not cover, every top-level list of the output.
 */
import { CliUsageError } from '../errors.ts';
import type { PaginationRequest } from '../command-line/parse-command.ts';
import type { OperationModel } from '../model/service-model.ts';
import { PAGINATOR_RESULTS } from '../model/paginator-results.generated.ts';

export type SendPage = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface PaginatedResult {
  /** The merged result, as `--output json` prints it (NextToken added when truncated). */
  merged: Record<string, unknown>;
  /** Per page: the part `--output text` prints for it (the CLI formats text page by page). */
  pages: Record<string, unknown>[];
  resumeToken?: string;
}

/** Most pages one command fetches: a runaway listing must end, with a way to continue. */
export const MAX_PAGES = 1000;

export function resultKeysOf(operation: OperationModel): { resultKeys: string[]; nonAggregate: string[] } {
  const known = PAGINATOR_RESULTS[`${operation.service.entry.cliName} ${operation.name}`];
  if (known) return { resultKeys: [...(known[0] ?? [])], nonAggregate: [...(known[1] ?? [])] };
  const paginator = operation.paginator!;
  const resultKeys = operation.output.members.filter((m) => m.shape.kind === 'list' && m.name !== paginator.outputToken).map((m) => m.name);
  return { resultKeys, nonAggregate: [] };
}

export async function paginate(operation: OperationModel, input: Record<string, unknown>, request: PaginationRequest, send: SendPage): Promise<PaginatedResult> {
  const paginator = operation.paginator!;
  const { resultKeys, nonAggregate } = resultKeysOf(operation);
  const primary = resultKeys[0];
  let token: unknown;
  let truncateFirst = 0;
  if (request.startingToken !== undefined) ({ token, truncate: truncateFirst } = decodeToken(request.startingToken, paginator.inputToken));
  const merged: Record<string, unknown> = {};
  const pages: Record<string, unknown>[] = [];
  let nonAggregatePart: Record<string, unknown> = {};
  let seen = 0;
  let resume: Record<string, unknown> | undefined;
  let previous: unknown;

  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) {
      resume = { [paginator.inputToken]: token };
      break;
    }
    const pageInput = { ...input };
    if (token !== undefined) pageInput[paginator.inputToken] = token;
    if (request.pageSize !== undefined && paginator.pageSizeKey) pageInput[paginator.pageSizeKey] = request.pageSize;
    const response = await send(pageInput);
    if (page === 0) nonAggregatePart = Object.fromEntries(nonAggregate.map((k) => [k, response[k] ?? null]));
    if (page === 0 && truncateFirst > 0 && primary && Array.isArray(response[primary])) {
      response[primary] = (response[primary] as unknown[]).slice(truncateFirst);
    }
    const items = primary && Array.isArray(response[primary]) ? (response[primary] as unknown[]).length : 0;
    const next = response[paginator.outputToken];
    let stop = next === undefined || next === null || next === '' || next === previous;
    if (request.maxItems !== undefined && seen + items >= request.maxItems) {
      const keep = request.maxItems - seen;
      if (keep < items) {
        response[primary!] = (response[primary!] as unknown[]).slice(0, keep);
        resume = { [paginator.inputToken]: token ?? null, boto_truncate_amount: keep + (page === 0 ? truncateFirst : 0) };
      } else if (!stop) {
        resume = { [paginator.inputToken]: next };
      }
      stop = true;
    }
    seen += items;
    const pagePart: Record<string, unknown> = page === 0 ? { ...nonAggregatePart } : {};
    for (const key of resultKeys) {
      const value = response[key];
      pagePart[key] = value ?? null;
      if (value === undefined || value === null) continue;
      if (merged[key] === undefined) merged[key] = Array.isArray(value) ? [...value] : value;
      else if (Array.isArray(value) && Array.isArray(merged[key])) (merged[key] as unknown[]).push(...value);
      else if (typeof value === 'number' && typeof merged[key] === 'number') merged[key] = (merged[key] as number) + value;
    }
    pages.push(pagePart);
    if (stop) break;
    previous = next;
    token = next;
  }
  Object.assign(merged, nonAggregatePart);
  const resumeToken = resume ? encodeToken(resume) : undefined;
  if (resumeToken) merged.NextToken = resumeToken;
  return { merged, pages, ...(resumeToken ? { resumeToken } : {}) };
}

/** botocore's TokenEncoder: base64 of Python's json.dumps (", " and ": " separators), so tokens match the CLI's. */
export function encodeToken(token: Record<string, unknown>): string {
  const json = `{${Object.entries(token)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v ?? null)}`)
    .join(', ')}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

function decodeToken(text: string, inputToken: string): { token: unknown; truncate: number } {
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Record<string, unknown>;
    if (decoded && typeof decoded === 'object' && inputToken in decoded) {
      const truncate = typeof decoded.boto_truncate_amount === 'number' ? decoded.boto_truncate_amount : 0;
      return { token: decoded[inputToken] ?? undefined, truncate };
    }
  } catch {
    // Not one of ours: fall through.
  }
  throw new CliUsageError(`--starting-token: "${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a token from this command's NextToken; use the NextToken value a previous run printed`);
}
