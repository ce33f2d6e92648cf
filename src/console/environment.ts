/**
 * The environment view: the lab's resources as a small diagram, drawn from what grading read (the
 * inventory behind the last check's findings) and the lab's declared resources, each marked with its
 * findings. Relations come from the lab itself: a check on one resource whose parameters name another
 * ("encrypt with {{teamKey}}") draws an edge between them. Pure data; the island draws it.
 */
import type { FindingStatus } from '../checks/types.ts';
import { getResourceKind } from '../labs/resources/index.ts';
import type { GradeResult, LoadedLab } from '../labs/index.ts';
import { getCheck } from '../checks/catalog.ts';

export type EnvironmentKind = 'account' | 'network' | 'compute' | 'data' | 'keys' | 'identity' | 'monitoring' | 'other';

export interface EnvironmentNode {
  /** Physical name or id (bucket name, alias, account id). */
  id: string;
  title: string;
  type: string;
  kind: EnvironmentKind;
  status: FindingStatus | 'not-checked';
  counts: Record<FindingStatus, number>;
  /** The checks about this resource and how each went. */
  checks: { title: string; status: FindingStatus }[];
}

export interface EnvironmentEdge {
  from: string;
  to: string;
  label: string;
}

export interface EnvironmentView {
  nodes: EnvironmentNode[];
  edges: EnvironmentEdge[];
  /** When the findings were read (the last check), if ever. */
  checkedAt?: string;
}

/** Columns of the diagram, left to right. */
export const environmentKinds: { kind: EnvironmentKind; title: string }[] = [
  { kind: 'network', title: 'Network' },
  { kind: 'compute', title: 'Compute' },
  { kind: 'data', title: 'Data' },
  { kind: 'keys', title: 'Keys and secrets' },
  { kind: 'identity', title: 'Identity' },
  { kind: 'monitoring', title: 'Monitoring' },
  { kind: 'account', title: 'Account-wide' },
  { kind: 'other', title: 'Other' },
];

export function kindOf(cfnType: string): EnvironmentKind {
  if (cfnType === 'AWS::::Account') return 'account';
  if (/^AWS::EC2::(VPC|Subnet|SecurityGroup|VPCEndpoint|RouteTable|InternetGateway|NatGateway)/.test(cfnType)) return 'network';
  if (/^AWS::SageMaker::|^AWS::EC2::Instance/.test(cfnType)) return 'compute';
  if (/^AWS::S3::|^AWS::DynamoDB::/.test(cfnType)) return 'data';
  if (/^AWS::KMS::|^AWS::SecretsManager::/.test(cfnType)) return 'keys';
  if (/^AWS::IAM::|^AWS::Organizations::/.test(cfnType)) return 'identity';
  if (/^AWS::(CloudTrail|CloudWatch|Logs|Events)::/.test(cfnType)) return 'monitoring';
  return 'other';
}

export function environmentOf(lab: LoadedLab, names: Record<string, string>, grade: GradeResult | undefined, accountId?: string): EnvironmentView {
  const def = lab.definition;
  const nodes = new Map<string, EnvironmentNode>();
  const empty = () => ({ pass: 0, fail: 0, unknown: 0 }) as Record<FindingStatus, number>;
  for (const [key, resource] of Object.entries(def.resources)) {
    const type = getResourceKind(resource.type)?.checkResourceType ?? resource.type;
    const id = names[key]!;
    nodes.set(id, { id, title: resource.title, type, kind: kindOf(type), status: 'not-checked', counts: empty(), checks: [] });
  }
  const usesAccount = def.tasks.some((t) => t.checks.some((c) => c.resource === 'account'));
  const accountNodeId = accountId ?? 'account';
  if (usesAccount) nodes.set(accountNodeId, { id: accountNodeId, title: 'the account', type: 'AWS::::Account', kind: 'account', status: 'not-checked', counts: empty(), checks: [] });

  for (const task of grade?.tasks ?? []) {
    for (const finding of task.findings) {
      if (finding.resource.type === 'MLSEC::Lab::Evidence') continue;
      const id = finding.resource.type === 'AWS::::Account' && usesAccount ? accountNodeId : finding.resource.id;
      let node = nodes.get(id);
      if (!node) {
        // Something grading found that the lab did not declare (a key behind an alias, a recreated resource).
        node = { id, title: id, type: finding.resource.type, kind: kindOf(finding.resource.type), status: 'not-checked', counts: empty(), checks: [] };
        nodes.set(id, node);
      }
      node.counts[finding.status]++;
      node.checks.push({ title: getCheck(finding.checkId)?.title ?? finding.checkId, status: finding.status });
    }
  }
  for (const node of nodes.values()) {
    const total = node.counts.pass + node.counts.fail + node.counts.unknown;
    node.status = total === 0 ? 'not-checked' : node.counts.fail ? 'fail' : node.counts.unknown ? 'unknown' : 'pass';
  }

  const edges: EnvironmentEdge[] = [];
  for (const task of def.tasks) {
    for (const check of task.checks) {
      const from = check.resource === 'account' ? accountNodeId : names[check.resource];
      if (!from || !check.params) continue;
      for (const ref of JSON.stringify(check.params).matchAll(/\{\{(\w+)\}\}/g)) {
        const to = names[ref[1]!];
        if (to && to !== from && !edges.some((e) => e.from === from && e.to === to)) edges.push({ from, to, label: getCheck(check.check)?.title ?? check.check });
      }
    }
  }
  return { nodes: [...nodes.values()], edges, checkedAt: grade?.at };
}
