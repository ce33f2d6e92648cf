/** Cost Explorer collector: the status of the cost allocation tag keys a check asks about. */
import { ListCostAllocationTagsCommand } from '@aws-sdk/client-cost-explorer';
import type { AwsClients } from '../../aws/index.ts';
import { observe } from '../observed.ts';
import { paginate } from '../paginate.ts';
import type { CostExplorerInventory } from '../types-observability.ts';

export async function collectCostExplorer(aws: AwsClients, tagKeys: string[]): Promise<CostExplorerInventory> {
  const ce = await aws.client('ce');
  const costAllocationTags = await observe('CostExplorer.ListCostAllocationTags', async () => {
    if (tagKeys.length === 0) return {};
    const tags = await paginate(async (token) => {
      const page = await ce.send(new ListCostAllocationTagsCommand({ TagKeys: tagKeys.slice(0, 100), Type: 'UserDefined', NextToken: token, MaxResults: 1000 }));
      return { items: page.CostAllocationTags ?? [], next: page.NextToken };
    });
    return Object.fromEntries(tags.map((t) => [t.TagKey ?? '', t.Status ?? '']));
  });
  return { costAllocationTags };
}
