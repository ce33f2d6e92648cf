import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'ce-cost-allocation-tags-active';

const params = z.strictObject({
  /** Tag keys that must be activated as cost allocation tags. */
  tagKeys: z.array(z.string().min(1)).min(1),
});

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'The tagging strategy’s keys are activated as cost allocation tags',
  service: 'ce',
  resourceType: 'AWS::::Account',
  severity: 'low',
  risk: 'Tags on resources do not reach the bill by themselves. Until a user-defined tag key is activated for cost allocation, Cost Explorer, budgets and the Cost and Usage Report cannot group or filter spend by it.',
  securityHub: [],
  syllabus: ['4.2.S7', '4.2.K6'],
  remediation: {
    text: 'Activate each key in the Billing console (Cost allocation tags) or with UpdateCostAllocationTagsStatus. Keys appear there once a resource carries them; activation applies to costs from then on.',
    cli: 'aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=cost-center,Status=Active TagKey=project,Status=Active',
    docs: 'Activating user-defined cost allocation tags',
  },
  reads: ['costExplorer.costAllocationTags.value'],
  params,
  scope: (_selector, p) => ({ costExplorer: { tagKeys: p.tagKeys } }),
  evaluate(inventory, p) {
    const observed = inventory.costExplorer?.costAllocationTags;
    if (!observed) return [];
    const resource = { type: 'AWS::::Account', id: inventory.account.id };
    if (!observed.ok) return [couldNotCheck(id, resource, 'CostExplorer.ListCostAllocationTags', observed.error, 'the cost allocation tags')];
    const status = observed.value;
    const evidence = p.tagKeys.map((k) => ({ field: `ListCostAllocationTags.${k}`, value: status[k] ?? '(not known to billing: no resource carries it)', expected: 'Active' }));
    const inactive = p.tagKeys.filter((k) => status[k] !== 'Active');
    if (inactive.length) return [finding(id, resource, 'fail', `${inactive.join(', ')} ${inactive.length > 1 ? 'are' : 'is'} not active as cost allocation tag${inactive.length > 1 ? 's' : ''}, so the bill cannot be grouped by ${inactive.length > 1 ? 'them' : 'it'}.`, evidence)];
    return [finding(id, resource, 'pass', `${p.tagKeys.join(', ')} are active cost allocation tags.`, evidence)];
  },
});
