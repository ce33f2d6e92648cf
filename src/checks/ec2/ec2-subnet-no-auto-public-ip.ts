import { evaluateEntries } from '../lib/ec2.ts';
import { finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'ec2-subnet-no-auto-public-ip';

export default defineCheck({
  id,
  title: 'Subnets do not give new network interfaces a public IPv4 address automatically',
  service: 'ec2',
  resourceType: 'AWS::EC2::Subnet',
  severity: 'medium',
  risk: 'With public IP assignment on, every instance or interface launched in the subnet gets an internet-routable address by default — one permissive security group away from being reachable by anyone. Private ML subnets should reach AWS services through VPC endpoints instead.',
  securityHub: ['EC2.15'],
  prowler: 'vpc_subnet_no_public_ip_by_default',
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'Turn off MapPublicIpOnLaunch on the subnet; give the workloads that truly need a public address one explicitly.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch',
    docs: 'Modify the public IPv4 addressing attribute for your subnet',
  },
  reads: ['ec2.subnets[].found.value.mapPublicIpOnLaunch'],
  scope: (selector) => ({ ec2: { subnets: selector.names ?? [] } }),
  evaluate(inventory) {
    return evaluateEntries(inventory.ec2?.subnets, id, (name) => ({ type: 'AWS::EC2::Subnet', id: name }), 'EC2.DescribeSubnets', (subnet, resource) => {
      const evidence = [{ field: `DescribeSubnets(${subnet.subnetId}).MapPublicIpOnLaunch`, value: subnet.mapPublicIpOnLaunch, expected: 'false' }];
      const r = { ...resource, arn: subnet.subnetId };
      if (!subnet.mapPublicIpOnLaunch) return finding(id, r, 'pass', `Subnet ${subnet.subnetId} does not hand out public IPv4 addresses on launch.`, evidence);
      return finding(id, r, 'fail', `Subnet ${subnet.subnetId} gives every new network interface a public IPv4 address (MapPublicIpOnLaunch is true).`, evidence);
    });
  },
});
