import type { Inventory, LogGroupDetails } from '../../inventory/types.ts';
import type { CheckResource, Finding } from '../types.ts';
import { couldNotCheck } from './findings.ts';

export function logGroupResource(group: LogGroupDetails): CheckResource {
  const arn = group.group.ok ? group.group.value?.arn : undefined;
  return { type: 'AWS::Logs::LogGroup', id: group.name, ...(arn ? { arn } : {}) };
}

/** Evaluates each log group that exists; unreadable ones are "could not check", missing ones get no finding. */
export function evaluateLogGroups(inventory: Inventory, checkId: string, evaluate: (group: LogGroupDetails, retention: number | undefined) => Finding): Finding[] {
  const findings: Finding[] = [];
  for (const group of inventory.logs?.logGroups ?? []) {
    if (!group.group.ok) {
      findings.push(couldNotCheck(checkId, logGroupResource(group), 'Logs.DescribeLogGroups', group.group.error, 'the log group'));
      continue;
    }
    if (!group.group.value) continue;
    findings.push(evaluate(group, group.group.value.retentionInDays));
  }
  return findings;
}
