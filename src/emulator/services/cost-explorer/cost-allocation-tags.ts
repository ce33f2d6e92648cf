/** Cost allocation tags: ListCostAllocationTags, UpdateCostAllocationTagsStatus, and GetTags over the discovered tags. */
import type * as CE from '@aws-sdk/client-cost-explorer';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { pageByToken } from '../../core/next-token.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import type { CostExplorerState } from './state.ts';
import { discoverTags } from './tag-discovery.ts';

function invalidToken(): AwsServiceError {
  return new AwsServiceError('InvalidNextTokenException', 'The pagination token is invalid.');
}

/** Tags AWS applies itself (aws:createdBy, aws:cloudformation:stack-name …) are AWSGenerated. */
function typeOf(key: string): 'AWSGenerated' | 'UserDefined' {
  return key.startsWith('aws:') ? 'AWSGenerated' : 'UserDefined';
}

/** The first day of the current month, as Cost Explorer reports LastUsedDate. */
function monthOf(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().replace('.000Z', 'Z');
}

export function listCostAllocationTags(input: CE.ListCostAllocationTagsRequest, ctx: RequestContext): Output<CE.ListCostAllocationTagsResponse> {
  const problems = new ProblemList().oneOf('status', input.Status, ['Active', 'Inactive']).oneOf('type', input.Type, ['AWSGenerated', 'UserDefined']).range('maxResults', input.MaxResults, 1, 1000);
  if (input.TagKeys !== undefined && (input.TagKeys.length < 1 || input.TagKeys.length > 100)) {
    problems.problems.push({ path: 'tagKeys', kind: 'constraint', value: input.TagKeys, constraint: `Member must have length ${input.TagKeys.length ? 'less than or equal to 100' : 'greater than or equal to 1'}` });
  }
  problems.check();
  const state = ctx.state() as CostExplorerState;
  const inUse = discoverTags(ctx);
  const keys = new Set([...inUse.keys(), ...state.tagStatus.keys()]);
  const wanted = input.TagKeys ? new Set(input.TagKeys) : undefined;
  const tags: CE.CostAllocationTag[] = [...keys]
    .sort()
    .map((key) => {
      const stored = state.tagStatus.get(key);
      return {
        TagKey: key,
        Type: typeOf(key),
        Status: stored?.status ?? 'Inactive',
        LastUpdatedDate: stored ? stored.lastUpdatedDate.toISOString().replace('.000Z', 'Z') : undefined,
        LastUsedDate: inUse.has(key) ? monthOf(ctx.now) : undefined,
      };
    })
    .filter((t) => (!input.Status || t.Status === input.Status) && (!input.Type || t.Type === input.Type) && (!wanted || wanted.has(t.TagKey!)));
  const { items, nextToken } = pageByToken(tags, { nextToken: input.NextToken, maxResults: input.MaxResults, defaultMaxResults: 100, scope: ['costAllocationTags', input.Status, input.Type, input.TagKeys ?? []], invalidToken });
  return { CostAllocationTags: items, NextToken: nextToken };
}

export function updateCostAllocationTagsStatus(input: CE.UpdateCostAllocationTagsStatusRequest, ctx: RequestContext): Output<CE.UpdateCostAllocationTagsStatusResponse> {
  const entries = input.CostAllocationTagsStatus ?? [];
  const problems = new ProblemList();
  if (entries.length < 1 || entries.length > 20) {
    problems.problems.push({ path: 'costAllocationTagsStatus', kind: 'constraint', value: entries.map((e) => e.TagKey), constraint: `Member must have length ${entries.length ? 'less than or equal to 20' : 'greater than or equal to 1'}` });
  }
  entries.forEach((e, i) => problems.maxLength(`costAllocationTagsStatus.${i + 1}.member.tagKey`, e.TagKey, 1024).oneOf(`costAllocationTagsStatus.${i + 1}.member.status`, e.Status, ['Active', 'Inactive']));
  problems.check();
  const state = ctx.state() as CostExplorerState;
  const inUse = discoverTags(ctx);
  const errors: CE.UpdateCostAllocationTagsStatusError[] = [];
  for (const entry of entries) {
    const key = entry.TagKey!;
    if (!inUse.has(key) && !state.tagStatus.has(key)) {
      errors.push({ TagKey: key, Code: 'TagKeyNotFound', Message: `The tag key ${key} is not on any resource in this account. Tag a resource with it, then activate it.` });
      continue;
    }
    const current = state.tagStatus.get(key);
    // Setting the status a key already has changes nothing (not even its date), as AWS documents.
    if (current?.status === entry.Status || (!current && entry.Status === 'Inactive')) continue;
    state.tagStatus.set(key, { status: entry.Status!, lastUpdatedDate: ctx.now });
  }
  return { Errors: errors };
}

export function getTags(input: CE.GetTagsRequest, ctx: RequestContext): Output<CE.GetTagsResponse> {
  const problems = new ProblemList().range('maxResults', input.MaxResults, 1, 1000).maxLength('searchString', input.SearchString, 1024).maxLength('tagKey', input.TagKey, 1024);
  problems.check();
  const inUse = discoverTags(ctx);
  const all = input.TagKey !== undefined ? [...(inUse.get(input.TagKey) ?? [])] : [...inUse.keys()];
  const matching = all.filter((t) => !input.SearchString || t.includes(input.SearchString)).sort();
  const { items, nextToken } = pageByToken(matching, { nextToken: input.NextPageToken, maxResults: input.MaxResults, defaultMaxResults: 1000, scope: ['tags', input.TagKey, input.SearchString], invalidToken });
  return { Tags: items, NextPageToken: nextToken, ReturnSize: items.length, TotalSize: matching.length };
}
