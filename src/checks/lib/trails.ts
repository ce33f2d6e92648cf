import type { Inventory, Trail } from '../../inventory/types.ts';
import type { Evidence, Finding } from '../types.ts';
import { couldNotCheck, finding } from './findings.ts';

/**
 * One finding per trail visible in the region (the lab engine keeps the one named in the task, so
 * a trail recreated under that name counts). Shadow trails — multi-Region trails seen from another
 * Region — are reported where they live, so only trails whose home Region is this one count.
 */
export function evaluateTrails(inventory: Inventory, checkId: string, evaluate: (trail: Trail) => { pass: boolean; summary: string; evidence: Evidence[]; unknown?: boolean }): Finding[] {
  const observed = inventory.cloudtrail?.trails;
  if (!observed) return [];
  if (!observed.ok) return [couldNotCheck(checkId, { type: 'AWS::CloudTrail::Trail', id: '(trails)' }, 'CloudTrail.DescribeTrails', observed.error, 'the trails')];
  return observed.value
    .filter((t) => !t.homeRegion || t.homeRegion === inventory.account.region)
    .map((trail) => {
      const r = evaluate(trail);
      return finding(checkId, { type: 'AWS::CloudTrail::Trail', id: trail.name, arn: trail.arn }, r.pass ? 'pass' : r.unknown ? 'unknown' : 'fail', r.summary, r.evidence);
    });
}
