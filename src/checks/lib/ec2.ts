/** Shared reading of EC2 networking for checks: entries found by name, and what a rule exposes. */
import type { Ec2Entry, SecurityGroupDetail, SecurityGroupPermission } from '../../inventory/types-ec2.ts';
import type { CheckResource, Finding } from '../types.ts';
import { couldNotCheck } from './findings.ts';

/**
 * Evaluates each looked-up entry that exists. An unreadable lookup is "could not check"; an entry
 * that does not exist gets no finding (the lab engine reports it missing, in words about the lab).
 */
export function evaluateEntries<T>(
  entries: readonly Ec2Entry<T>[] | undefined,
  checkId: string,
  resource: (name: string, value?: T) => CheckResource,
  operation: string,
  evaluate: (value: T, resource: CheckResource) => Finding,
): Finding[] {
  const findings: Finding[] = [];
  for (const entry of entries ?? []) {
    if (!entry.found.ok) {
      findings.push(couldNotCheck(checkId, resource(entry.name), operation, entry.found.error, `${entry.name}`));
      continue;
    }
    if (entry.found.value === null) continue;
    findings.push(evaluate(entry.found.value, resource(entry.name, entry.found.value)));
  }
  return findings;
}

export const securityGroupResource = (name: string, group?: SecurityGroupDetail): CheckResource => ({ type: 'AWS::EC2::SecurityGroup', id: name, ...(group ? { arn: group.groupId } : {}) });

/** Sources that mean "anyone on the internet". */
export const worldCidrs = ['0.0.0.0/0', '::/0'];

/** The world-open sources of a rule (IPv4 and IPv6). */
export function worldSources(p: SecurityGroupPermission): string[] {
  return [...p.ipv4Ranges, ...p.ipv6Ranges].filter((c) => worldCidrs.includes(c));
}

/** Whether a rule admits `port` over TCP (all-traffic rules admit every port). */
export function coversTcpPort(p: SecurityGroupPermission, port: number): boolean {
  const protocol = p.protocol.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  const from = p.fromPort ?? 0;
  const to = p.toPort ?? 65535;
  return from <= port && port <= to;
}

/** `tcp 22`, `tcp 0-65535`, `all traffic` — for evidence. */
export function describePermission(p: SecurityGroupPermission): string {
  const protocol = p.protocol.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all traffic (every protocol and port)';
  const ports = p.fromPort === undefined ? 'all ports' : p.fromPort === p.toPort ? `port ${p.fromPort}` : `ports ${p.fromPort}-${p.toPort}`;
  return `${protocol} ${ports}`;
}

/** Every rule of a group that admits one of `ports` from the internet, described for evidence. */
export function worldOpenings(group: SecurityGroupDetail, ports: readonly number[]): { rule: string; ports: number[] }[] {
  return group.ingress.flatMap((p) => {
    const sources = worldSources(p);
    if (!sources.length) return [];
    const hit = ports.filter((port) => coversTcpPort(p, port));
    return hit.length ? [{ rule: `${describePermission(p)} from ${sources.join(', ')}`, ports: hit }] : [];
  });
}
