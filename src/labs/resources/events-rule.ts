/** EventBridge rules on the default bus named with the run prefix; their targets are removed first, as EventBridge requires. */
import { DeleteRuleCommand, ListRulesCommand, ListTargetsByRuleCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';

export const eventsRule: ResourceKind = {
  type: 'events:rule',
  service: 'events',
  checkResourceType: 'AWS::Events::Rule',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 9,
  async find(ctx) {
    const events = await ctx.aws.client('events');
    const rules = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => events.send(new ListRulesCommand({ NamePrefix: `${ctx.prefix}-`, NextToken: token, Limit: 100 })));
      return { items: (page.Rules ?? []).map((r) => r.Name!).filter(Boolean), next: page.NextToken };
    });
    return rules.map((id) => ({ type: 'events:rule', id }));
  },
  async delete(ctx, resource) {
    const events = await ctx.aws.client('events');
    try {
      const targets = await withThrottlingRetry(() => events.send(new ListTargetsByRuleCommand({ Rule: resource.id })));
      const ids = (targets.Targets ?? []).map((t) => t.Id!).filter(Boolean);
      if (ids.length) await withThrottlingRetry(() => events.send(new RemoveTargetsCommand({ Rule: resource.id, Ids: ids })));
      await withThrottlingRetry(() => events.send(new DeleteRuleCommand({ Name: resource.id })));
    } catch (error) {
      if (!isNotFound(toAwsErrorInfo(error))) throw error;
    }
  },
};
