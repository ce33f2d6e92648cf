import { describePermission, evaluateEntries, securityGroupResource, worldOpenings, worldSources } from '../lib/ec2.ts';
import { finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'ec2-security-group-no-public-high-risk-ports';

/** The ports Security Hub EC2.19 treats as high risk (file transfer, admin, databases, notebooks, search, dev servers). */
export const highRiskPorts = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

export default defineCheck({
  id,
  title: 'Security groups admit no traffic from the internet on all ports or on high-risk ports',
  service: 'ec2',
  resourceType: 'AWS::EC2::SecurityGroup',
  severity: 'critical',
  risk: 'An all-traffic rule from 0.0.0.0/0 publishes every service on the instance — Jupyter on 8888, databases, debug servers — to the whole internet. Unauthenticated notebook servers found this way have been used to read training data and mine cryptocurrency.',
  securityHub: ['EC2.19', 'EC2.18'],
  prowler: 'ec2_securitygroup_allow_ingress_from_internet_to_all_ports',
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'Delete inbound rules from 0.0.0.0/0 or ::/0 that admit all traffic or a high-risk port (20-23, 25, 110, 135, 143, 445, 1433-1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300). Admit the callers that need the service by security group reference or a narrow CIDR, and reach notebooks through SageMaker’s presigned URLs instead.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'',
    docs: 'Security Hub controls for Amazon EC2 (EC2.19)',
  },
  reads: ['ec2.securityGroups[].found.value.ingress'],
  scope: (selector) => ({ ec2: { securityGroups: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateEntries(inventory.ec2?.securityGroups, id, securityGroupResource, 'EC2.DescribeSecurityGroups', (group, resource) => {
      const allTraffic = group.ingress.filter((p) => worldSources(p).length && ['-1', 'all'].includes(p.protocol.toLowerCase())).map((p) => `${describePermission(p)} from ${worldSources(p).join(', ')}`);
      const risky = worldOpenings(group, highRiskPorts).filter((o) => !allTraffic.includes(o.rule));
      const problems = [...allTraffic, ...risky.map((o) => `${o.rule} (high-risk port${o.ports.length > 1 ? 's' : ''} ${o.ports.join(', ')})`)];
      const evidence = [
        {
          field: 'DescribeSecurityGroups.IpPermissions',
          value: problems.length ? problems : 'no inbound rule from 0.0.0.0/0 or ::/0 admits all traffic or a high-risk port',
          expected: 'no inbound rule from 0.0.0.0/0 or ::/0 on all ports or on a high-risk port',
        },
      ];
      if (!problems.length) return finding(id, resource, 'pass', `Security group ${group.groupName} (${group.groupId}) exposes no high-risk port to the internet.`, evidence);
      return finding(id, resource, 'fail', `Security group ${group.groupName} (${group.groupId}) is open to the internet: ${problems.join('; ')}.`, evidence);
    });
  },
});
