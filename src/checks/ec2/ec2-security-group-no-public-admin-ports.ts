import { evaluateEntries, securityGroupResource, worldOpenings } from '../lib/ec2.ts';
import { finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'ec2-security-group-no-public-admin-ports';
const adminPorts = [22, 3389];

export default defineCheck({
  id,
  title: 'Security groups do not admit SSH (22) or RDP (3389) from the whole internet',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'high',
  risk: 'Remote administration ports open to 0.0.0.0/0 or ::/0 are found by internet-wide scanners within minutes and brute-forced around the clock; one weak or leaked key turns a training host into an attacker’s foothold next to your data and models.',
  securityHub: ['EC2.13', 'EC2.14', 'EC2.53', 'EC2.54'],
  prowler: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'Remove the inbound rules that admit port 22 or 3389 from 0.0.0.0/0 or ::/0. Admit administrators from a known range (the office or VPN CIDR) or, better, drop inbound SSH altogether and use AWS Systems Manager Session Manager.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --protocol tcp --port 22 --cidr 0.0.0.0/0',
    docs: 'Security group rules for different use cases',
  },
  reads: ['ec2.securityGroups[].found.value.ingress'],
  scope: (selector) => ({ ec2: { securityGroups: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateEntries(inventory.ec2?.securityGroups, id, securityGroupResource, 'EC2.DescribeSecurityGroups', (group, resource) => {
      const open = worldOpenings(group, adminPorts);
      const evidence = [
        {
          field: 'DescribeSecurityGroups.IpPermissions',
          value: open.length ? open.map((o) => `${o.rule} (admits ${o.ports.join(' and ')})`) : 'no rule admits port 22 or 3389 from 0.0.0.0/0 or ::/0',
          expected: 'no inbound rule admitting 22 or 3389 from 0.0.0.0/0 or ::/0',
        },
      ];
      if (!open.length) return finding(id, resource, 'pass', `Security group ${group.groupName} (${group.groupId}) does not admit SSH or RDP from the internet.`, evidence);
      return finding(id, resource, 'fail', `Security group ${group.groupName} (${group.groupId}) admits remote administration from anywhere: ${open.map((o) => o.rule).join('; ')}.`, evidence);
    });
  },
});
