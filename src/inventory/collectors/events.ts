/** EventBridge collector: the rules of the default event bus, with their patterns and targets. */
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedValue } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { EventsInventory } from '../types-observability.ts';

export async function collectEvents(aws: AwsClients): Promise<EventsInventory> {
  const events = await aws.client('events');
  const list = await observe('EventBridge.ListRules', () =>
    paginate(async (token) => {
      const page = await events.send(new ListRulesCommand({ NextToken: token, Limit: 100 }));
      return { items: page.Rules ?? [], next: page.NextToken };
    }),
  );
  if (!list.ok) return { rules: list };
  const rules = await mapLimit(list.value, 4, async (r) => {
    let pattern: Record<string, unknown> | null = null;
    try {
      pattern = r.EventPattern ? (JSON.parse(r.EventPattern) as Record<string, unknown>) : null;
    } catch {
      pattern = null;
    }
    const targets = await observe('EventBridge.ListTargetsByRule', () =>
      paginate(async (token) => {
        const page = await events.send(new ListTargetsByRuleCommand({ Rule: r.Name!, NextToken: token, Limit: 100 }));
        return { items: (page.Targets ?? []).map((t) => ({ id: t.Id ?? '', arn: t.Arn ?? '' })), next: page.NextToken };
      }),
    );
    return { name: r.Name ?? '', arn: r.Arn, state: r.State, pattern, targets };
  });
  return { rules: observedValue(rules) };
}
