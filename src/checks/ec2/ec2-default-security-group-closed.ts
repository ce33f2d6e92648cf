import { evaluateEntries } from '../lib/ec2.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { describePermission } from '../lib/ec2.ts';
import type { SecurityGroupPermission } from '../../inventory/types-ec2.ts';
import { defineCheck } from '../types.ts';

const id = 'ec2-default-security-group-closed';

const show = (p: SecurityGroupPermission) => `${describePermission(p)} ${[...p.ipv4Ranges, ...p.ipv6Ranges, ...p.groupIds.map((g) => `group ${g}`), ...p.prefixListIds].join(', ') || '(no source)'}`;

export default defineCheck({
  id,
  title: 'The VPC’s default security group allows no inbound or outbound traffic',
  service: 'ec2',
  resourceType: 'AWS::EC2::VPC',
  severity: 'medium',
  risk: 'Anything launched without an explicit security group — a notebook, a training job, an interface endpoint — lands in the default group. With its rules in place those resources can talk to each other freely and reach the internet, silently widening what a compromised job can touch.',
  securityHub: ['EC2.2'],
  prowler: 'ec2_securitygroup_default_restrict_traffic',
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'Remove every inbound and outbound rule from the VPC’s default security group (it cannot be deleted) and give each workload its own group with only the rules it needs.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions \'[{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"<default-sg-id>"}]}]\'\naws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions \'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\'',
    docs: 'Default security groups for your VPCs',
  },
  reads: ['ec2.vpcs[].found.value.defaultSecurityGroup.value'],
  scope: (selector) => ({ ec2: { vpcs: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateEntries(inventory.ec2?.vpcs, id, (name) => ({ type: 'AWS::EC2::VPC', id: name }), 'EC2.DescribeVpcs', (vpc, resource) => {
      const resourceWithId = { ...resource, arn: vpc.vpcId };
      if (!vpc.defaultSecurityGroup.ok) return couldNotCheck(id, resourceWithId, 'EC2.DescribeSecurityGroups', vpc.defaultSecurityGroup.error, 'the default security group');
      const group = vpc.defaultSecurityGroup.value;
      if (!group) return finding(id, resourceWithId, 'pass', `VPC ${vpc.vpcId} has no default security group to allow traffic.`, [{ field: 'DescribeSecurityGroups(group-name=default)', value: 'none', expected: 'no rules' }]);
      const inbound = group.ingress.map(show);
      const outbound = group.egress.map(show);
      const evidence = [
        { field: `DescribeSecurityGroups(${group.groupId}).IpPermissions`, value: inbound.length ? inbound : 'none', expected: 'none' },
        { field: `DescribeSecurityGroups(${group.groupId}).IpPermissionsEgress`, value: outbound.length ? outbound : 'none', expected: 'none' },
      ];
      if (!inbound.length && !outbound.length) return finding(id, resourceWithId, 'pass', `The default security group ${group.groupId} of VPC ${vpc.vpcId} has no rules: nothing can use it by accident.`, evidence);
      return finding(id, resourceWithId, 'fail', `The default security group ${group.groupId} of VPC ${vpc.vpcId} still has ${inbound.length} inbound and ${outbound.length} outbound rule${inbound.length + outbound.length === 1 ? '' : 's'}.`, evidence);
    });
  },
});
